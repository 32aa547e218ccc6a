/**
 * Voice of the customer for the demo company: service interactions after orders (returned orders
 * draw complaints; each entry has a severity, a resolution day or stays open, and a short text)
 * and NPS/CSAT surveys whose scores follow loyalty and bad experiences.
 */

import type { Random } from '../random';
import { NO_DAY, type DayNumber, type InteractionColumns, type SurveyColumns } from '../types';
import { orderByDay } from './order-by-day';
import type { SimulatedOrders } from './orders';
import type { CustomerProfiles } from './profiles';
import type { FeedbackText } from './feedback-text';
import { indexOfUniform, type DemoText } from './text';

const KINDS = ['complaint', 'inquiry', 'praise', 'suggestion'] as const;
const COMPLAINT = 0;
const INQUIRY = 1;
const PRAISE = 2;
/** Weights of interaction kinds after an ordinary (not returned) order. */
const KIND_WEIGHTS = [30, 50, 16, 4];
/** The same for a customer of the story segment: more complaints, less praise. */
const STORY_KIND_WEIGHTS = [50, 40, 6, 4];
/** Topic weights (delivery, quality, price, after-sales, membership) per kind. */
const TOPIC_WEIGHTS: readonly (readonly number[])[] = [
  [35, 25, 12, 20, 8],
  [30, 10, 20, 15, 25],
  [30, 30, 10, 20, 10],
  [20, 15, 15, 20, 30],
];
/** Topic weights of a complaint about a returned order. */
const RETURN_COMPLAINT_TOPICS = [10, 45, 5, 35, 5];
/** Service channel weights (phone, live chat, email, store). */
const SERVICE_CHANNEL_WEIGHTS = [25, 45, 10, 20];
/** Severity weights (low, medium, high) of a complaint; complaints about a returned order run high. */
const SEVERITY_WEIGHTS = [45, 40, 15];
const RETURN_SEVERITY_WEIGHTS = [15, 35, 50];
/**
 * Share of complaints filed without a topic (their text still says what it is about). Membership
 * complaints come in through the members' form, which always sets the topic.
 */
const NO_TOPIC_SHARE = 0.11;
const MEMBERSHIP = 4;
/**
 * Median hours to resolve a complaint by severity (low, medium, high): the high ones need an
 * investigation, a refund or a replacement, so they take longer despite their priority.
 */
const COMPLAINT_MEDIAN_HOURS = [18, 34, 60];
/** The story segment waits this many times longer for an answer. */
const STORY_SLOWDOWN = 6;
/** Spread (sd of the log) of resolution times. */
const RESOLUTION_SIGMA = 0.9;
/** Share of complaints that stall for weeks before they are closed. */
const STALL_SHARE = 0.05;
/** Share of complaints that are never closed (left hanging); the story segment's are left far more often. */
const ABANDON_SHARE = 0.003;
const STORY_ABANDON_SHARE = 0.1;
/**
 * The year-end backlog: complaints filed in the last BACKLOG_DAYS days before the end wait a few
 * extra days (or weeks) in the queue with this probability, so the open queue is mostly recent.
 */
const BACKLOG_DAYS = 28;
const BACKLOG_SHARE = 0.6;
/** Days after which a complaint counts as badly handled in the customer's memory. */
const SLOW_DAYS = 7;
/** Satisfaction shift per acquisition channel (organic, paid, social, store, referral, live). */
const CHANNEL_SATISFACTION = [0, -0.35, -0.1, 0.3, 0.5, -0.2];

/** Per-customer experience counts gathered from interactions. */
export interface Experience {
  complaints: Uint16Array;
  /** Complaints still open at the end, or that took longer than a week to close. */
  badlyHandled: Uint16Array;
}

/** Whole days from hours drawn log-normally around a median (a few hours → day 0). */
function lognormalDays(rng: Random, medianHours: number, sigma: number): number {
  return Math.floor((medianHours * Math.exp(sigma * rng.normal())) / 24);
}

/**
 * Days a complaint takes to close (Infinity: never): log-normal around its severity's median,
 * slower for the story segment; a few stall for weeks, a few are never closed, and those filed
 * during the year-end backlog often wait longer.
 */
function complaintDays(rng: Random, severity: number, story: boolean, backlog: boolean): number {
  const u = rng.next();
  const stall = rng.int(15, 75);
  const waiting = rng.next() < BACKLOG_SHARE ? rng.int(3, 25) : 0;
  const days = lognormalDays(rng, COMPLAINT_MEDIAN_HOURS[severity - 1] * (story ? STORY_SLOWDOWN : 1), RESOLUTION_SIGMA);
  if (u < (story ? STORY_ABANDON_SHARE : ABANDON_SHARE)) return Infinity;
  if (u > 1 - STALL_SHARE) return Math.max(days, stall);
  return backlog ? days + waiting : days;
}

