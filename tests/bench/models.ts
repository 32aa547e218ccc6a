/**
 * Inputs of the model figures (`?phase=models`): the CDNOW files' text as run-bench.mjs hands it
 * to the page (read from ../shared/data/cdnow, never copied into the project), parsed here, and
 * the 100k synthetic BTYD summaries scored by `score_100k`. Nothing here is timed.
 */
import type { RfmSummaryOrder } from '../../src/lib/domain';
import { createRandom } from '../../src/lib/domain/random';

/** Names under which run-bench.mjs serves the data files to the page (`./bench-data/<name>`). */
export const CDNOW_MASTER_FILE = 'CDNOW_master.txt';
export const CDNOW_SUMMARY_FILE = 'cdnow_customers_summary.csv';

/** Expected sizes (SOURCE.md of the data directory). */
export const CDNOW_MASTER_ROWS = 69_659;
export const CDNOW_SUMMARY_ROWS = 2_357;
export const SCORE_CUSTOMERS = 100_000;

/** The CDNOW observation (calibration) end and the model time unit of the figures. */
export const CDNOW_OBSERVATION_END = '1997-09-30';

/** Reference fits on the 2,357-customer CDNOW sample (SOURCE.md), used by `score_100k`. */
export const CDNOW_BG_NBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
export const CDNOW_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 } as const;
/** The published Pareto/NBD fit on the same sample (lifetimes' documentation), used by `score_pareto_100k`. */
export const CDNOW_PARETO_NBD = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } as const;
/** Horizon of the scoring figures: 39 weeks, as in lifetimes' examples and the side-by-side runs. */
export const SCORE_HORIZON = 39;

/**
 * CDNOW_master.txt → orders: whitespace-separated, one header line
 * (`customer_id date number_of_cds dollar_value`), CRLF line ends, dates YYYYMMDD.
 */
export function parseCdnowMaster(text: string): RfmSummaryOrder[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].trim().split(/\s+/);
  if (header.join(' ') !== 'customer_id date number_of_cds dollar_value') {
    throw new Error(`CDNOW_master.txt: unexpected header ${JSON.stringify(lines[0])}`);
  }
  const orders: RfmSummaryOrder[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const f = line.split(/\s+/);
    const d = f[1];
    const amount = Number(f[3]);
    if (f.length !== 4 || !/^\d{8}$/.test(d) || !Number.isFinite(amount)) {
      throw new Error(`CDNOW_master.txt line ${i + 1}: cannot parse ${JSON.stringify(lines[i])}`);
    }
    orders.push({ customerId: f[0], date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount });
  }
  return orders;
}

/** cdnow_customers_summary.csv → columns (header `ID,frequency,recency,T`, weeks). */
export function parseCdnowSummary(text: string): { frequency: Float64Array; recency: Float64Array; T: Float64Array } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0].trim() !== 'ID,frequency,recency,T') {
    throw new Error(`cdnow_customers_summary.csv: unexpected header ${JSON.stringify(lines[0])}`);
  }
  const n = lines.length - 1;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(',');
    frequency[i] = Number(f[1]);
    recency[i] = Number(f[2]);
    T[i] = Number(f[3]);
    if (f.length !== 4 || !Number.isFinite(frequency[i]) || !Number.isFinite(recency[i]) || !Number.isFinite(T[i])) {
      throw new Error(`cdnow_customers_summary.csv line ${i + 2}: cannot parse ${JSON.stringify(lines[i + 1])}`);
    }
  }
  return { frequency, recency, T };
}

/** Synthetic BTYD summaries, in weeks. */
export interface ScoreRows {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
}

/**
 * `n` deterministic customer summaries (seeded `createRandom`): T uniform in [0.5, 78] weeks;
 * frequency = ⌊31·u³⌋ (0…30, skewed: about a third 0, about 1% 30); recency = 0 when frequency is
 * 0, else T·√u (≤ T); monetaryValue lognormal around 30 (always > 0).
 */
export function scoreRows(n: number, seed = 'bench/score_100k'): ScoreRows {
  const rng = createRandom(seed);
  const rows: ScoreRows = {
    frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n),
  };
  const lnMean = Math.log(30);
  for (let i = 0; i < n; i++) {
    const T = 0.5 + 77.5 * rng.next();
    const x = Math.min(30, Math.floor(31 * Math.pow(rng.next(), 3)));
    rows.T[i] = T;
    rows.frequency[i] = x;
    rows.recency[i] = x === 0 ? 0 : Math.min(T, T * Math.sqrt(rng.next()));
    rows.monetaryValue[i] = Math.exp(lnMean + 0.6 * rng.normal());
  }
  return rows;
}
