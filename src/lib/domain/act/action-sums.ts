/**
 * Per-group sums of an action's read-out (issue 16): over the orders dated in
 * [day, day + window), per group (treated, control): customers n, conversions (customers with at
 * least one purchase in the window), and the sum and sum of squares of each customer's net
 * revenue in the window (purchases minus returns). One pass over the orders, typed arrays only.
 */
import type { ArmSums } from './readout';

/** Group of each customer: -1 not in the action, 0 treated, 1 control. */
export type ActionGroups = Int8Array;

/** The orders as the engine indexes them (customer index, day, amount, return flag). */
export interface ActionOrders {
  length: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  isReturn: Uint8Array;
}

/**
 * Sums per group for the window [day, day + window).
 * @param groups per customer: -1 not a member, 0 treated, 1 control
 * @example armSums(orders, groups, 20000, 30) // { treated: {n, conversions, sum, sumSquares}, control: {…} }
 */
export function armSums(orders: ActionOrders, groups: ActionGroups, day: number, window: number): { treated: ArmSums; control: ArmSums } {
  const end = day + window;
  const net = new Float64Array(groups.length);
  const bought = new Uint8Array(groups.length);
  const { customer, day: days, amount, isReturn } = orders;
  for (let i = 0; i < orders.length; i++) {
    const d = days[i];
    if (d < day || d >= end) continue;
    const c = customer[i];
    if (groups[c] < 0) continue;
    // a return takes its amount off, whichever sign it was stored with
    if (isReturn[i]) net[c] -= Math.abs(amount[i]);
    else {
      net[c] += amount[i];
      bought[c] = 1;
    }
  }
  const arm = (): ArmSums => ({ n: 0, conversions: 0, sum: 0, sumSquares: 0 });
  const out = { treated: arm(), control: arm() };
  for (let c = 0; c < groups.length; c++) {
    const g = groups[c];
    if (g < 0) continue;
    const a = g === 1 ? out.control : out.treated;
    a.n++;
    a.conversions += bought[c];
    a.sum += net[c];
    a.sumSquares += net[c] * net[c];
  }
  return out;
}
