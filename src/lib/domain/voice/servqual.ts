/**
 * SERVQUAL (Parasuraman, Zeithaml & Berry 1988): 22 items, each asked as expectation and
 * perception on a 7-point scale, in five dimensions; the gap is perception − expectation.
 */

/** The five dimensions, in the questionnaire's order. */
export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** The dimensions' Chinese names, as files and the questionnaire write them. */
export const SERVQUAL_DIMENSION_ZH: Record<ServqualDimension, string> = {
  tangibles: '有形性', reliability: '可靠性', responsiveness: '响应性', assurance: '保证性', empathy: '同理心',
};

/** Last item of each dimension: 1–4 tangibles, 5–9 reliability, 10–13 responsiveness, 14–17 assurance, 18–22 empathy. */
const LAST_ITEM: Record<ServqualDimension, number> = { tangibles: 4, reliability: 9, responsiveness: 13, assurance: 17, empathy: 22 };

/**
 * The dimension of SERVQUAL item 1–22; anything else throws `voice.servqualItem`.
 * @example servqualDimension(11) // 'responsiveness'
 */
export function servqualDimension(item: number): ServqualDimension {
  if (!(Number.isInteger(item) && item >= 1 && item <= 22)) throw { code: 'voice.servqualItem', params: { item: String(item) } };
  for (const d of SERVQUAL_DIMENSIONS) if (item <= LAST_ITEM[d]) return d;
  throw { code: 'voice.servqualItem', params: { item: String(item) } };
}

/** The index in SERVQUAL_DIMENSIONS of item 1–22's dimension (as stored in ServqualColumns.dimension). */
export function servqualDimensionIndex(item: number): number {
  return SERVQUAL_DIMENSIONS.indexOf(servqualDimension(item));
}

/** One answer (an item's or a dimension's): expectation and perception on the same scale. */
export interface ServqualRow {
  dimension: ServqualDimension;
  expectation: number;
  perception: number;
}

/** Result of {@link servqualGaps}. */
export interface ServqualGaps {
  dimensions: { dimension: ServqualDimension; expectation: number; perception: number; gap: number; n: number; weight: number }[];
  unweighted: number;
  weighted: number | null;
}

/**
 * Expectation, perception and gap (mean of perception − expectation over its rows) per dimension,
 * in the questionnaire's order (NaN means for a dimension without rows); the unweighted SERVQUAL
 * score is the mean of the dimensions' gaps (of those with rows); with importance points per
 * dimension (any scale, e.g. 100 points split by a respondent; normalised to sum to 1), the
 * weighted score is Σ weight × gap, else null. Each dimension's weight is its normalised share
 * (equal shares without weights). Rows with an unknown dimension or a non-finite value throw
 * `voice.servqualRow`; negative or non-finite weights `voice.servqualWeight`.
 * @example servqualGaps([{ dimension: 'reliability', expectation: 6.5, perception: 5 }]).dimensions[1].gap // −1.5
 */
export function servqualGaps(rows: readonly ServqualRow[], weights?: Partial<Record<ServqualDimension, number>>): ServqualGaps {
  const sum = Object.fromEntries(SERVQUAL_DIMENSIONS.map((d) => [d, { e: 0, p: 0, g: 0, n: 0 }])) as Record<ServqualDimension, { e: number; p: number; g: number; n: number }>;
  rows.forEach((row, index) => {
    const s = Object.hasOwn(sum, row.dimension) ? sum[row.dimension] : undefined;
    if (!s || !Number.isFinite(row.expectation) || !Number.isFinite(row.perception)) {
      throw { code: 'voice.servqualRow', params: { index, dimension: String(row.dimension) } };
    }
    s.e += row.expectation;
    s.p += row.perception;
    s.g += row.perception - row.expectation;
    s.n++;
  });
  let total = 0;
  if (weights) {
    for (const [d, w] of Object.entries(weights)) {
      if (!(SERVQUAL_DIMENSIONS as readonly string[]).includes(d) || !(w === undefined || (Number.isFinite(w) && w >= 0))) {
        throw { code: 'voice.servqualWeight', params: { dimension: d, weight: String(w) } };
      }
      total += w ?? 0;
    }
    if (!(total > 0)) throw { code: 'voice.servqualWeight', params: { dimension: '', weight: String(total) } };
  }
  const dimensions = SERVQUAL_DIMENSIONS.map((dimension) => {
    const s = sum[dimension];
    return {
      dimension, n: s.n, expectation: s.n ? s.e / s.n : Number.NaN, perception: s.n ? s.p / s.n : Number.NaN, gap: s.n ? s.g / s.n : Number.NaN,
      weight: weights ? (weights[dimension] ?? 0) / total : 1 / SERVQUAL_DIMENSIONS.length,
    };
  });
  const present = dimensions.filter((d) => d.n > 0);
  const unweighted = present.length ? present.reduce((acc, d) => acc + d.gap, 0) / present.length : Number.NaN;
  const weighted = weights ? dimensions.reduce((acc, d) => acc + (d.weight > 0 ? d.weight * d.gap : 0), 0) : null;
  return { dimensions, unweighted, weighted };
}
