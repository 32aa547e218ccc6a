/**
 * A set of SERVQUAL respondents summed up: the dimensions' expectation, perception and gap
 * ({@link servqualGaps}) weighted by the respondents' importance points, the items' means, and the
 * priorities — the dimensions whose customers' perception falls short of their expectation,
 * the largest weighted gap first.
 *
 * Weights: each respondent who split importance points over the five dimensions gives each
 * dimension the share of their own points (points ÷ their total); a dimension's weight is the mean
 * of those shares over the respondents who gave points (the others do not count). A respondent
 * with several importance answers counts with the latest one (by day; undated ones before dated ones;
 * the later row in the file on a tie).
 */
import { NO_DAY, type ImportanceColumns, type ServqualColumns } from '../types';
import { SERVQUAL_DIMENSIONS, servqualGaps, type ServqualDimension, type ServqualGaps, type ServqualRow } from './servqual';

/** Number of SERVQUAL items. */
export const SERVQUAL_ITEM_COUNT = 22;

/** One item's means over its answers (item-level answers only). */
export interface ServqualItemFigure {
  item: number;
  dimension: ServqualDimension;
  expectation: number;
  perception: number;
  /** Mean of perception − expectation. */
  gap: number;
  n: number;
}

/** A dimension whose perception falls short of the expectation, with its share of the importance. */
export interface ServqualPriority {
  dimension: ServqualDimension;
  expectation: number;
  perception: number;
  /** perception − expectation (negative). */
  gap: number;
  /** Share of the importance (0–1; null without importance points). */
  weight: number | null;
  /** weight × gap (null without importance points). */
  weightedGap: number | null;
}

/** Result of {@link servqualSummary}. */
export interface ServqualSummary extends ServqualGaps {
  /** Distinct customers with at least one answer, and the answers (rows). */
  respondents: number;
  answers: number;
  /** Of the respondents, those whose importance points make the weights (0: unweighted). */
  weightedBy: number;
  /** Items 1–22 with item-level answers, in order (empty when the answers are per dimension). */
  items: ServqualItemFigure[];
  /** Dimensions with a negative gap, the most negative weighted gap first (unweighted gap without weights). */
  priorities: ServqualPriority[];
}

const all = (length: number): number[] => Array.from({ length }, (_, i) => i);

/**
 * The weights from importance points: per customer their latest row's points as shares of its
 * total (rows whose points are not all finite and ≥ 0, or add up to 0, are left out), averaged over
 * the customers. Null when no row is usable.
 * @param rows indices into `table` (default: every row)
 * @example // a gives reliability and empathy 50 points each, b gives empathy 100: empathy's weight is (0.5 + 1) / 2 = 0.75
 */
export function importanceWeights(
  table: ImportanceColumns, rows: ArrayLike<number> = all(table.customerId.length),
): { weights: Record<ServqualDimension, number> | null; respondents: number } {
  const latest = new Map<string, number>();
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const points = SERVQUAL_DIMENSIONS.map((d) => table[d][r]);
    const total = points.reduce((s, p) => s + p, 0);
    if (!points.every((p) => Number.isFinite(p) && p >= 0) || !(total > 0)) continue;
    const id = table.customerId[r];
    const before = latest.get(id);
    if (before === undefined || dayRank(table.day[r]) >= dayRank(table.day[before])) latest.set(id, r);
  }
  if (latest.size === 0) return { weights: null, respondents: 0 };
  const sums = Object.fromEntries(SERVQUAL_DIMENSIONS.map((d) => [d, 0])) as Record<ServqualDimension, number>;
  for (const r of latest.values()) {
    const total = SERVQUAL_DIMENSIONS.reduce((s, d) => s + table[d][r], 0);
    for (const d of SERVQUAL_DIMENSIONS) sums[d] += table[d][r] / total;
  }
  for (const d of SERVQUAL_DIMENSIONS) sums[d] /= latest.size;
  return { weights: sums, respondents: latest.size };
}

/** Undated answers rank before every dated one. */
const dayRank = (day: number): number => (day === NO_DAY ? -Infinity : day);

/**
 * The priorities of a set of gaps: the dimensions with a negative gap, ordered by weight × gap
 * (most negative first) when weighted, else by the gap; ties in the questionnaire's order.
 */
export function servqualPriorities(gaps: ServqualGaps): ServqualPriority[] {
  const weighted = gaps.weighted !== null;
  const list = gaps.dimensions
    .filter((d) => d.n > 0 && d.gap < 0)
    .map((d) => ({
      dimension: d.dimension, expectation: d.expectation, perception: d.perception, gap: d.gap,
      weight: weighted ? d.weight : null, weightedGap: weighted ? d.weight * d.gap : null,
    }));
  const key = (p: ServqualPriority): number => p.weightedGap ?? p.gap;
  const order = (p: ServqualPriority): number => SERVQUAL_DIMENSIONS.indexOf(p.dimension);
  return list.sort((a, b) => key(a) - key(b) || order(a) - order(b));
}

/**
 * The SERVQUAL figures of the answers at `rows` (indices into `answers`; item 0 is a
 * dimension-level answer), weighted by the importance points at `importanceRows` when any are
 * usable (see {@link importanceWeights}).
 */
export function servqualSummary(
  answers: ServqualColumns, rows: ArrayLike<number> = all(answers.customerId.length),
  importance?: ImportanceColumns, importanceRows?: ArrayLike<number>,
): ServqualSummary {
  const list: ServqualRow[] = [];
  const customers = new Set<string>();
  const items = Array.from({ length: SERVQUAL_ITEM_COUNT + 1 }, () => ({ e: 0, p: 0, n: 0, dimension: 0 }));
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const dimension = SERVQUAL_DIMENSIONS[answers.dimension[r]];
    const e = answers.expectation[r], p = answers.perception[r];
    list.push({ dimension, expectation: e, perception: p });
    customers.add(answers.customerId[r]);
    const item = answers.item[r];
    if (item >= 1 && item <= SERVQUAL_ITEM_COUNT) {
      const s = items[item];
      s.e += e;
      s.p += p;
      s.n++;
      s.dimension = answers.dimension[r];
    }
  }
  const w = importance ? importanceWeights(importance, importanceRows) : { weights: null, respondents: 0 };
  const gaps = servqualGaps(list, w.weights ?? undefined);
  return {
    ...gaps,
    respondents: customers.size,
    answers: list.length,
    weightedBy: w.respondents,
    items: items.flatMap((s, item) => (s.n > 0 ? [{
      item, dimension: SERVQUAL_DIMENSIONS[s.dimension], expectation: s.e / s.n, perception: s.p / s.n, gap: (s.p - s.e) / s.n, n: s.n,
    }] : [])),
    priorities: servqualPriorities(gaps),
  };
}
