/**
 * Customer profiles of the demo company as numbers only: signup day, demographics as table
 * indices, acquisition channel and cost, and the hidden behaviour parameters (BG/NBD purchase
 * rate and dropout probability, Gamma-Gamma spend rate, return propensity).
 */

import type { Random } from '../random';
import type { DayNumber } from '../types';
import { CumulativeSampler, seasonalWeight } from './calendar';

/** Acquisition channels; indices into `DemoText.channels`. */
export const ACQUISITION_CHANNELS = {
  organic: 0,
  paidAds: 1,
  social: 2,
  store: 3,
  referral: 4,
  liveCommerce: 5,
} as const;

interface ChannelTraits {
  /** Mean acquisition cost (CNY). */
  cost: number;
  /** Multiplier on the purchase rate. */
  rate: number;
  /** Multiplier on the dropout probability (below 1: retains better). */
  dropout: number;
  /** Multiplier on the order value. */
  spend: number;
  /** Share of customers who never order. */
  prospect: number;
}

/** Per-channel traits, in the order of `ACQUISITION_CHANNELS`. */
const CHANNEL_TRAITS: readonly ChannelTraits[] = [
  { cost: 10, rate: 1.0, dropout: 1.0, spend: 1.0, prospect: 0.05 },
  { cost: 120, rate: 0.9, dropout: 1.4, spend: 0.95, prospect: 0.07 },
  { cost: 70, rate: 1.0, dropout: 1.15, spend: 0.9, prospect: 0.05 },
  { cost: 60, rate: 1.05, dropout: 0.9, spend: 1.15, prospect: 0.03 },
  { cost: 30, rate: 1.15, dropout: 0.65, spend: 1.05, prospect: 0.03 },
  { cost: 90, rate: 1.1, dropout: 1.2, spend: 0.85, prospect: 0.06 },
];

/** City weights (rough urban size), in the order of `DemoText.cities`. */
const CITY_WEIGHTS = [24, 22, 18, 17, 12, 16, 9, 12, 12, 16, 12, 13, 10, 11, 9];

/** BG/NBD purchase rate λ ~ Gamma(r, 1/α) per week. */
const RATE_SHAPE = 0.75;
const RATE_ALPHA = 2;
/** Cap on λ (purchases per week) so that no demo customer buys absurdly often. */
const MAX_WEEKLY_RATE = 0.6;
/** Dropout probability after each purchase p ~ Beta(a, b). */
const DROPOUT_A = 0.7;
const DROPOUT_B = 1.1;
/** Gamma-Gamma spend: ν ~ Gamma(q, 1/γ), order value ~ Gamma(p, 1/ν); mean p·γ/(q−1) ≈ 280 CNY. */
export const SPEND_P = 6;
const SPEND_Q = 4;
const SPEND_GAMMA = 140;

/** Numeric customer profiles, one entry per customer, sorted by signup day. */
export interface CustomerProfiles {
  count: number;
  signupDay: Int32Array;
  /** 0 = female, 1 = male. */
  male: Uint8Array;
  birthDay: Int32Array;
  city: Uint8Array;
  channel: Uint8Array;
  acquisitionCost: Float64Array;
  /** 1 = never orders. */
  prospect: Uint8Array;
  /** Purchase rate per day. */
  ratePerDay: Float64Array;
  /** Probability of dropping out after each purchase. */
  dropout: Float64Array;
  /** Gamma-Gamma scale of one order's value (order value ~ Gamma(SPEND_P, spendScale)). */
  spendScale: Float64Array;
  /** Probability that an order is (partly) returned. */
  returnRate: Float64Array;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Signup days: more customers later in the window (growth) and in busy seasons. */
function drawSignupDays(rng: Random, count: number, start: DayNumber, end: DayNumber): Int32Array {
  const span = end - start + 1;
  const weights = new Float64Array(span);
  for (let i = 0; i < span; i++) {
    const t = i / (span - 1);
    weights[i] = (1 + 1.6 * t) * Math.sqrt(seasonalWeight(start + i));
  }
  const sampler = new CumulativeSampler(weights);
  const days = new Int32Array(count);
  for (let i = 0; i < count; i++) days[i] = start + sampler.index(rng.next());
  return days.sort();
}

/** Age at signup: 18–75, most customers 25–45. */
function drawAge(rng: Random): number {
  for (;;) {
    const age = 19 + rng.gamma(2.8, 6);
    if (age <= 75) return Math.floor(age);
  }
}

/** Channel weights at a point t ∈ [0, 1] of the window: live commerce grows, paid ads shrink. */
function channelWeights(t: number): number[] {
  return [26, 22 - 6 * t, 16, 14, 12, 5 + 15 * t];
}

/** Draws `count` customer profiles over the window; the rows come out sorted by signup day. */
export function drawProfiles(rng: Random, count: number, start: DayNumber, end: DayNumber): CustomerProfiles {
  const signupDay = drawSignupDays(rng, count, start, end);
  const p: CustomerProfiles = {
    count,
    signupDay,
    male: new Uint8Array(count),
    birthDay: new Int32Array(count),
    city: new Uint8Array(count),
    channel: new Uint8Array(count),
    acquisitionCost: new Float64Array(count),
    prospect: new Uint8Array(count),
    ratePerDay: new Float64Array(count),
    dropout: new Float64Array(count),
    spendScale: new Float64Array(count),
    returnRate: new Float64Array(count),
  };
  const citySampler = new CumulativeSampler(CITY_WEIGHTS);
  const span = Math.max(1, end - start);
  for (let i = 0; i < count; i++) {
    p.male[i] = rng.next() < 0.45 ? 1 : 0;
    p.birthDay[i] = signupDay[i] - Math.floor(drawAge(rng) * 365.25) - rng.int(0, 364);
    p.city[i] = citySampler.index(rng.next());
    const ch = rng.weighted(channelWeights((signupDay[i] - start) / span));
    p.channel[i] = ch;
    const traits = CHANNEL_TRAITS[ch];
    p.acquisitionCost[i] = round2(traits.cost * Math.exp(0.3 * rng.normal() - 0.045));
    p.prospect[i] = rng.next() < traits.prospect ? 1 : 0;
    p.ratePerDay[i] = (Math.min(MAX_WEEKLY_RATE, rng.gamma(RATE_SHAPE, 1 / RATE_ALPHA)) * traits.rate) / 7;
    p.dropout[i] = Math.min(0.97, rng.beta(DROPOUT_A, DROPOUT_B) * traits.dropout);
    const nu = rng.gamma(SPEND_Q, 1 / SPEND_GAMMA);
    p.spendScale[i] = traits.spend / nu;
    p.returnRate[i] = rng.beta(0.6, 14);
  }
  return p;
}
