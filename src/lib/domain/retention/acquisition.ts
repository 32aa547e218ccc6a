/**
 * Customer acquisition cost (CAC) per channel, and CLV against CAC.
 *
 * CAC of a channel comes from one of two sources:
 * - `'table'` — the user entered the channel's total acquisition spend (options.costTable):
 *   CAC = spend / customers acquired, where customers acquired is options.newCustomers[channel]
 *   when given (e.g. the new customers of the campaign period), else the number of customers with
 *   that channel. Null when that number is 0.
 * - `'fields'` — otherwise, the mean of the per-customer acquisition costs that are known (finite
 *   and ≥ 0); null when none is known.
 *
 * Channels are compared as given; '' (unknown channel) is a channel like any other. Rows are
 * sorted by channel name (code-unit order), and include channels that appear only in costTable.
 */

/** One row of {@link cacByChannel}. */
export interface ChannelCac {
  channel: string;
  /** Customers the CAC is spread over: newCustomers[channel] when given, else customers in the channel. */
  customers: number;
  /** Customers of the channel with a known per-customer cost (the base of a 'fields' mean). */
  costsKnown: number;
  cac: number | null;
  source: 'fields' | 'table';
}

/** Options of {@link cacByChannel}. */
export interface CacOptions {
  /** Total acquisition spend per channel entered by the user (finite, ≥ 0). */
  costTable?: Record<string, number>;
  /** Customers acquired per channel, for the table's spend (integers ≥ 0). */
  newCustomers?: Record<string, number>;
}

/**
 * CAC per channel (see the file comment for the two sources). O(customers + channels log channels).
 * Throws `acquisition.lengthMismatch` when the arrays differ in length, and
 * `acquisition.option.invalid` (params name 'costTable' or 'newCustomers', and channel) for a spend
 * that is not a finite number ≥ 0 or a customer count that is not an integer ≥ 0.
 * @param channel acquisition channel per customer
 * @param acquisitionCost acquisition cost per customer (NaN when unknown)
 * @param options costTable, newCustomers
 * @example cacByChannel(['ads', 'ads', 'shop'], Float64Array.of(10, NaN, 4), { costTable: { shop: 100 } })
 * // → [{ channel: 'ads', customers: 2, costsKnown: 1, cac: 10, source: 'fields' },
 * //    { channel: 'shop', customers: 1, costsKnown: 1, cac: 100, source: 'table' }]
 */
export function cacByChannel(channel: string[], acquisitionCost: Float64Array, options: CacOptions = {}): ChannelCac[] {
  if (channel.length !== acquisitionCost.length) {
    throw { code: 'acquisition.lengthMismatch', params: { channel: channel.length, acquisitionCost: acquisitionCost.length } };
  }
  const costTable = options.costTable ?? {};
  const newCustomers = options.newCustomers ?? {};
  for (const [name, v] of Object.entries(costTable)) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw { code: 'acquisition.option.invalid', params: { name: 'costTable', channel: name } };
  }
  for (const [name, v] of Object.entries(newCustomers)) {
    if (!(Number.isInteger(v) && v >= 0)) throw { code: 'acquisition.option.invalid', params: { name: 'newCustomers', channel: name } };
  }
  const groups = new Map<string, { customers: number; known: number; sum: number }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { customers: 0, known: 0, sum: 0 }));
    return g;
  };
  for (let c = 0; c < channel.length; c++) {
    const g = group(channel[c]);
    g.customers++;
    const cost = acquisitionCost[c];
    if (cost >= 0 && cost < Infinity) {
      g.known++;
      g.sum += cost;
    }
  }
  for (const name of Object.keys(costTable)) group(name);
  return [...groups.keys()].sort(byCodeUnits).map((name) => {
    const g = groups.get(name)!;
    if (Object.hasOwn(costTable, name)) {
      const customers = Object.hasOwn(newCustomers, name) ? newCustomers[name] : g.customers;
      return { channel: name, customers, costsKnown: g.known, cac: customers > 0 ? costTable[name] / customers : null, source: 'table' as const };
    }
    return { channel: name, customers: g.customers, costsKnown: g.known, cac: g.known > 0 ? g.sum / g.known : null, source: 'fields' as const };
  });
}

