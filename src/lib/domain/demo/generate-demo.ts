/**
 * The demo company: a Chinese retailer with three years of customers, orders, returns, surveys
 * and service interactions, generated deterministically from a seed.
 */

import { createRandom } from '../random';
import { drawConsent } from './consent';
import type { CustomerColumns, DatasetContent, DayNumber } from '../types';
import { DEMO_END_DAY, DEMO_START_DAY } from './calendar';
import { simulateInteractions, simulateSurveys } from './feedback';
import { feedbackText } from './feedback-text';
import { simulateOrders } from './orders';
import { drawProfiles, type CustomerProfiles } from './profiles';
import { simulateReferrals } from './referrals';
import { simulateServqual } from './servqual';
import { defaultRfmLabels, STORY_SEGMENT } from './story';
import { demoText, indexOfUniform, type DemoLocale, type DemoText } from './text';

/** A generated demo dataset with its display name, currency and observation window. */
export type DemoData = DatasetContent & {
  name: string;
  currency: string;
  /** First day of the order window. */
  startDay: DayNumber;
  /** Last day of the order window, inclusive. */
  endDay: DayNumber;
};

/** Options of `generateDemo`. */
export interface DemoOptions {
  /** Seed of every random draw (default 20240601). */
  seed?: number;
  /** Number of customers, prospects included (default 5,000). */
  customers?: number;
  /** Language of names, places, channels and topics (default 'zh'); numbers do not depend on it. */
  locale?: DemoLocale;
}

/** Default seed of the demo company. */
export const DEMO_SEED = 20240601;
/** Default number of demo customers. */
export const DEMO_CUSTOMERS = 5000;

/** Customer columns in display form: ids, names and places in the chosen locale. */
function customerColumns(
  profiles: CustomerProfiles,
  ids: string[],
  seed: number,
  text: DemoText,
  referredBy: string[],
  consent: { consent: Uint8Array; consentDay: Int32Array },
): CustomerColumns {
  const names = createRandom(`${seed}/names`);
  const n = profiles.count;
  const name = new Array<string>(n);
  const gender = new Array<string>(n);
  const city = new Array<string>(n);
  const province = new Array<string>(n);
  const channel = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const male = profiles.male[i] === 1;
    const surname = text.surnames[indexOfUniform(names.next(), text.surnames.length)];
    const givenList = male ? text.maleNames : text.femaleNames;
    const given = givenList[indexOfUniform(names.next(), givenList.length)];
    name[i] = text.joinName(surname, given);
    gender[i] = male ? 'M' : 'F';
    city[i] = text.cities[profiles.city[i]];
    province[i] = text.provinces[profiles.city[i]];
    channel[i] = text.channels[profiles.channel[i]];
  }
  return {
    id: ids,
    name,
    gender,
    birthDay: profiles.birthDay.slice(),
    city,
    province,
    channel,
    acquisitionCost: profiles.acquisitionCost.slice(),
    signupDay: profiles.signupDay.slice(),
    referredBy,
    consent: consent.consent,
    consentDay: consent.consentDay,
  };
}

/**
 * Generates the demo company. Pure and deterministic: the same options give the same data, and
 * the locale changes only display strings (names, places, channels, topics, interaction texts),
 * never ids, days or amounts. Orders lie in 2023-01-01 … 2025-12-31; every table but customers is
 * sorted by day (customers by signup day). Besides orders, NPS/CSAT surveys and service
 * interactions, it holds SERVQUAL answers with importance points and who referred whom, with a
 * story: the default RFM grouping's {@link STORY_SEGMENT} segment waited far longer for its
 * complaints to be resolved and rates responsiveness far below what it expects.
 */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEMO_SEED;
  const count = Math.max(0, Math.floor(options.customers ?? DEMO_CUSTOMERS));
  const locale = options.locale ?? 'zh';
  const text = demoText(locale);
  const start = DEMO_START_DAY;
  const end = DEMO_END_DAY;

  const profiles = drawProfiles(createRandom(`${seed}/customers`), count, start, end);
  const ids = Array.from({ length: count }, (_, i) => 'C' + String(i + 1).padStart(6, '0'));
  const orders = simulateOrders(
    createRandom(`${seed}/orders`),
    createRandom(`${seed}/returns`),
    profiles,
    ids,
    start,
    end,
  );
  // the story: the default RFM grouping's "at risk" customers were answered slowly
  const labels = defaultRfmLabels(orders.columns, ids);
  const story = Uint8Array.from(labels, (l) => (l === STORY_SEGMENT ? 1 : 0));
  const { columns: interactions, experience } = simulateInteractions(
    createRandom(`${seed}/interactions`),
    orders,
    ids,
    text,
    feedbackText(locale),
    story,
    end,
  );
  const surveys = simulateSurveys(createRandom(`${seed}/surveys`), orders, profiles, experience, ids, end);
  const { servqual, importance } = simulateServqual(createRandom(`${seed}/servqual`), orders, count, experience, story, ids, end);
  const referredBy = simulateReferrals(createRandom(`${seed}/referrals`), profiles, orders, surveys, ids);
  const consent = drawConsent(createRandom(`${seed}/consent`), profiles.signupDay, end);

  return {
    name: text.datasetName,
    currency: 'CNY',
    startDay: start,
    endDay: end,
    orders: orders.columns,
    customers: customerColumns(profiles, ids, seed, text, referredBy, consent),
    surveys,
    interactions,
    servqual,
    importance,
  };
}
