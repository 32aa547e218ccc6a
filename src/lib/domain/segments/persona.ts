import type { Notice } from '../types';

/**
 * A segment's persona: who its members are (age, gender, city, channel), how they buy compared
 * with the whole base (median recency, frequency, monetary), and the risks that stand out.
 *
 * Conventions:
 * - Attribute shares are of all segment members; unknown values ('' text, NaN age) are left out
 *   of the lists, so shares can sum to less than 1 (the rest is unknown).
 * - Lists are sorted by share, then by value (code-unit order) for ties.
 * - The RFM profile compares medians over buyers (members with a finite recencyDays; prospects
 *   have NaN); monetary also skips NaN. An even count takes the mean of the two middle values.
 * - Nothing is ever NaN: a median or share without data is null.
 */

/** Per-customer columns of the whole base; one entry per customer. */
export interface PersonaBase {
  customers: number;
  /**
   * How many customers the grouping holds, the denominator of `shareOfCustomers` [customers]: an
   * RFM grouping holds the customers who bought by its date, so a segment's share is of them, as
   * in the segment table.
   */
  grouped?: number;
  /** Years; NaN when unknown. */
  age: Float64Array;
  /** '' when unknown. */
  gender: string[];
  city: string[];
  channel: string[];
  netSpend: Float64Array;
  /** Days since the last purchase; NaN for prospects. */
  recencyDays: Float64Array;
  frequency: Int32Array;
  /** NaN when not scored. */
  monetary: Float64Array;
}

/** A value's share of segment members. */
export interface ValueShare {
  value: string;
  share: number;
}

/** Median of a metric in the segment and in the whole base; null without data. */
export interface ProfileMedian {
  segment: number | null;
  base: number | null;
}

/** Result of {@link personaSummary}. */
export interface Persona {
  size: number;
  /** size / grouped customers (all customers when not given); 0 without customers. */
  shareOfCustomers: number;
  /** Members' net spend / everyone's; null when everyone's net spend is ≤ 0. */
  shareOfRevenue: number | null;
  medianAge: number | null;
  genderShares: ValueShare[];
  /** Five most common cities and channels. */
  topCities: ValueShare[];
  topChannels: ValueShare[];
  profile: { recencyDays: ProfileMedian; frequency: ProfileMedian; monetary: ProfileMedian };
  risks: Notice[];
}

/**
 * Risk thresholds. Risks, in the order they are listed (ratios are segment median / base median,
 * tested only when the base median is > 0):
 * - `persona.risk.smallSegment` — 0 < size < minSize (30): figures are unreliable. params: size, min.
 * - `persona.risk.highValueNotRecent` — monetary ratio ≥ 1.5 and recency ratio ≥ 1.5: valuable
 *   customers drifting away. params: monetaryRatio, recencyRatio.
 * - `persona.risk.lapsing` — recency ratio ≥ 2 (when the previous risk is not raised). params: recencyRatio.
 * - `persona.risk.lowFrequency` — frequency ratio ≤ 0.5. params: frequency, baseFrequency.
 * - `persona.risk.revenueConcentration` — share of revenue ≥ 0.5 from share of customers ≤ 0.2:
 *   the business depends on few customers. params: revenueShare, customerShare.
 * - `persona.risk.netLoss` — members' total net spend < 0 (returns exceed sales). params: netSpend.
 */
export const PERSONA_RISK_THRESHOLDS = Object.freeze({
  minSize: 30,
  highValueRatio: 1.5,
  notRecentRatio: 1.5,
  lapsingRatio: 2,
  lowFrequencyRatio: 0.5,
  concentrationRevenueShare: 0.5,
  concentrationCustomerShare: 0.2,
});

const TOP = 5;

/**
 * Describe a segment against the whole base. O(customers): medians by selection, not sorting.
 * @param member 1 for members, one entry per customer
 * @param base per-customer columns
 * @example personaSummary(evaluateRule(rule, table), base).profile.monetary // → { segment: 180, base: 95 }
 */
