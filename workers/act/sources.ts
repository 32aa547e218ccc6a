/**
 * What an action is made from (shared contract of the Actions page's parts): one of the ready
 * care lists, a segment of a grouping, or every customer.
 */
import type { GroupingHandle } from '../segments/api';

/** The ready lists of the care section. */
export type CareListKey = 'birthdays' | 'anniversaries' | 'winback' | 'vip' | 'secondPurchase' | 'complaintFollowUp' | 'upgradeNudge';

/** A care list as asked for: the list and its settings (e.g. the days ahead for birthdays). */
export interface CareListRequest {
  list: CareListKey;
  /**
   * The list's own settings, as the care section shows them (workers/act/care.ts reads them;
   * anything missing takes its default, anything else is ignored):
   * - birthdays, anniversaries: `days` — the next N days from the list's day, 1–366 (default 30);
   * - winback: `factor` — silent beyond factor × the usual gap, 1–10 (default 2);
   * - vip: `vip` — 'tier' (top 20% by net revenue, default) or 'champions' (RFM Champions);
   * - secondPurchase, complaintFollowUp, upgradeNudge: none (the nudge uses the dataset's saved
   *   tier design, else the default one).
   */
  options?: Record<string, number | string | boolean>;
  /** The day the list is as of (default: the day after the last order). */
  day?: number;
}

export type ActionSource =
  | { kind: 'list'; request: CareListRequest }
  | { kind: 'segment'; grouping: GroupingHandle; segment: string }
  | { kind: 'all' };
