/**
 * Probabilistic customer value on the loaded dataset: the BTYD summary at a calibration end,
 * BG/NBD or Pareto/NBD for purchases, Gamma-Gamma for spend, then per-customer P(alive),
 * expected purchases, expected spend and CLV. A holdout (calibration end before the data's end)
 * gives the comparison of predicted and actual purchases per frequency group.
 */
import {
  bgNbdExpectedPurchasesNew, bgNbdStandardErrors, fitBgNbd, fitGammaGamma, fitParetoNbd, gammaGammaExpectedSpend, lifetimeValues,
  paretoNbdStandardErrors, scoreCustomers, scoreCustomersAt, defaultCalibrationEnd, fitProblems, rfmSummaryColumns, userCalibration,
  type BgNbdParams, type BtydColumns, type InvalidCustomer, type ParetoNbdParams, type PurchaseModel,
} from '../../src/lib/domain';
import { NO_DAY } from '../../src/lib/domain';
import type { CustomerValue, LoadedDataset } from '../core/loaded';
import type { ValueRequest, ValueResult } from './api';

const DAYS_PER_MONTH = 365.25 / 12;

function safe(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** `labels`: one group label per customer for CLV by group (null: no groups). */
export function runValue(
  ds: LoadedDataset, request: ValueRequest, labels: readonly string[] | null, progress?: (done: number, total: number) => void,
): ValueResult {
  const o = ds.indexed.orders;
  const n = ds.indexed.customers.id.length;
  // as of a day: only orders on or before it count, and customers are observed up to it
  const { firstDay, lastDay } = orderSpan(ds, request.asOfDay);
  if (lastDay === NO_DAY) throw { code: 'model.noOrders' };
  // the user's calibration end, or by default one that leaves a holdout when the history is long enough
  const chosen = request.calibrationEndDay === undefined ? defaultCalibrationEnd(firstDay, lastDay) : null;
  const calEnd = Math.min(chosen?.calibrationEndDay ?? request.calibrationEndDay ?? lastDay, lastDay);
  const unitDays = request.timeUnit === 'W' ? 7 : 1;
  const amount = new Float64Array(o.length);
  for (let i = 0; i < o.length; i++) amount[i] = o.isReturn[i] ? -Math.abs(o.amount[i]) : o.amount[i];
  const cal = rfmSummaryColumns(o.customer, o.day, amount, n, { observationEndDay: calEnd, unitDays });
  // Parameters come from the calibration period (checked on the holdout); each customer is scored
  // on everything they did up to the last order, so P(alive) and CLV are as of today.
  const now = calEnd < lastDay ? rfmSummaryColumns(o.customer, o.day, amount, n, { observationEndDay: lastDay, unitDays }) : cal;
  // customers with a purchase day by the calibration end
  const rows: number[] = [];
  for (let c = 0; c < n; c++) if (Number.isFinite(cal.T[c])) rows.push(c);
  const pick = (a: Float64Array) => Float64Array.from(rows, (c) => a[c]);
  const data = { frequency: pick(cal.frequency), recency: pick(cal.recency), T: pick(cal.T) };
  progress?.(1, 4);
  const bg = naming(() => fitBgNbd(data), ds, rows);
  let pareto: (ParetoNbdParams & { logLikelihood: number; converged: boolean }) | null = null;
  let paretoError: string | null = null;
  try {
    pareto = fitParetoNbd(data);
  } catch (e) {
    paretoError = (e as { code?: string }).code ?? 'model.failed';
  }
  progress?.(2, 4);
  // Gamma-Gamma needs a positive mean repeat spend: repeaters whose repeat days total 0 are left
  // out of its fit and valued at the population mean spend, like first-time buyers.
  const positive = rows.filter((c) => cal.frequency[c] > 0 && cal.monetaryValue[c] > 0);
  const spendLeftOut = rows.reduce((k, c) => k + (cal.frequency[c] > 0 && !(cal.monetaryValue[c] > 0) ? 1 : 0), 0);
  const gg = fitGammaGamma({
    frequency: Float64Array.from(positive, (c) => cal.frequency[c]),
    monetaryValue: Float64Array.from(positive, (c) => cal.monetaryValue[c]),
  });
  const usePareto = request.model === 'pareto' && pareto !== null;
  const unitsPerMonth = DAYS_PER_MONTH / unitDays;
  const value: CustomerValue = {
    pAlive: new Float64Array(n).fill(NaN), exp30: new Float64Array(n).fill(NaN), exp90: new Float64Array(n).fill(NaN),
    exp365: new Float64Array(n).fill(NaN), spend: new Float64Array(n).fill(NaN), clv: new Float64Array(n).fill(NaN),
  };
  const bgModel: PurchaseModel = { kind: 'bg-nbd', params: bg };
  const paretoModel: PurchaseModel | null = pareto ? { kind: 'pareto-nbd', params: pareto } : null;
  const used = usePareto ? paretoModel! : bgModel;
  // every customer with a purchase, scored as columns in one pass (P(alive) and three horizons)
  const scored: number[] = [];
  for (let c = 0; c < n; c++) if (Number.isFinite(now.T[c])) scored.push(c);
  const columns = columnsOf(now, scored);
  const scores = naming(() => scoreCustomersAt(used, columns, [30 / unitDays, 90 / unitDays, 365 / unitDays]), ds, scored);
  const spend = Float64Array.from(scored, (c) => {
    const m = now.monetaryValue[c];
    return safe(gammaGammaExpectedSpend(gg, m > 0 ? now.frequency[c] : 0, m > 0 ? m : 0));
  });
  const clv = naming(() => lifetimeValues(used, columns, spend, {
    months: request.months, monthlyDiscountRate: request.monthlyDiscountRate, margin: request.margin, timeUnitsPerMonth: unitsPerMonth,
  }), ds, scored);
  let totalClv = 0, totalExp90 = 0, aliveSum = 0;
  for (let k = 0; k < scored.length; k++) {
    const c = scored[k];
    value.pAlive[c] = Math.min(1, Math.max(0, scores.probabilityAlive[k]));
    value.exp30[c] = safe(scores.expectedPurchases[0][k]);
    value.exp90[c] = safe(scores.expectedPurchases[1][k]);
    value.exp365[c] = safe(scores.expectedPurchases[2][k]);
    value.spend[c] = spend[k];
    value.clv[c] = safe(clv[k]);
    totalClv += value.clv[c];
    totalExp90 += value.exp90[c];
    aliveSum += value.pAlive[c];
  }
  ds.value = value;
  ds.valueMonths = request.months;
  ds.valueModel = { model: usePareto ? 'pareto' : 'bgnbd', months: request.months, margin: request.margin ?? 1 };
  ds.customerTable = undefined; // rebuilt with the value columns
  ds.lastQuery = undefined;
  progress?.(3, 4);
  const holdout = holdoutComparison(ds, columnsOf(cal, rows), rows, calEnd, lastDay, unitDays, { used, bgnbd: bgModel, pareto: paretoModel });
  const se = bgNbdStandardErrors(bg, data);
  const paretoSe = pareto ? paretoNbdStandardErrors(pareto, data) : null;
  progress?.(4, 4);
  const seRecord = (x: object) => x as Record<string, number>;
  return {
    calibrationEndDay: calEnd,
    lastDay,
    timeUnit: request.timeUnit,
    customers: scored.length,
    calibration: chosen?.notice ?? userCalibration(calEnd, lastDay),
    repeaters: data.frequency.reduce((k, f) => k + (f > 0 ? 1 : 0), 0),
    bgNbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood, converged: bg.converged, se },
    paretoNbd: pareto
      ? { r: pareto.r, alpha: pareto.alpha, s: pareto.s, beta: pareto.beta, logLikelihood: pareto.logLikelihood, converged: pareto.converged, se: paretoSe! }
      : null,
    fitWarnings: {
      bgnbd: fitProblems('BG/NBD', { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b }, seRecord(se), ['a', 'b']),
      pareto: pareto ? fitProblems('Pareto/NBD', { r: pareto.r, alpha: pareto.alpha, s: pareto.s, beta: pareto.beta }, seRecord(paretoSe!), ['s', 'beta']) : [],
    },
    paretoError,
    gammaGamma: { p: gg.p, q: gg.q, gamma: gg.gamma, logLikelihood: gg.logLikelihood, converged: gg.converged },
    spendLeftOut,
    model: usePareto ? 'pareto' : 'bgnbd',
    // claimed only from holdout error: without a holdout nothing says which predicts better
    better: holdout.mae.bgnbd !== null && holdout.mae.pareto !== null
      ? holdout.mae.pareto < holdout.mae.bgnbd ? 'pareto' : 'bgnbd'
      : null,
    totals: { clv: totalClv, expected90: totalExp90, meanPAlive: scored.length ? aliveSum / scored.length : 0 },
    holdout: holdout.groups,
    holdoutMae: holdout.mae,
    heat: heatMaps(bg, now, scored, unitDays),
    tracking: trackingSeries(ds, bg, cal.firstDay, lastDay, unitDays),
    bySegment: bySegment(labels, value),
  };
}

