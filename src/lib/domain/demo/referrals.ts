/**
 * Who referred whom in the demo company: most customers acquired through the referral channel
 * name the customer who brought them. Referrers are customers who had already bought before the
 * newcomer signed up; loyal, frequent buyers and promoters (NPS 9–10) refer far more often,
 * detractors seldom, so a few customers bring in several others.
 */

import type { Random } from '../random';
import type { SurveyColumns } from '../types';
import type { SimulatedOrders } from './orders';
import { ACQUISITION_CHANNELS, type CustomerProfiles } from './profiles';

/** Share of referral-channel customers whose referrer is known. */
const KNOWN_REFERRER_SHARE = 0.7;

/**
 * The referrer's customer id per customer ('' for none). Customers are sorted by signup day; a
 * referrer has signed up on an earlier day and bought at least once before the newcomer's signup.
 * A candidate's weight is (purchases before that signup)^1.5, times 3 for a promoter and 0.3 for a detractor
 * (latest NPS answer in `surveys`, whenever given).
 */
export function simulateReferrals(
  rng: Random,
  profiles: CustomerProfiles,
  orders: SimulatedOrders,
  surveys: SurveyColumns,
  customerIds: readonly string[],
): string[] {
  const n = profiles.count;
  const out = new Array<string>(n).fill('');
  const index = new Map<string, number>();
  customerIds.forEach((id, i) => index.set(id, i));
  // latest NPS per customer (surveys are sorted by day): 1 promoter, −1 detractor, 0 passive/none
  const stance = new Int8Array(n);
  for (let r = 0; r < surveys.nps.length; r++) {
    const s = surveys.nps[r];
    const c = index.get(surveys.customerId[r]);
    if (c === undefined || s < 0) continue;
    stance[c] = s >= 9 ? 1 : s <= 6 ? -1 : 0;
  }
  // candidates' weights in a Fenwick tree: counting a purchase updates one weight in O(log n)
  const bought = new Int32Array(n); // purchases before the current newcomer's signup day
  const weight = new Float64Array(n);
  const tree = new Float64Array(n + 1);
  const add = (i: number, delta: number): void => {
    for (let j = i + 1; j <= n; j += j & -j) tree[j] += delta;
  };
  const boost = (r: number): number => (stance[r] === 1 ? 3 : stance[r] === -1 ? 0.3 : 1);
  let top = 1;
  while (top * 2 <= n) top *= 2;
  let total = 0;
  let k = 0; // next purchase (day-sorted) not yet counted
  for (let c = 0; c < n; c++) {
    if (profiles.channel[c] !== ACQUISITION_CHANNELS.referral) continue;
    const u = rng.next();
    const x = rng.next();
    const signup = profiles.signupDay[c];
    // a purchase lies on or after its buyer's signup, so every buyer counted signed up earlier
    for (; k < orders.purchaseDay.length && orders.purchaseDay[k] < signup; k++) {
      const r = orders.purchaseCustomer[k];
      const b = ++bought[r];
      const w = b * Math.sqrt(b) * boost(r);
      add(r, w - weight[r]);
      total += w - weight[r];
      weight[r] = w;
    }
    if (u >= KNOWN_REFERRER_SHARE || !(total > 0)) continue; // nobody could have referred them yet
    // the candidate whose weight interval holds x·total
    let target = x * total;
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= n && tree[next] <= target) {
        pos = next;
        target -= tree[next];
      }
    }
    let pick = Math.min(pos, n - 1);
    while (pick > 0 && weight[pick] === 0) pick--; // float rounding at the very end
    if (weight[pick] > 0) out[c] = customerIds[pick];
  }
  return out;
}
