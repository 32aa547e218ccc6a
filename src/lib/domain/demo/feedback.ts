/**
 * Voice of the customer for the demo company: service interactions after orders (returned orders
 * draw complaints) and NPS/CSAT surveys whose scores follow loyalty and bad experiences.
 */

import type { Random } from '../random';
import type { DayNumber, InteractionColumns, SurveyColumns } from '../types';
import { orderByDay } from './order-by-day';
import type { SimulatedOrders } from './orders';
import type { CustomerProfiles } from './profiles';
import type { DemoText } from './text';

const KINDS = ['complaint', 'inquiry', 'praise'] as const;
const COMPLAINT = 0;
const INQUIRY = 1;
/** Weights of interaction kinds after an ordinary (not returned) order. */
const KIND_WEIGHTS = [30, 52, 18];
/** Topic weights (delivery, quality, price, after-sales, membership) per kind. */
const TOPIC_WEIGHTS: readonly (readonly number[])[] = [
  [35, 25, 12, 20, 8],
  [30, 10, 20, 15, 25],
  [30, 30, 10, 20, 10],
];
/** Topic weights of a complaint about a returned order. */
const RETURN_COMPLAINT_TOPICS = [10, 45, 5, 35, 5];
/** Service channel weights (phone, live chat, email, store). */
const SERVICE_CHANNEL_WEIGHTS = [25, 45, 10, 20];
const RESOLVED_SHARE = [0.8, 0.95, 1];
/** Satisfaction shift per acquisition channel (organic, paid, social, store, referral, live). */
const CHANNEL_SATISFACTION = [0, -0.35, -0.1, 0.3, 0.5, -0.2];

/** Per-customer experience counts gathered from interactions. */
export interface Experience {
  complaints: Uint16Array;
  unresolved: Uint16Array;
}

/** Service interactions, a few days after some purchases; rows sorted by day. */
export function simulateInteractions(
  rng: Random,
  orders: SimulatedOrders,
  customerIds: readonly string[],
  text: DemoText,
  end: DayNumber,
): { columns: InteractionColumns; experience: Experience } {
  const experience: Experience = {
    complaints: new Uint16Array(customerIds.length),
    unresolved: new Uint16Array(customerIds.length),
  };
  const cust: number[] = [];
  const day: number[] = [];
  const kind: number[] = [];
  const topic: number[] = [];
  const channel: number[] = [];
  const resolved: number[] = [];
  const n = orders.purchaseDay.length;
  for (let k = 0; k < n; k++) {
    const returned = orders.purchaseReturned[k] === 1;
    if (rng.next() >= (returned ? 0.55 : 0.11)) continue;
    const kd = returned ? (rng.next() < 0.75 ? COMPLAINT : INQUIRY) : rng.weighted(KIND_WEIGHTS);
    const tp = rng.weighted(returned && kd === COMPLAINT ? RETURN_COMPLAINT_TOPICS : TOPIC_WEIGHTS[kd]);
    const ch = rng.weighted(SERVICE_CHANNEL_WEIGHTS);
    const ok = rng.next() < RESOLVED_SHARE[kd] ? 1 : 0;
    const d = orders.purchaseDay[k] + rng.int(1, 20);
    if (d > end) continue;
    const c = orders.purchaseCustomer[k];
    if (kd === COMPLAINT) {
      experience.complaints[c]++;
      if (!ok) experience.unresolved[c]++;
    }
    cust.push(c);
    day.push(d);
    kind.push(kd);
    topic.push(tp);
    channel.push(ch);
    resolved.push(ok);
  }
  const order = orderByDay(day);
  const columns: InteractionColumns = {
    customerId: Array.from(order, (r) => customerIds[cust[r]]),
    day: Int32Array.from(order, (r) => day[r]),
    channel: Array.from(order, (r) => text.serviceChannels[channel[r]]),
    kind: Array.from(order, (r) => KINDS[kind[r]]),
    topic: Array.from(order, (r) => text.topics[topic[r]]),
    resolved: Uint8Array.from(order, (r) => resolved[r]),
  };
  return { columns, experience };
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** One or two NPS/CSAT surveys from about a third of buyers; rows sorted by day. */
export function simulateSurveys(
  rng: Random,
  orders: SimulatedOrders,
  profiles: CustomerProfiles,
  experience: Experience,
  customerIds: readonly string[],
  end: DayNumber,
): SurveyColumns {
  const count = profiles.count;
  // Purchases per customer (compressed rows: start offsets into `byCustomer`).
  const purchases = new Int32Array(count);
  const returnedAny = new Uint8Array(count);
  const n = orders.purchaseCustomer.length;
  for (let k = 0; k < n; k++) {
    const c = orders.purchaseCustomer[k];
    purchases[c]++;
    if (orders.purchaseReturned[k]) returnedAny[c] = 1;
  }
  const offset = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) offset[c + 1] = offset[c] + purchases[c];
  const fill = offset.slice(0, count);
  const byCustomer = new Int32Array(n);
  for (let k = 0; k < n; k++) byCustomer[fill[orders.purchaseCustomer[k]]++] = k;

  const cust: number[] = [];
  const day: number[] = [];
  const nps: number[] = [];
  const csat: number[] = [];
  for (let c = 0; c < count; c++) {
    const m = purchases[c];
    if (m === 0 || rng.next() >= 0.36) continue;
    const surveys = m >= 2 && rng.next() < 0.35 ? 2 : 1;
    const latent =
      8.0 +
      0.55 * Math.log(m) +
      CHANNEL_SATISFACTION[profiles.channel[c]] +
      1.5 * rng.normal() -
      1.4 * returnedAny[c] -
      1.1 * Math.min(experience.complaints[c], 2) -
      0.9 * Math.min(experience.unresolved[c], 1);
    for (let s = 0; s < surveys; s++) {
      const k = byCustomer[offset[c] + Math.floor(rng.next() * m)];
      const d = Math.min(end, orders.purchaseDay[k] + rng.int(1, 7));
      const score = clamp(Math.round(latent + 0.9 * rng.normal()), 0, 10);
      const sat = clamp(Math.round(1 + 0.4 * score + 0.6 * rng.normal()), 1, 5);
      const form = rng.next(); // 70% both questions, 20% NPS only, 10% CSAT only
      cust.push(c);
      day.push(d);
      nps.push(form < 0.9 ? score : -1);
      csat.push(form < 0.7 || form >= 0.9 ? sat : 0);
    }
  }
  const order = orderByDay(day);
  return {
    customerId: Array.from(order, (r) => customerIds[cust[r]]),
    day: Int32Array.from(order, (r) => day[r]),
    nps: Int8Array.from(order, (r) => nps[r]),
    csat: Int8Array.from(order, (r) => csat[r]),
  };
}