export function personaSummary(member: Uint8Array, base: PersonaBase): Persona {
  const n = base.customers;
  const scratch = new Float64Array(n);
  let size = 0, memberNet = 0, totalNet = 0;
  for (let i = 0; i < n; i++) {
    const net = base.netSpend[i] || 0; // NaN counts as 0
    totalNet += net;
    if (member[i]) {
      size++;
      memberNet += net;
    }
  }
  const buyer = (i: number) => base.recencyDays[i] === base.recencyDays[i];
  const inSegment = (i: number) => member[i] === 1;
  const profile = {
    recencyDays: {
      segment: median(scratch, n, base.recencyDays, (i) => inSegment(i) && buyer(i)),
      base: median(scratch, n, base.recencyDays, buyer),
    },
    frequency: {
      segment: median(scratch, n, base.frequency, (i) => inSegment(i) && buyer(i)),
      base: median(scratch, n, base.frequency, buyer),
    },
    monetary: {
      segment: median(scratch, n, base.monetary, (i) => inSegment(i) && buyer(i)),
      base: median(scratch, n, base.monetary, buyer),
    },
  };
  const of = base.grouped ?? n;
  const shareOfCustomers = of > 0 ? size / of : 0;
  const shareOfRevenue = totalNet > 0 ? memberNet / totalNet : null;
  return {
    size,
    shareOfCustomers,
    shareOfRevenue,
    medianAge: median(scratch, n, base.age, inSegment),
    genderShares: shares(member, base.gender, n, size, Infinity),
    topCities: shares(member, base.city, n, size, TOP),
    topChannels: shares(member, base.channel, n, size, TOP),
    profile,
    risks: size === 0 ? [] : risks(size, shareOfCustomers, shareOfRevenue, memberNet, profile),
  };
}

function risks(
  size: number, customerShare: number, revenueShare: number | null, netSpend: number, p: Persona['profile'],
): Notice[] {
  const t = PERSONA_RISK_THRESHOLDS;
  const out: Notice[] = [];
  const ratio = (m: ProfileMedian) => (m.segment !== null && m.base !== null && m.base > 0 ? m.segment / m.base : null);
  const r = ratio(p.recencyDays), f = ratio(p.frequency), m = ratio(p.monetary);
  if (size < t.minSize) out.push({ code: 'persona.risk.smallSegment', params: { size, min: t.minSize } });
  const highValueNotRecent = m !== null && r !== null && m >= t.highValueRatio && r >= t.notRecentRatio;
  if (highValueNotRecent) out.push({ code: 'persona.risk.highValueNotRecent', params: { monetaryRatio: m, recencyRatio: r } });
  else if (r !== null && r >= t.lapsingRatio) out.push({ code: 'persona.risk.lapsing', params: { recencyRatio: r } });
  if (f !== null && f <= t.lowFrequencyRatio) {
    out.push({ code: 'persona.risk.lowFrequency', params: { frequency: p.frequency.segment!, baseFrequency: p.frequency.base! } });
  }
  if (revenueShare !== null && revenueShare >= t.concentrationRevenueShare && customerShare <= t.concentrationCustomerShare) {
    out.push({ code: 'persona.risk.revenueConcentration', params: { revenueShare, customerShare } });
  }
  if (netSpend < 0) out.push({ code: 'persona.risk.netLoss', params: { netSpend } });
  return out;
}

/** Shares of the known values among members, largest first, at most `limit`. */
function shares(member: Uint8Array, column: string[], n: number, size: number, limit: number): ValueShare[] {
  if (size === 0) return [];
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!member[i]) continue;
    const v = column[i];
    if (v === '' || v === undefined) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sorted.slice(0, limit).map(([value, count]) => ({ value, share: count / size }));
}

/** Median of column[i] over the rows that pass `keep`, NaN values skipped; null when none. */
function median(scratch: Float64Array, n: number, column: ArrayLike<number>, keep: (i: number) => boolean): number | null {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i];
    if (v === v && keep(i)) scratch[m++] = v;
  }
  if (m === 0) return null;
  const k = m >> 1;
  const upper = select(scratch, m, k);
  if (m % 2) return upper;
  let lower = -Infinity; // after selection, a[0 … k−1] ≤ a[k]: the lower middle is their maximum
  for (let i = 0; i < k; i++) if (scratch[i] > lower) lower = scratch[i];
  return (lower + upper) / 2;
}

/** The k-th smallest of a[0 … m−1] (Hoare's selection); leaves a[0 … k−1] ≤ a[k] ≤ a[k+1 …]. */
function select(a: Float64Array, m: number, k: number): number {
  let lo = 0, hi = m - 1;
  while (lo < hi) {
    const x = a[lo], y = a[(lo + hi) >> 1], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const s = a[i];
        a[i] = a[j];
        a[j] = s;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // j < k < i: a[k] equals the pivot
  }
  return a[k];
}
