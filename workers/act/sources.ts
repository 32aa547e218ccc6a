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
  /** The list's own settings (days ahead, gap factor…), as the care section shows them. */
  options?: Record<string, number | string | boolean>;
  /** The day the list is as of (default: the day after the last order). */
  day?: number;
}

export type ActionSource =
  | { kind: 'list'; request: CareListRequest }
  | { kind: 'segment'; grouping: GroupingHandle; segment: string }
  | { kind: 'all' };
