/**
 * An action of the Actions page (行动, issue 16): what was done, to whom, when, at what cost, with
 * which part of its customers held back as a control group (对照组). Pure: the form's checks, the
 * normalising of stored rows (`restoreAction`), the seed made once per action.
 */
import type { Notice } from '../types';

export const ACTION_TYPES = ['winback', 'care', 'vip', 'onboarding', 'upgrade', 'holiday', 'other'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_CHANNELS = ['sms', 'email', 'phone', 'wechat', 'push', 'store', 'other'] as const;
export type ActionChannel = (typeof ACTION_CHANNELS)[number];

export const ACTION_STATUSES = ['planned', 'running', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Default share of an action's customers kept as the control group. */
export const DEFAULT_CONTROL_SHARE = 0.1;
/** Largest control share a user may pick (half the list). */
export const MAX_CONTROL_SHARE = 0.5;
/** Default read-out window: orders in [day, day + 30). */
export const DEFAULT_READOUT_WINDOW = 30;
/** Longest read-out window (about three years). */
export const MAX_READOUT_WINDOW = 1096;
export const MAX_ACTION_NAME = 120;
export const MAX_ACTION_TEXT = 200;

/** What the user types in the new-action form. */
export interface ActionDraft {
  name: string;
  type: ActionType;
  /** The action's day (days since 1970-01-01). */
  day: number;
  owner: string;
  channel: ActionChannel;
  /** Cost per contacted (treated) customer, in the dataset's currency. */
  costPerContact: number;
  offer: string;
  /** Share of the customers kept as control, 0–0.5. */
  controlShare: number;
}

/** An action as stored and listed. */
export interface Action extends ActionDraft {
  id: string;
  datasetId: string;
  status: ActionStatus;
  /** The control group's seed, made once when the action is created (the groups stay stable). */
  seed: string;
  /** What the action was made from (a care list, a segment, all customers), as given. */
  source: Record<string, unknown>;
  /** Read-out window in days from the action's day. */
  window: number;
  /** Customers in each group when the action was made. */
  sizes: { treated: number; control: number };
  createdAt: number;
  updatedAt: number;
}

/** One problem of a draft: the field and a catalog key. */
export interface ActionIssue extends Notice {
  field: keyof ActionDraft;
}

const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * What is wrong with a draft (empty: nothing). Numbers must be finite; the name is required.
 * @example validateActionDraft({ ...draft, name: ' ' }) // [{ field: 'name', code: 'action.error.name' }]
 */
export function validateActionDraft(d: ActionDraft): ActionIssue[] {
  const issues: ActionIssue[] = [];
  const name = isText(d.name) ? d.name.trim() : '';
  if (!name) issues.push({ field: 'name', code: 'action.error.name' });
  else if (name.length > MAX_ACTION_NAME) issues.push({ field: 'name', code: 'action.error.nameLong', params: { max: MAX_ACTION_NAME } });
  if (!(ACTION_TYPES as readonly string[]).includes(d.type)) issues.push({ field: 'type', code: 'action.error.type' });
  if (!(ACTION_CHANNELS as readonly string[]).includes(d.channel)) issues.push({ field: 'channel', code: 'action.error.channel' });
  if (!Number.isInteger(d.day) || d.day < -25000 || d.day > 100000) issues.push({ field: 'day', code: 'action.error.day' });
  if (!Number.isFinite(d.costPerContact) || d.costPerContact < 0) issues.push({ field: 'costPerContact', code: 'action.error.cost' });
  if (!Number.isFinite(d.controlShare) || d.controlShare < 0 || d.controlShare > MAX_CONTROL_SHARE) {
    issues.push({ field: 'controlShare', code: 'action.error.share', params: { max: MAX_CONTROL_SHARE * 100 } });
  }
  if (!isText(d.owner) || d.owner.length > MAX_ACTION_TEXT) issues.push({ field: 'owner', code: 'action.error.text', params: { max: MAX_ACTION_TEXT } });
  if (!isText(d.offer) || d.offer.length > MAX_ACTION_TEXT) issues.push({ field: 'offer', code: 'action.error.text', params: { max: MAX_ACTION_TEXT } });
  return issues;
}

/** Whether a read-out window is usable (whole days, 1 to MAX_READOUT_WINDOW). */
export function validWindow(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_READOUT_WINDOW;
}

/** A seed for an action's control group: 16 random hex digits (made once, then stored). */
export function newControlSeed(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => ((list as readonly unknown[]).includes(v) ? (v as T) : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * An action read back from storage, normalised (old or partial rows get defaults); null when it
 * cannot be used (no id, no dataset, no seed).
 */
export function restoreAction(row: { id?: unknown; datasetId?: unknown; action?: unknown; createdAt?: unknown; updatedAt?: unknown }): Action | null {
  const a = (row.action && typeof row.action === 'object' ? row.action : {}) as Record<string, unknown>;
  if (!isText(row.id) || !isText(row.datasetId) || !isText(a.seed) || !a.seed) return null;
  const sizes = (a.sizes && typeof a.sizes === 'object' ? a.sizes : {}) as Record<string, unknown>;
  const windowDays = num(a.window, DEFAULT_READOUT_WINDOW);
  return {
    id: row.id,
    datasetId: row.datasetId,
    name: text(a.name).slice(0, MAX_ACTION_NAME) || row.id,
    type: oneOf(ACTION_TYPES, a.type, 'other'),
    day: Math.round(num(a.day, 0)),
    owner: text(a.owner),
    channel: oneOf(ACTION_CHANNELS, a.channel, 'other'),
    costPerContact: Math.max(0, num(a.costPerContact, 0)),
    offer: text(a.offer),
    controlShare: Math.min(MAX_CONTROL_SHARE, Math.max(0, num(a.controlShare, DEFAULT_CONTROL_SHARE))),
    status: oneOf(ACTION_STATUSES, a.status, 'planned'),
    seed: a.seed,
    source: a.source && typeof a.source === 'object' ? (a.source as Record<string, unknown>) : { kind: 'all' },
    window: validWindow(windowDays) ? windowDays : DEFAULT_READOUT_WINDOW,
    sizes: { treated: Math.max(0, Math.round(num(sizes.treated, 0))), control: Math.max(0, Math.round(num(sizes.control, 0))) },
    createdAt: num(row.createdAt, 0),
    updatedAt: num(row.updatedAt, 0),
  };
}

/** The stored form of an action (see ActionRow). */
export function actionToRow(a: Action): { id: string; datasetId: string; action: Record<string, unknown>; createdAt: number; updatedAt: number } {
  const { id, datasetId, createdAt, updatedAt, ...rest } = a;
  return { id, datasetId, action: JSON.parse(JSON.stringify(rest)) as Record<string, unknown>, createdAt, updatedAt };
}
