/**
 * Act and measure: the KPIs the targets are checked against (issue 16, point 5), per calendar
 * month as of the dataset's last order day, with the dashboard's own definitions:
 *
 * - **as of the period's last day** (computeKpis on the customer summary of that day, as the
 *   dashboard computes them, so the current month's figures are the dashboard's): customers (all
 *   customers except those whose first order came later), active customers (last order within the
 *   active window), purchase frequency (orders per buying customer), repurchase rate (buyers with 2+
 *   orders);
 * - **in the period**: net revenue (the bars of the dashboard's revenue-by-month chart), average
 *   order value (gross sales per order of the period's orders), churn (churnRateByPeriod as the
 *   early-warning rules use it: of the customers active at the period's start, the share who turn
 *   silent for more than 90 days during it), NPS and CSAT of the answers dated in the period (as the
 *   Voice page counts them), and complaints dated in the period per 1,000 of its orders.
 *
 * The current period is the month of the last order day, up to that day; the previous period and
 * the same month a year earlier cover the same days of their months (whole months when the data
 * ends on a month's last day), so a month in progress is not compared with a whole one.
 */
import { dayFromCivil, monthIndexOfDay, monthLabel, NO_DAY, type KpiKey } from '../../src/lib/domain';
import type { EngineContext } from '../core/context';
import type { LoadedDataset } from '../core/loaded';
import { COMPLAINT } from '../voice/api';
import { figures } from '../voice/scores';

/** Silence after which a customer counts as churned: the early-warning rules' 90 days. */
export const CHURN_INACTIVE_DAYS = 90;
/** Months in the trend series, by default. */
export const TREND_MONTHS = 24;

export interface KpisRequest {
  /** The dashboard's active window in days (≥ 1). */
  activeDays: number;
  /** Months in the trend series (1 … 120; default 24). */
  months?: number;
}

/** Every KPI over one period (null where it cannot be computed: no buyers, no answers, no orders). */
export interface KpiPeriodFigures {
  /** First and last day of the period (inclusive). */
  start: number;
  end: number;
  values: Record<KpiKey, number | null>;
  /** Answers behind the NPS and the CSAT, and the period's orders. */
  npsAnswers: number;
  csatAnswers: number;
  orders: number;
  /** The data begins after the period's first day or the period is a month in progress: its figures are not a whole month's. */
  partial: boolean;
}

export interface KpiTrendPoint extends KpiPeriodFigures {
  /** 'YYYY-MM'. */
  month: string;
}

export interface KpisResult {
  datasetId: string;
  /** The last order day (null: no orders; then every period is null and the series empty). */
  asOfDay: number | null;
  activeDays: number;
  inactiveAfterDays: number;
  /** The data ends on a month's last day: the periods are whole months. */
  wholeMonth: boolean;
  current: KpiPeriodFigures | null;
  previous: KpiPeriodFigures | null;
  yearAgo: KpiPeriodFigures | null;
  /** One point per month, oldest first, up to the current month (which is in progress unless the data ends on its last day). */
  series: KpiTrendPoint[];
}

export interface KpisApi {
  /** The KPIs of the current month, the previous one and the same month a year earlier, and the monthly trend. */
  kpis(jobId: string, datasetId: string, request: KpisRequest): Promise<KpisResult>;
}

export function kpisApi(ctx: EngineContext): KpisApi {
  return {
    kpis(jobId, datasetId, request) {
      return ctx.run(jobId, async (checkpoint) => ({ datasetId, ...computeKpiFigures(ctx.current(datasetId), request, checkpoint) }));
    },
  };
}

const monthStart = (m: number): number => dayFromCivil(Math.floor(m / 12), (m % 12) + 1, 1);
const monthEnd = (m: number): number => monthStart(m + 1) - 1;