/**
 * First and last day of any order line (lastDay NO_DAY without orders). With `asOfDay`, only lines
 * on or before it count and the last day is `asOfDay` itself when later lines exist (customers are
 * observed up to it).
 */
export function orderSpan(ds: LoadedDataset, asOfDay?: number): { firstDay: number; lastDay: number } {
  const o = ds.indexed.orders;
  const end = asOfDay ?? Infinity;
  let lastDay = NO_DAY, firstDay = Infinity, later = false;
  for (let i = 0; i < o.length; i++) {
    if (o.day[i] > end) {
      later = true;
      continue;
    }
    if (o.day[i] > lastDay) lastDay = o.day[i];
    if (o.day[i] < firstDay) firstDay = o.day[i];
  }
  return { firstDay, lastDay: later && lastDay !== NO_DAY ? end : lastDay };
}

/**
 * A model's refusal of an impossible customer names them by id (the model knows only the row of
 * its columns, `rows[index]` here), with the figures rounded for reading.
 */
function naming<T>(run: () => T, ds: LoadedDataset, rows: readonly number[]): T {
  try {
    return run();
  } catch (e) {
    const notice = e as Partial<InvalidCustomer> | null;
    const index = notice?.params?.index;
    if (notice?.code !== 'model.invalidCustomer' || typeof index !== 'number') throw e;
    const c = rows[index];
    const params: Record<string, unknown> = { ...notice.params, customer: c === undefined ? String(index + 1) : ds.indexed.customers.id[c] };
    for (const k of ['frequency', 'recency', 'T']) if (typeof params[k] === 'number') params[k] = Math.round((params[k] as number) * 100) / 100;
    throw { code: 'model.invalidCustomer', params };
  }
}