/**
 * Service interactions, a few days after some purchases; rows sorted by day. Customers flagged in
 * `story` (the segment with a responsiveness problem) get in touch more often, complain more, wait
 * far longer for a resolution and are more often left without one. An entry is resolved when its
 * resolution day is on or before `end`; otherwise it is still open. `words` gives the free text.
 */
export function simulateInteractions(
  rng: Random,
  orders: SimulatedOrders,
  customerIds: readonly string[],
  text: DemoText,
  words: FeedbackText,
  story: Uint8Array,
  end: DayNumber,
): { columns: InteractionColumns; experience: Experience } {
  const experience: Experience = {
    complaints: new Uint16Array(customerIds.length),
    badlyHandled: new Uint16Array(customerIds.length),
  };
  const cust: number[] = [];
  const day: number[] = [];
  const kind: number[] = [];
  const topic: number[] = [];
  const hasTopic: number[] = [];
  const channel: number[] = [];
  const severity: number[] = [];
  const closed: number[] = [];
  const variant: number[] = [];
  const n = orders.purchaseDay.length;
  for (let k = 0; k < n; k++) {
    const c = orders.purchaseCustomer[k];
    const inStory = story[c] === 1;
    const returned = orders.purchaseReturned[k] === 1;
    if (rng.next() >= (returned ? (inStory ? 0.7 : 0.55) : inStory ? 0.24 : 0.11)) continue;
    const kd = returned
      ? rng.next() < 0.75
        ? COMPLAINT
        : INQUIRY
      : rng.weighted(inStory ? STORY_KIND_WEIGHTS : KIND_WEIGHTS);
    const tp = rng.weighted(returned && kd === COMPLAINT ? RETURN_COMPLAINT_TOPICS : TOPIC_WEIGHTS[kd]);
    const ch = rng.weighted(SERVICE_CHANNEL_WEIGHTS);
    const d = orders.purchaseDay[k] + rng.int(1, 20);
    const u = rng.next(); // text variant
    const v = rng.next(); // topic left out, inquiry severity, suggestion still under review
    let sev = 0;
    let days: number;
    if (kd === COMPLAINT) {
      sev = 1 + rng.weighted(returned ? RETURN_SEVERITY_WEIGHTS : SEVERITY_WEIGHTS);
      days = complaintDays(rng, sev, inStory, d > end - BACKLOG_DAYS);
    } else if (kd === INQUIRY) {
      sev = v < 0.6 ? 1 : 0;
      days = rng.next() < 0.01 ? Infinity : lognormalDays(rng, inStory ? 20 : 5, 1);
    } else if (kd === PRAISE) {
      days = 0; // nothing to do but thank them
    } else {
      sev = v < 0.4 ? 1 : 0;
      days = v > 0.9 ? Infinity : lognormalDays(rng, 60, 0.8); // one in ten stays under review
    }
    if (d > end) continue;
    const done = d + days <= end;
    if (kd === COMPLAINT) {
      experience.complaints[c]++;
      if (!done || days > SLOW_DAYS) experience.badlyHandled[c]++;
    }
    cust.push(c);
    day.push(d);
    kind.push(kd);
    topic.push(tp);
    hasTopic.push(kd === COMPLAINT && tp !== MEMBERSHIP && v < NO_TOPIC_SHARE ? 0 : 1);
    channel.push(ch);
    severity.push(sev);
    closed.push(done ? d + days : NO_DAY);
    variant.push(u);
  }
  const order = orderByDay(day);
  const textOf = (r: number): string => {
    const list = words[KINDS[kind[r]]][topic[r]];
    return list[indexOfUniform(variant[r], list.length)];
  };
  const columns: InteractionColumns = {
    id: Array.from(order, (_, r) => `demo-${r + 1}`),
    customerId: Array.from(order, (r) => customerIds[cust[r]]),
    day: Int32Array.from(order, (r) => day[r]),
    channel: Array.from(order, (r) => text.serviceChannels[channel[r]]),
    kind: Array.from(order, (r) => KINDS[kind[r]]),
    topic: Array.from(order, (r) => (hasTopic[r] ? text.topics[topic[r]] : '')),
    resolved: Uint8Array.from(order, (r) => (closed[r] === NO_DAY ? 0 : 1)),
    severity: Int8Array.from(order, (r) => severity[r]),
    resolvedDay: Int32Array.from(order, (r) => closed[r]),
    text: Array.from(order, textOf),
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
      0.9 * Math.min(experience.badlyHandled[c], 1);
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