/** One row of {@link clvToCac}. */
export interface ChannelClvCac {
  channel: string;
  /** Customers of the channel (in the clv array). */
  customers: number;
  /** Mean of the channel's finite CLVs; null when there is none. */
  meanClv: number | null;
  cac: number | null;
  /** meanClv / cac; null when either is null or cac ≤ 0. */
  ratio: number | null;
  /**
   * Months of margin to earn back the CAC: cac / mean monthly margin of the channel's customers.
   * 0 when cac is 0; null without options.monthlyMargin, without cac, or when the mean margin is ≤ 0
   * or unknown (never paid back).
   */
  paybackMonths: number | null;
}

/** Options of {@link clvToCac}. */
export interface ClvCacOptions {
  /** Margin each customer earns per month (NaN when unknown), parallel to clv. */
  monthlyMargin?: Float64Array;
}

/**
 * CLV against CAC per channel: mean CLV, its ratio to CAC (3 or more is the usual rule of thumb)
 * and, given each customer's monthly margin, the payback time in months. Means skip NaN and
 * infinite values. Rows are the channels of `channel` and of `cac`, sorted by name.
 * Throws `acquisition.lengthMismatch` when clv, channel and monthlyMargin differ in length.
 * @param clv CLV per customer
 * @param channel acquisition channel per customer
 * @param cac CAC per channel (e.g. from {@link cacByChannel}); missing, negative or non-finite → cac null
 * @param options monthlyMargin per customer
 * @example clvToCac(Float64Array.of(300, 500), ['ads', 'ads'], { ads: 100 }, { monthlyMargin: Float64Array.of(20, 30) })
 * // → [{ channel: 'ads', customers: 2, meanClv: 400, cac: 100, ratio: 4, paybackMonths: 4 }]   (100 / 25)
 */
export function clvToCac(clv: Float64Array, channel: string[], cac: Record<string, number | null>, options: ClvCacOptions = {}): ChannelClvCac[] {
  const margin = options.monthlyMargin;
  if (clv.length !== channel.length || (margin && margin.length !== channel.length)) {
    throw { code: 'acquisition.lengthMismatch', params: { clv: clv.length, channel: channel.length, monthlyMargin: margin?.length ?? channel.length } };
  }
  const groups = new Map<string, { customers: number; clvN: number; clvSum: number; marginN: number; marginSum: number }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { customers: 0, clvN: 0, clvSum: 0, marginN: 0, marginSum: 0 }));
    return g;
  };
  for (let c = 0; c < channel.length; c++) {
    const g = group(channel[c]);
    g.customers++;
    if (Number.isFinite(clv[c])) {
      g.clvN++;
      g.clvSum += clv[c];
    }
    if (margin && Number.isFinite(margin[c])) {
      g.marginN++;
      g.marginSum += margin[c];
    }
  }
  for (const name of Object.keys(cac)) group(name);
  return [...groups.keys()].sort(byCodeUnits).map((name) => {
    const g = groups.get(name)!;
    const raw = Object.hasOwn(cac, name) ? cac[name] : null;
    const k = typeof raw === 'number' && raw >= 0 && raw < Infinity ? raw : null; // negative or NaN: unknown
    const meanClv = g.clvN > 0 ? g.clvSum / g.clvN : null;
    const meanMargin = g.marginN > 0 ? g.marginSum / g.marginN : null;
    return {
      channel: name,
      customers: g.customers,
      meanClv,
      cac: k,
      ratio: meanClv !== null && k !== null && k > 0 ? meanClv / k : null,
      paybackMonths: !margin || k === null ? null : k === 0 ? 0 : meanMargin !== null && meanMargin > 0 ? k / meanMargin : null,
    };
  });
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