/** The customers `rows` of a BTYD summary as model columns. */
function columnsOf(summary: { frequency: Float64Array; recency: Float64Array; T: Float64Array }, rows: readonly number[]): BtydColumns {
  return {
    frequency: Float64Array.from(rows, (c) => summary.frequency[c]),
    recency: Float64Array.from(rows, (c) => summary.recency[c]),
    T: Float64Array.from(rows, (c) => summary.T[c]),
  };
}

/** Actual purchase days after the calibration end vs the model's expectation, by calibration frequency. */
function holdoutComparison(
  ds: LoadedDataset, cal: BtydColumns, rows: number[], calEnd: number, lastDay: number,
  unitDays: number, models: { used: PurchaseModel; bgnbd: PurchaseModel; pareto: PurchaseModel | null },
) {
  const empty = { groups: [] as ValueResult['holdout'], mae: { bgnbd: null as number | null, pareto: null as number | null } };
  if (lastDay <= calEnd) return empty;
  const o = ds.indexed.orders;
  const n = ds.indexed.customers.id.length;
  // distinct purchase days per customer in the holdout window
  const actual = new Float64Array(n);
  const seen = new Map<number, number>();
  for (let i = 0; i < o.length; i++) {
    if (o.isReturn[i] || o.day[i] <= calEnd || o.day[i] > lastDay) continue;
    const key = o.customer[i] * 100_000 + (o.day[i] - calEnd);
    if (!seen.has(key)) {
      seen.set(key, 1);
      actual[o.customer[i]]++;
    }
  }
  const t = (lastDay - calEnd) / unitDays;
  const bg = scoreCustomers(models.bgnbd, cal, t).expectedPurchases;
  const pareto = models.pareto ? scoreCustomers(models.pareto, cal, t).expectedPurchases : null;
  const used = models.used === models.bgnbd ? bg : pareto!;
  const groups = Array.from({ length: 8 }, (_, f) => ({ frequency: f, customers: 0, actual: 0, predicted: 0 }));
  let errBg = 0, errPareto = 0;
  for (let k = 0; k < rows.length; k++) {
    const c = rows[k];
    const g = groups[Math.min(7, cal.frequency[k])];
    g.customers++;
    g.actual += actual[c];
    g.predicted += safe(used[k]);
    errBg += Math.abs(safe(bg[k]) - actual[c]);
    if (pareto) errPareto += Math.abs(safe(pareto[k]) - actual[c]);
  }
  for (const g of groups) if (g.customers) {
    g.actual /= g.customers;
    g.predicted /= g.customers;
  }
  const k = rows.length;
  return {
    groups: groups.filter((g) => g.customers > 0),
    mae: { bgnbd: k ? errBg / k : null, pareto: k && pareto ? errPareto / k : null },
  };
}

