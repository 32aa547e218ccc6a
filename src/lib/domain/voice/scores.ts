/**
 * Net Promoter Score and CSAT with intervals for small samples (MeasuringU's recommendations):
 * the adjusted Wald interval for NPS (Rocks 2016: add three answers, ¾ promoter, 1½ passive,
 * ¾ detractor) and Agresti–Coull for CSAT's top-box share, and the Wald test of two NPS.
 */
import { normalCdf, normalQuantile } from './normal';

/** Fewer answers than this in a group: its NPS and CSAT are flagged as too few to rely on (their interval is wide). */
export const MIN_ANSWERS = 30;

/** Result of {@link npsSummary}: counts, the raw NPS and its interval, in points (−100…100). */
export interface NpsSummary {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  ci: [number, number];
}

/** z of a two-sided interval at `confidence` (0 < confidence < 1), else a notice. */
function zOf(confidence: number | undefined): number {
  const c = confidence ?? 0.95;
  if (!(c > 0 && c < 1)) throw { code: 'voice.confidence', params: { confidence: String(c) } };
  return normalQuantile(1 - (1 - c) / 2);
}

/** Promoters (9–10), passives (7–8) and detractors (0–6); scores that are not whole numbers 0–10 throw `voice.npsScore`. */
function npsCounts(scores: ArrayLike<number>): { n: number; promoters: number; passives: number; detractors: number } {
  let promoters = 0, passives = 0, detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(Number.isInteger(s) && s >= 0 && s <= 10)) throw { code: 'voice.npsScore', params: { index: i, value: String(s) } };
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  return { n: scores.length, promoters, passives, detractors };
}

/**
 * NPS of 0–10 answers: 100·(promoters − detractors)/n, NaN without answers, with an interval
 * (default the adjusted Wald at 95%: n′ = n + 3, p′ = (P + ¾)/n′, d′ = (D + ¾)/n′, centred on
 * p′ − d′, half-width z·√((p′ + d′ − (p′ − d′)²)/n′); 'wald' uses the raw shares and n).
 * @example npsSummary([10, 9, 8, 6, 3]) // nps 0 (2 promoters, 2 detractors of 5)
 */
export function npsSummary(
  scores: ArrayLike<number>, options: { method?: 'adjusted-wald' | 'wald'; confidence?: number } = {},
): NpsSummary {
  const z = zOf(options.confidence);
  const method = options.method ?? 'adjusted-wald';
  if (method !== 'adjusted-wald' && method !== 'wald') throw { code: 'voice.npsMethod', params: { method: String(method) } };
  const counts = npsCounts(scores);
  const { n, promoters, detractors } = counts;
  const adjusted = method === 'adjusted-wald';
  const m = adjusted ? n + 3 : n;
  const p = (promoters + (adjusted ? 0.75 : 0)) / m;
  const d = (detractors + (adjusted ? 0.75 : 0)) / m;
  const centre = p - d;
  const half = z * Math.sqrt(Math.max(0, p + d - centre * centre) / m);
  return { ...counts, nps: n > 0 ? (100 * (promoters - detractors)) / n : Number.NaN, ci: [100 * (centre - half), 100 * (centre + half)] };
}

/**
 * The difference of two groups' NPS, b − a in points (raw scores), with its Wald interval and test:
 * variance of each NPS share (P + D − (P − D)²)/n, the two added; z = difference / SE, two-sided p.
 * @example npsDifference(champions, atRisk) // { difference: −24, ci: [−39, −9], … }
 */
export function npsDifference(
  a: ArrayLike<number>, b: ArrayLike<number>, options: { confidence?: number } = {},
): { difference: number; ci: [number, number]; z: number; pValue: number } {
  const zc = zOf(options.confidence);
  const ca = npsCounts(a), cb = npsCounts(b);
  if (ca.n === 0 || cb.n === 0) throw { code: 'voice.npsNoAnswers', params: { a: ca.n, b: cb.n } };
  const share = (c: typeof ca) => {
    const p = c.promoters / c.n, d = c.detractors / c.n;
    return { nps: p - d, variance: (p + d - (p - d) ** 2) / c.n };
  };
  const sa = share(ca), sb = share(cb);
  const difference = sb.nps - sa.nps;
  const se = Math.sqrt(sa.variance + sb.variance);
  const z = se > 0 ? difference / se : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const pValue = se > 0 ? 2 * (1 - normalCdf(Math.abs(z))) : difference === 0 ? 1 : 0;
  return { difference: 100 * difference, ci: [100 * (difference - zc * se), 100 * (difference + zc * se)], z, pValue };
}

/** Result of {@link csatSummary}: the share satisfied (0–1) and its Agresti–Coull interval. */
export interface CsatSummary {
  n: number;
  satisfied: number;
  csat: number;
  ci: [number, number];
}

/** The lowest score counted satisfied by default: the top two boxes of 5, 7 and 10 points. */
/** The CSAT scales a survey may use. */
export const CSAT_SCALES = [5, 7, 10] as const;
export type CsatScale = (typeof CSAT_SCALES)[number];

/** The lowest score counted as satisfied on each scale (top-2-box: 4–5 of 5, 6–7 of 7, 9–10 of 10). */
export const DEFAULT_TOP_BOX: Record<CsatScale, number> = { 5: 4, 7: 6, 10: 9 };

/**
 * The scale answers were most likely given on: the smallest of 5, 7 and 10 points that holds the
 * highest answer (5 without answers).
 * @example csatScaleFor(6) // 7
 */
export function csatScaleFor(highest: number): CsatScale {
  return highest <= 5 ? 5 : highest <= 7 ? 7 : 10;
}

/**
 * CSAT of 1–`scale` answers: the share at or above `topBox` (default 4 of 5, 6 of 7, 9 of 10), NaN
 * without answers, with the Agresti–Coull interval ñ = n + z², p̃ = (satisfied + z²/2)/ñ,
 * p̃ ± z·√(p̃(1 − p̃)/ñ), clipped to [0, 1]. Scores that are not whole numbers 1–scale throw `voice.csatScore`.
 * @example csatSummary([5, 4, 3, 5]) // csat 0.75
 */
export function csatSummary(
  scores: ArrayLike<number>, options: { scale?: 5 | 7 | 10; topBox?: number; confidence?: number } = {},
): CsatSummary {
  const z = zOf(options.confidence);
  const scale = options.scale ?? 5;
  if (!(scale === 5 || scale === 7 || scale === 10)) throw { code: 'voice.csatScale', params: { scale: String(scale) } };
  const topBox = options.topBox ?? DEFAULT_TOP_BOX[scale];
  if (!(Number.isInteger(topBox) && topBox >= 1 && topBox <= scale)) throw { code: 'voice.csatTopBox', params: { topBox: String(topBox), scale } };
  let satisfied = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(Number.isInteger(s) && s >= 1 && s <= scale)) throw { code: 'voice.csatScore', params: { index: i, value: String(s), scale } };
    if (s >= topBox) satisfied++;
  }
  const n = scores.length;
  const z2 = z * z;
  const nt = n + z2;
  const pt = (satisfied + z2 / 2) / nt;
  const half = z * Math.sqrt((pt * (1 - pt)) / nt);
  return { n, satisfied, csat: n > 0 ? satisfied / n : Number.NaN, ci: [Math.max(0, pt - half), Math.min(1, pt + half)] };
}