/** The figures of {@link KpisApi.kpis} on a loaded dataset. Throws `kpiTrend.error.activeDays` or `kpiTrend.error.months` for bad options. */
export function computeKpiFigures(ds: LoadedDataset, request: KpisRequest, checkpoint: () => void = () => {}): Omit<KpisResult, 'datasetId'> {
  const activeDays = request.activeDays;
  const months = request.months ?? TREND_MONTHS;
  if (!(Number.isInteger(activeDays) && activeDays >= 1)) throw { code: 'kpiTrend.error.activeDays', params: { value: String(activeDays) } };
  if (!(Number.isInteger(months) && months >= 1 && months <= 120)) throw { code: 'kpiTrend.error.months', params: { value: String(months) } };
  const s = ds.summary;
  let first = Infinity, last = -Infinity;
  for (let c = 0; c < s.lastDay.length; c++) {
    if (s.lastDay[c] === NO_DAY) continue;
    if (s.firstDay[c] < first) first = s.firstDay[c];
    if (s.lastDay[c] > last) last = s.lastDay[c];
  }
  const empty = { activeDays, inactiveAfterDays: CHURN_INACTIVE_DAYS, wholeMonth: false, current: null, previous: null, yearAgo: null, series: [] };
  if (!Number.isFinite(last)) return { asOfDay: null, ...empty };
  const calc = new PeriodCalculator(ds, activeDays, first);
  const m0 = monthIndexOfDay(last);
  const whole = last === monthEnd(m0);
  const offset = last - monthStart(m0);
  /** The comparison period in month m: the same days as the current one. */
  const same = (m: number): KpiPeriodFigures | null => {
    const start = monthStart(m);
    const end = whole ? monthEnd(m) : Math.min(start + offset, monthEnd(m));
    return end < first ? null : calc.period(start, end);
  };
  const current = calc.period(monthStart(m0), last);
  const previous = same(m0 - 1);
  const yearAgo = same(m0 - 12);
  checkpoint();
  const series: KpiTrendPoint[] = [];
  for (let m = Math.max(m0 - months + 1, monthIndexOfDay(first)); m <= m0; m++) {
    series.push({ month: monthLabel(m), ...(m === m0 ? current : calc.period(monthStart(m), monthEnd(m))) });
    checkpoint();
  }
  return { asOfDay: last, activeDays, inactiveAfterDays: CHURN_INACTIVE_DAYS, wholeMonth: whole, current, previous, yearAgo, series };
}

/**
 * Computes periods' figures from one pass over the orders: per day, the gross sales, the returns
 * and the orders (an order on the day of its first purchase line, as summarizeCustomers counts it
 * once any of its lines is dated by then); per customer, the sorted days of its purchase lines and
 * of its orders. A period's figures are then what computeKpis and churnRateByPeriod give on the
 * customer summary as of its last day (a test checks them against that summary), without building
 * a summary per period.
 */
class PeriodCalculator {
  readonly #ds: LoadedDataset;
  readonly #activeDays: number;
  readonly #first: number;
  /** First day with a line (returns included) and the running sums per day from it. */
  readonly #d0: number;
  readonly #sales: Float64Array;
  readonly #returns: Float64Array;
  readonly #orders: Float64Array;
  /** Per customer c: purchase-line days lineDays[lineAt[c] … lineAt[c + 1]), order days likewise; each sorted. */
  readonly #lineAt: Int32Array;
  readonly #lineDays: Int32Array;
  readonly #orderAt: Int32Array;
  readonly #orderDays: Int32Array;
  /** Survey rows and complaint days with a date, for counting per period. */
  readonly #answerRows: number[] = [];
  readonly #complaintDays: number[] = [];
  /** Without any interaction in the data there is no complaint rate (0 would claim none were made). */
  readonly #hasInteractions: boolean;

  constructor(ds: LoadedDataset, activeDays: number, first: number) {
    this.#ds = ds;
    this.#activeDays = activeDays;
    this.#first = first;
    const o = ds.indexed.orders;
    const n = ds.indexed.customers.id.length;
    let d0 = Infinity, d1 = -Infinity;
    for (let i = 0; i < o.length; i++) {
      if (o.day[i] < d0) d0 = o.day[i];
      if (o.day[i] > d1) d1 = o.day[i];
    }
    if (!Number.isFinite(d0)) d0 = d1 = 0;
    this.#d0 = d0;
    const span = d1 - d0 + 1;
    const sales = new Float64Array(span + 1), returns = new Float64Array(span + 1), orders = new Float64Array(span + 1);
    const orderDay = new Int32Array(o.orderKeys).fill(NO_DAY);
    const owner = new Int32Array(o.orderKeys);
    const lineCount = new Int32Array(n + 1);
    for (let i = 0; i < o.length; i++) {
      const d = o.day[i] - d0;
      if (o.isReturn[i]) {
        returns[d + 1] += Math.abs(o.amount[i]);
        continue;
      }
      sales[d + 1] += o.amount[i];
      lineCount[o.customer[i] + 1]++;
      const k = o.orderKey[i];
      if (orderDay[k] === NO_DAY || o.day[i] < orderDay[k]) {
        orderDay[k] = o.day[i];
        owner[k] = o.customer[i];
      }
    }
    const orderCount = new Int32Array(n + 1);
    for (let k = 0; k < o.orderKeys; k++) {
      if (orderDay[k] === NO_DAY) continue;
      orders[orderDay[k] - d0 + 1]++;
      orderCount[owner[k] + 1]++;
    }
    for (let d = 1; d <= span; d++) {
      sales[d] += sales[d - 1];
      returns[d] += returns[d - 1];
      orders[d] += orders[d - 1];
    }
    this.#sales = sales;
    this.#returns = returns;
    this.#orders = orders;
    for (let c = 0; c < n; c++) {
      lineCount[c + 1] += lineCount[c];
      orderCount[c + 1] += orderCount[c];
    }
    const lineDays = new Int32Array(lineCount[n]);
    const lineFill = lineCount.slice(0, n);
    for (let i = 0; i < o.length; i++) if (!o.isReturn[i]) lineDays[lineFill[o.customer[i]]++] = o.day[i];
    const orderDays = new Int32Array(orderCount[n]);
    const orderFill = orderCount.slice(0, n);
    for (let k = 0; k < o.orderKeys; k++) if (orderDay[k] !== NO_DAY) orderDays[orderFill[owner[k]]++] = orderDay[k];
    for (let c = 0; c < n; c++) {
      if (lineCount[c + 1] - lineCount[c] > 1) lineDays.subarray(lineCount[c], lineCount[c + 1]).sort();
      if (orderCount[c + 1] - orderCount[c] > 1) orderDays.subarray(orderCount[c], orderCount[c + 1]).sort();
    }
    this.#lineAt = lineCount;
    this.#lineDays = lineDays;
    this.#orderAt = orderCount;
    this.#orderDays = orderDays;

    const sv = ds.content.surveys;
    for (let r = 0; r < sv.customerId.length; r++) if (sv.day[r] !== NO_DAY) this.#answerRows.push(r);
    const it = ds.content.interactions;
    this.#hasInteractions = it.customerId.length > 0;
    for (let r = 0; r < it.customerId.length; r++) if (it.kind[r] === COMPLAINT && it.day[r] !== NO_DAY) this.#complaintDays.push(it.day[r]);
  }

