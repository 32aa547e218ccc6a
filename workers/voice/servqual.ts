/**
 * Voice of the customer: SERVQUAL gaps of the loaded dataset's answers, overall and by group of a
 * grouping, with the items' means and the priorities. An answer (and an importance answer) counts
 * when it is dated on or before the analysis day, or undated. A group's respondents are the
 * customers in it on the grouping's day; its weights come from their own importance points.
 */
import { servqualSummary, MIN_ANSWERS, NO_DAY, type ServqualSummary } from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import type { LoadedDataset } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { countsBy, ordered } from './scores';

/** One set of respondents' SERVQUAL figures; too few under MIN_ANSWERS respondents. */
export interface ServqualFigures extends ServqualSummary {
  tooFew: boolean;
}

export interface ServqualRequest {
  /** The grouping the figures are shown by (default: the 11 RFM segments with default settings). */
  grouping?: GroupingHandle;
  /** Only answers dated on or before this day count, and groupings are as of it (default: every answer). */
  analysisDay?: number;
}

export interface ServqualResult {
  /** Answers (rows) and distinct respondents that count; importance answers that count. */
  answers: number;
  respondents: number;
  importanceAnswers: number;
  /** First and last day of the answers (null without dated ones). */
  firstDay: number | null;
  lastDay: number | null;
  /** Every answer that counts. */
  overall: ServqualFigures;
  /** The grouping the groups are of, and its groups in the grouping's order (groups without respondents left out). */
  grouping: { kind: GroupingHandle['definition']['kind']; id: string };
  groups: (ServqualFigures & { key: string })[];
  /** Respondents in no group of the grouping (prospects, customers unknown to the orders). */
  ungrouped: number;
}

export interface ServqualApi {
  /** SERVQUAL gaps of the loaded dataset's answers, overall and by group. */
  servqual(jobId: string, datasetId: string, request?: ServqualRequest): Promise<ServqualResult>;
}

export function servqualApi(ctx: EngineContext): ServqualApi {
  return {
    servqual(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runServqual(ctx.current(datasetId), request, checkpoint));
    },
  };
}

const figuresOf = (summary: ServqualSummary): ServqualFigures => ({ ...summary, tooFew: summary.respondents < MIN_ANSWERS });

/** Rows of a table that count as of the analysis day, per group label of their customer ('' in no group). */
function rowsByLabel(customerId: string[], day: Int32Array, ds: LoadedDataset, labels: string[] | null, analysisDay: number | undefined) {
  const all: number[] = [];
  const groups = new Map<string, number[]>();
  for (let r = 0; r < customerId.length; r++) {
    if (!countsBy(day[r], analysisDay)) continue;
    all.push(r);
    if (!labels) continue;
    const k = ds.indexed.customerIndex.get(customerId[r]);
    const label = k === undefined ? '' : labels[k];
    let list = groups.get(label);
    if (!list) groups.set(label, (list = []));
    list.push(r);
  }
  return { all, groups };
}

export function runServqual(ds: LoadedDataset, request: ServqualRequest, checkpoint: () => void): ServqualResult {
  const { servqual: sq, importance: im } = ds.content;
  const analysisDay = request.analysisDay;
  const handle = request.grouping ?? handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay } });
  // no grouping to compute without answers
  const labels = sq.customerId.length > 0 ? resolveGrouping(ds, handle).labels : null;
  checkpoint();
  const answers = rowsByLabel(sq.customerId, sq.day, ds, labels, analysisDay);
  // importance points count for customers who answered (a set's weights come from its own respondents)
  const answered = new Set<string>();
  let firstDay = Infinity, lastDay = -Infinity;
  for (const r of answers.all) {
    answered.add(sq.customerId[r]);
    const d = sq.day[r];
    if (d === NO_DAY) continue;
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }
  const points = rowsByLabel(im.customerId, im.day, ds, labels, analysisDay);
  const usable = (rows: number[]) => rows.filter((r) => answered.has(im.customerId[r]));
  const overall = figuresOf(servqualSummary(sq, answers.all, im, usable(points.all)));
  checkpoint();

  const keys = ordered(handle.definition.kind, [...answers.groups.keys()].filter((k) => k !== ''));
  const groups = keys.map((key) => ({ key, ...figuresOf(servqualSummary(sq, answers.groups.get(key)!, im, usable(points.groups.get(key) ?? []))) }));
  const ungroupedRows = answers.groups.get('') ?? [];
  return {
    answers: answers.all.length,
    respondents: overall.respondents,
    importanceAnswers: points.all.length,
    firstDay: Number.isFinite(firstDay) ? firstDay : null,
    lastDay: Number.isFinite(lastDay) ? lastDay : null,
    overall,
    grouping: { kind: handle.definition.kind, id: handle.id },
    groups,
    ungrouped: new Set(ungroupedRows.map((r) => sq.customerId[r])).size,
  };
}
