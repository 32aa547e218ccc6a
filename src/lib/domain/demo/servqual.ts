/**
 * SERVQUAL answers of the demo company: a sample of buyers rate all 22 items twice on the 7-point
 * scale, what they expect of an excellent retailer and what they got, some days after one of their
 * purchases; most also split 100 importance points over the five dimensions. Expectations run high
 * (about 5.5–6.8), perceptions lower: reliability is the company's largest gap, except in the story
 * segment, whose slow complaint handling makes responsiveness its largest gap by far.
 */

import type { Random } from '../random';
import { NO_DAY, type DayNumber, type ImportanceColumns, type ServqualColumns } from '../types';
import type { Experience } from './feedback';
import { orderByDay } from './order-by-day';
import type { SimulatedOrders } from './orders';

/** Dimension (0 tangibles, 1 reliability, 2 responsiveness, 3 assurance, 4 empathy) of items 1–22. */
const ITEM_DIMENSION = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4];
/** Mean expectation of items 1–22 before rounding to the scale (people expect reliability most). */
const ITEM_EXPECTATION = [
  5.7, 5.5, 6.0, 5.6, // tangibles
  6.7, 6.6, 6.8, 6.6, 6.5, // reliability
  6.3, 6.4, 6.5, 6.2, // responsiveness
  6.3, 6.5, 6.2, 6.4, // assurance
  5.9, 6.0, 6.1, 5.8, 6.2, // empathy
];
/** Mean gap (perception − expectation) per dimension before rounding, everyone but the story segment. */
const GAP = [-0.35, -1.25, -0.75, -0.5, -0.7];
/** The story segment's gaps: responsiveness far worse, the rest a little worse. */
const STORY_GAP = [-0.4, -1.2, -2.3, -0.65, -0.85];
/** Mean importance points per dimension (Parasuraman, Zeithaml & Berry 1991: reliability first). */
const IMPORTANCE = [11, 32, 22, 19, 16];
/** The story segment cares a little more about being answered quickly. */
const STORY_IMPORTANCE = [10, 29, 28, 18, 15];
/** Dirichlet concentration of the importance split (higher: everyone splits more alike). */
const IMPORTANCE_CONCENTRATION = 40;
/** Share of buyers asked and answering (story segment oversampled so its figures are stable). */
const RESPONSE_SHARE = 0.1;
const STORY_RESPONSE_SHARE = 0.3;
/** Share of respondents who also split the importance points. */
const IMPORTANCE_SHARE = 0.85;

const clampScale = (x: number): number => (x < 1 ? 1 : x > 7 ? 7 : Math.round(x));

/**
 * Whole points ≥ 0 summing exactly to `total` in steps of `step`, proportional to `shares`
 * (largest remainder; ties to the earlier dimension).
 */
export function splitPoints(shares: readonly number[], total: number, step: number): number[] {
  const units = Math.round(total / step);
  const sum = shares.reduce((a, b) => a + b, 0);
  const raw = shares.map((s) => (s / sum) * units);
  const out = raw.map(Math.floor);
  let left = units - out.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j++, left--) out[byRemainder[j % out.length].i]++;
  return out.map((u) => u * step);
}

/** SERVQUAL answers and importance points, both sorted by day (a respondent's 22 items in order). */
export function simulateServqual(
  rng: Random,
  orders: SimulatedOrders,
  count: number,
  experience: Experience,
  story: Uint8Array,
  customerIds: readonly string[],
  end: DayNumber,
): { servqual: ServqualColumns; importance: ImportanceColumns } {
  // a purchase per customer, drawn uniformly among theirs (reservoir over the day-sorted purchases)
  const seen = new Int32Array(count);
  const chosenDay = new Int32Array(count).fill(NO_DAY);
  for (let k = 0; k < orders.purchaseDay.length; k++) {
    const c = orders.purchaseCustomer[k];
    seen[c]++;
    if (rng.next() * seen[c] < 1) chosenDay[c] = orders.purchaseDay[k];
  }
  const resp: number[] = [];
  const respDay: number[] = [];
  for (let c = 0; c < count; c++) {
    if (seen[c] === 0) continue;
    const u = rng.next();
    const d = chosenDay[c] + rng.int(2, 14);
    if (u >= (story[c] ? STORY_RESPONSE_SHARE : RESPONSE_SHARE) || d > end) continue;
    resp.push(c);
    respDay.push(d);
  }
  const order = orderByDay(respDay);
  const m = order.length;
  const servqual: ServqualColumns = {
    customerId: new Array<string>(m * 22),
    day: new Int32Array(m * 22),
    item: new Int8Array(m * 22),
    dimension: new Int8Array(m * 22),
    expectation: new Int8Array(m * 22),
    perception: new Int8Array(m * 22),
  };
  const impCust: string[] = [];
  const impDay: number[] = [];
  const imp: number[][] = [[], [], [], [], []];
  for (let j = 0; j < m; j++) {
    const c = resp[order[j]];
    const d = respDay[order[j]];
    const id = customerIds[c];
    const gaps = story[c] ? STORY_GAP : GAP;
    const bad = Math.min(experience.badlyHandled[c], 2);
    const expectShift = 0.35 * rng.normal(); // some people expect more of everyone
    const perceiveShift = 0.45 * rng.normal() - 0.25 * bad; // mood, and how their complaints went
    for (let i = 0; i < 22; i++) {
      const row = j * 22 + i;
      const dim = ITEM_DIMENSION[i];
      const e = ITEM_EXPECTATION[i] + expectShift + 0.45 * rng.normal();
      const p = ITEM_EXPECTATION[i] + gaps[dim] + perceiveShift + 0.7 * rng.normal();
      servqual.customerId[row] = id;
      servqual.day[row] = d;
      servqual.item[row] = i + 1;
      servqual.dimension[row] = dim;
      servqual.expectation[row] = clampScale(e);
      servqual.perception[row] = clampScale(p);
    }
    const answers = rng.next() < IMPORTANCE_SHARE;
    const roundFive = rng.next() < 0.5; // many people split in fives
    const mean = story[c] ? STORY_IMPORTANCE : IMPORTANCE;
    const shares = mean.map((w) => rng.gamma((IMPORTANCE_CONCENTRATION * w) / 100, 1));
    if (!answers) continue;
    const points = splitPoints(shares, 100, roundFive ? 5 : 1);
    impCust.push(id);
    impDay.push(d);
    for (let k = 0; k < 5; k++) imp[k].push(points[k]);
  }
  const importance: ImportanceColumns = {
    customerId: impCust,
    day: Int32Array.from(impDay),
    tangibles: Float64Array.from(imp[0]),
    reliability: Float64Array.from(imp[1]),
    responsiveness: Float64Array.from(imp[2]),
    assurance: Float64Array.from(imp[3]),
    empathy: Float64Array.from(imp[4]),
  };
  return { servqual, importance };
}