  /** A running sum up to and including `day`. */
  #upTo(sums: Float64Array, day: number): number {
    const i = Math.min(sums.length - 1, Math.max(0, day - this.#d0 + 1));
    return sums[i];
  }

  period(start: number, end: number): KpiPeriodFigures {
    const ds = this.#ds;
    const full = ds.summary.firstDay;
    const n = full.length;
    const T = CHURN_INACTIVE_DAYS;
    const activeFrom = end - this.#activeDays + 1;
    let later = 0, buyers = 0, repeaters = 0, ordersBy = 0, active = 0, atStart = 0, churned = 0;
    for (let c = 0; c < n; c++) {
      const F = full[c];
      if (F === NO_DAY) continue;
      if (F > end) {
        later++;
        continue;
      }
      const count = upperBound(this.#orderDays, this.#orderAt[c], this.#orderAt[c + 1], end) - this.#orderAt[c];
      ordersBy += count;
      if (count > 0) buyers++;
      if (count > 1) repeaters++;
      // the last purchase line on or before the period's end (there is one: F ≤ end)
      const L = this.#lineDays[upperBound(this.#lineDays, this.#lineAt[c], this.#lineAt[c + 1], end) - 1];
      if (L >= activeFrom) active++;
      if (F < start && L + T >= start) {
        atStart++;
        if (L + T <= end) churned++;
      }
    }
    const orders = this.#upTo(this.#orders, end) - this.#upTo(this.#orders, start - 1);
    const sales = this.#upTo(this.#sales, end) - this.#upTo(this.#sales, start - 1);
    const returns = this.#upTo(this.#returns, end) - this.#upTo(this.#returns, start - 1);
    const sv = ds.content.surveys;
    const voice = figures(ds, this.#answerRows.filter((r) => sv.day[r] >= start && sv.day[r] <= end));
    let complaints = 0;
    for (const d of this.#complaintDays) if (d >= start && d <= end) complaints++;
    const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return {
      start, end,
      values: {
        customers: n - later,
        activeCustomers: active,
        revenue: sales - returns,
        aov: orders > 0 ? sales / orders : null,
        frequency: buyers > 0 ? ordersBy / buyers : null,
        repurchaseRate: buyers > 0 ? repeaters / buyers : null,
        churn: atStart > 0 ? churned / atStart : null,
        nps: voice.nps.n > 0 ? finite(voice.nps.nps) : null,
        csat: voice.csat.n > 0 ? finite(voice.csat.csat) : null,
        complaintRate: this.#hasInteractions && orders > 0 ? (1000 * complaints) / orders : null,
      },
      npsAnswers: voice.nps.n,
      csatAnswers: voice.csat.n,
      orders,
      partial: start < this.#first || end < monthEnd(monthIndexOfDay(start)),
    };
  }
}

/** The first index in sorted values[from … to) holding a value greater than x (to when none). */
function upperBound(values: Int32Array, from: number, to: number, x: number): number {
  let lo = from, hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