/** P(alive) and expected purchases in the next period over frequency × recency, for the longest T. */
function heatMaps(p: BgNbdParams, cal: { frequency: Float64Array; T: Float64Array }, rows: number[], unitDays: number) {
  let maxF = 0, maxT = 0;
  for (const c of rows) {
    if (cal.frequency[c] > maxF) maxF = cal.frequency[c];
    if (cal.T[c] > maxT) maxT = cal.T[c];
  }
  const fSteps = Math.min(20, Math.max(1, Math.ceil(maxF)));
  const grid: { frequency: number[]; recency: number[]; T: number[] } = { frequency: [], recency: [], T: [] };
  for (let i = 0; i <= fSteps; i++) {
    const x = Math.round((i * Math.max(1, maxF)) / fSteps);
    // a repeat purchase comes after the first: recency 0 only without one
    for (let j = x === 0 ? 0 : 1; j <= (x === 0 ? 0 : maxT > 0 ? 20 : 0); j++) {
      grid.frequency.push(x);
      grid.recency.push(x === 0 ? 0 : j === 20 ? maxT : (j * maxT) / 20); // (20·T)/20 can round above T
      grid.T.push(maxT);
    }
  }
  const scores = scoreCustomers({ kind: 'bg-nbd', params: p }, grid, 90 / unitDays);
  return grid.frequency.map((x, k) => ({
    frequency: x, recency: Math.round(grid.recency[k] * 10) / 10, pAlive: scores.probabilityAlive[k], expected: safe(scores.expectedPurchases[k]),
  }));
}

/** CLV summed per group of a grouping. */
function bySegment(labels: readonly string[] | null, value: CustomerValue): ValueResult['bySegment'] {
  if (!labels) return [];
  const m = new Map<string, { customers: number; clv: number; pAlive: number }>();
  for (let c = 0; c < labels.length; c++) {
    if (!labels[c] || !Number.isFinite(value.clv[c])) continue;
    const g = m.get(labels[c]) ?? { customers: 0, clv: 0, pAlive: 0 };
    g.customers++;
    g.clv += value.clv[c];
    g.pAlive += value.pAlive[c];
    m.set(labels[c], g);
  }
  return [...m].map(([key, g]) => ({ key, customers: g.customers, totalClv: g.clv, meanClv: g.clv / g.customers, meanPAlive: g.pAlive / g.customers }))
    .sort((a, b) => b.totalClv - a.totalClv);
}

/**
 * Cumulative repeat purchases since the first purchase date, per period (days or weeks): actual
 * (distinct purchase days after each customer's first) against the model's expectation for the
 * same customers, Σ over first-purchase periods of n_w · E[X(t − w)] for a new customer.
 */
export function trackingSeries(
  ds: LoadedDataset, p: BgNbdParams, firstDay: Int32Array, lastDay: number, unitDays: number,
): { day: number; actual: number; predicted: number }[] {
  let start = Infinity;
  for (let c = 0; c < firstDay.length; c++) if (firstDay[c] !== NO_DAY && firstDay[c] < start) start = firstDay[c];
  if (!Number.isFinite(start)) return [];
  const step = unitDays === 1 ? 7 : unitDays; // a point per week either way
  const periods = Math.floor((lastDay - start) / step) + 1;
  const newCustomers = new Float64Array(periods);
  for (let c = 0; c < firstDay.length; c++) if (firstDay[c] !== NO_DAY) newCustomers[Math.floor((firstDay[c] - start) / step)]++;
  // actual repeat purchase days per period
  const o = ds.indexed.orders;
  const seen = new Set<number>();
  const repeats = new Float64Array(periods);
  for (let i = 0; i < o.length; i++) {
    if (o.isReturn[i]) continue;
    const c = o.customer[i];
    const f = firstDay[c];
    if (f === NO_DAY || o.day[i] <= f || o.day[i] > lastDay) continue;
    const key = c * 65_536 + (o.day[i] - f);
    if (seen.has(key)) continue;
    seen.add(key);
    repeats[Math.floor((o.day[i] - start) / step)]++;
  }
  // E[X(t)] for a new customer at whole periods, in the model's time unit
  const expectedAt = Float64Array.from({ length: periods + 1 }, (_, k) => (k === 0 ? 0 : safe(bgNbdExpectedPurchasesNew(p, (k * step) / unitDays))));
  const out: { day: number; actual: number; predicted: number }[] = [];
  let actual = 0;
  for (let t = 0; t < periods; t++) {
    actual += repeats[t];
    let predicted = 0;
    for (let w = 0; w <= t; w++) if (newCustomers[w]) predicted += newCustomers[w] * expectedAt[t - w + 1];
    out.push({ day: start + (t + 1) * step - 1, actual, predicted });
  }
  return out;
}
