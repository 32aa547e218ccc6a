/**
 * Two groups' NPS compared: the difference (first − second, in points) with its 95% Wald interval
 * and two-sided p, from each group's counts of promoters, passives and detractors.
 */
import { npsDifference } from '../../domain';
import type { NpsFigure, VoiceResult } from '../../../../workers/api';

type Group = VoiceResult['groups'][number];

export interface GroupComparison {
  a: string;
  b: string;
  /** NPS of a − NPS of b, in points, with its interval. */
  difference: number;
  ci: [number, number];
  pValue: number;
}

/** Answers with the same counts (promoter 10, passive 8, detractor 0): all npsDifference looks at. */
function scoresOf(f: NpsFigure): Int8Array {
  const scores = new Int8Array(f.n);
  scores.fill(10, 0, f.promoters);
  scores.fill(8, f.promoters, f.promoters + f.passives);
  return scores;
}

/** a's NPS against b's; null when either has no NPS answer. */
export function compareGroups(a: Group, b: Group): GroupComparison | null {
  if (a.nps.n === 0 || b.nps.n === 0) return null;
  // npsDifference gives its second argument minus its first
  const d = npsDifference(scoresOf(b.nps), scoresOf(a.nps));
  return { a: a.key, b: b.key, difference: d.difference, ci: d.ci, pValue: d.pValue };
}

/** Two groups worth comparing at first: the first and the last with enough answers ('others' set aside), else the first two. */
export function defaultPair(groups: Group[]): [string, string] | null {
  const enough = groups.filter((g) => !g.nps.tooFew && g.key !== 'others');
  if (enough.length >= 2) return [enough[0].key, enough[enough.length - 1].key];
  return groups.length >= 2 ? [groups[0].key, groups[1].key] : null;
}
