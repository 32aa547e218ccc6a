/**
 * The Actions page: actions with their control groups and read-outs (issue 16).
 *
 * Holds the dataset's actions (read from src/lib/db, again when the dataset changes), the
 * new-action form (what the user typed, as text, checked on create; nothing typed is lost on an
 * error), the segment picker (a grouping and its segments, to start an action without the care
 * section), each listed action's read-out (one engine call per action and window, again after an
 * import), and the treated list for contact (the control group is never exported).
 */
import { dayFromCivil, isoDate, LIFECYCLE_DEFAULTS, maskId, maskPersonal, parseIsoDay, type Notice } from '../../domain';
import {
  ACTION_CHANNELS, ACTION_TYPES, DEFAULT_CONTROL_SHARE, validateActionDraft, validWindow,
  type Action, type ActionChannel, type ActionDraft, type ActionIssue, type ActionStatus, type ActionType,
} from '../../domain/act/action';
import { toCsv } from '../../domain/import';
import { deleteAction, listActions, restoreDeletedAction, toNotice, updateAction, type ActionMembers } from '../../db';
import type { ActionContacts, ActionReadout, ActionSource, CareListKey, GroupingHandle } from '../../../../workers/api';
import type { DatasetContext } from '../context';

let calls = 0;
const job = (what: string) => `action-${what}-${++calls}`;

/** The groupings a segment action can be made from (no Segments page needed). */
export const ACTION_GROUPINGS = ['rfm', 'tiers', 'lifecycle'] as const;
export type ActionGrouping = (typeof ACTION_GROUPINGS)[number];

/** The new-action form as typed (text fields stay text until checked). */
export interface ActionForm {
  name: string;
  type: ActionType;
  day: string;
  owner: string;
  channel: ActionChannel;
  cost: string;
  offer: string;
  /** Control share in percent, as typed. */
  share: string;
}

/** The type a care list's action is by default. */
const TYPE_OF_LIST: Record<CareListKey, ActionType> = {
  birthdays: 'care', anniversaries: 'care', winback: 'winback', vip: 'vip', secondPurchase: 'onboarding', complaintFollowUp: 'care', upgradeNudge: 'upgrade',
};

/** Today as a day number (the user's calendar day). */
function today(): number {
  const d = new Date();
  return dayFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** A number typed with a comma or spaces ("1,5", " 2 "): NaN when it is not one. */
function parseNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '').replace(/,(?=\d{1,2}$)/, '.').replace(/,/g, '');
  if (t === '') return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** The type an action of a segment is by default (its usual treatment); 'other' when none is obvious. */
const TYPE_OF_SEGMENT: Record<string, ActionType> = {
  champions: 'vip', tier_1: 'vip', important_value: 'vip', loyal_customers: 'vip',
  at_risk: 'winback', cant_lose_them: 'winback', about_to_sleep: 'winback', hibernating: 'winback', lost: 'winback', important_winback: 'winback', important_retention: 'winback',
  new_customers: 'onboarding', promising: 'onboarding', new: 'onboarding', important_development: 'onboarding',
};

function typeOf(source: ActionSource | null): ActionType {
  if (source?.kind === 'list') return TYPE_OF_LIST[source.request.list] ?? 'other';
  if (source?.kind === 'segment') return TYPE_OF_SEGMENT[source.segment] ?? 'other';
  return 'other';
}

function emptyForm(source: ActionSource | null): ActionForm {
  return {
    name: '', type: typeOf(source), day: isoDate(today()), owner: '', channel: 'sms',
    cost: '0', offer: '', share: String(DEFAULT_CONTROL_SHARE * 100),
  };
}

/** One listed action's read-out, for the window asked. */
export interface ReadoutEntry {
  window: number;
  value: ActionReadout | null;
  error: Notice | null;
  loading: boolean;
}

/** One action's treated list for contact (after the consent filter). */
export interface ContactEntry {
  include: boolean;
  value: ActionContacts | null;
  error: Notice | null;
}

export class ActionsState {
  readonly ctx: DatasetContext;
  /** What the new-action form is filled from (a care list or a segment); null: no form open. */
  source = $state.raw<ActionSource | null>(null);
  /** The form's fields as typed. */
  form = $state<ActionForm>(emptyForm(null));
  #issues = $state.raw<ActionIssue[]>([]);
  #createError = $state.raw<Notice | null>(null);
  #creating = $state(false);
  #created = $state.raw<Action | null>(null);
  #sourceSize = $state<number | null>(null);

  #actions = $state.raw<Action[]>([]);
  #loaded = $state(false);
  #error = $state.raw<Notice | null>(null);
  #readFor: string | null = null;
  #revision: unknown = undefined;
  #readouts = $state.raw<Record<string, ReadoutEntry>>({});
  #deleted = $state.raw<{ action: Action; members: ActionMembers | null } | null>(null);
  /** Per action: whether customers without consent are included, the treated list for contact, or why there is none. */
  #contacts = $state.raw<Record<string, ContactEntry>>({});

  /** The segment picker: grouping, its segments with their sizes, the handle to make a source of. */
  #grouping = $state<ActionGrouping>('rfm');
  #segments = $state.raw<{ key: string; size: number }[] | null>(null);
  #handle: GroupingHandle | null = null;
  #segmentsFor: unknown = null;
  #segmentsError = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.ctx = ctx;
  }

  get actions(): Action[] { return this.#actions; }
  /** Whether the actions of the current dataset have been read. */
  get loaded(): boolean { return this.#loaded; }
  get error(): Notice | null { return this.#error; }
  get issues(): ActionIssue[] { return this.#issues; }
  get createError(): Notice | null { return this.#createError; }
  get creating(): boolean { return this.#creating; }
  /** The action just created (for the confirmation line). */
  get created(): Action | null { return this.#created; }
  /** Customers the form's source holds now (null while counted or unknown). */
  get sourceSize(): number | null { return this.#sourceSize; }
  get readouts(): Record<string, ReadoutEntry> { return this.#readouts; }
  /** Each action's treated list for contact, once asked for (contactsFor). */
  get contactLists(): Record<string, ContactEntry> { return this.#contacts; }
  /** The action deleted last (for undo). */
  get deleted(): Action | null { return this.#deleted?.action ?? null; }
  get grouping(): ActionGrouping { return this.#grouping; }
  get segments(): { key: string; size: number }[] | null { return this.#segments; }
  get segmentsError(): Notice | null { return this.#segmentsError; }
  /** The issue of one field, if any. */
  issue(field: ActionIssue['field']): ActionIssue | undefined {
    return this.#issues.find((i) => i.field === field);
  }

  /** Open the new-action form for this list or segment (the care section's "Make an action"). */
  draft(source: ActionSource): void {
    this.source = source;
    this.form = emptyForm(source);
    this.#issues = [];
    this.#createError = null;
    this.#created = null;
    this.#sourceSize = null;
    void this.#countSource(source);
  }

  /** Close the form without creating anything. */
  cancel(): void {
    this.source = null;
    this.#issues = [];
    this.#createError = null;
  }

  async #countSource(source: ActionSource): Promise<void> {
    const id = this.ctx.currentDatasetId;
    if (!id) return;
    try {
      const { customers } = await this.ctx.engine.api.actionSourceSize(job('size'), id, source);
      if (this.source === source) this.#sourceSize = customers;
    } catch {
      if (this.source === source) this.#sourceSize = null;
    }
  }

  /** Read the dataset's actions (again when the dataset or its data changed) and their read-outs. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    if (!id) return;
    if (this.#readFor === id && this.#revision === revision) return;
    const other = this.#readFor !== id;
    this.#readFor = id;
    this.#revision = revision;
    if (other) {
      this.source = null;
      this.#actions = [];
      this.#loaded = false;
      this.#deleted = null;
      this.#created = null;
      this.#segments = null;
      this.#handle = null;
    }
    this.#readouts = {};
    this.#contacts = {};
    await this.#reload();
  }

  async #reload(): Promise<void> {
    const id = this.#readFor;
    if (!id) return;
    try {
      const list = await listActions(this.ctx.db, id);
      if (this.#readFor !== id) return;
      this.#actions = list;
      this.#error = null;
    } catch (error) {
      this.#error = toNotice(error);
    }
    this.#loaded = true;
    await Promise.all(this.#actions.filter((a) => !this.#readouts[a.id]).map((a) => this.readout(a.id, a.window)));
  }

  /** The form's fields as an action draft (numbers parsed; NaN where unreadable). */
  #parsed(fallbackName: string): ActionDraft {
    const f = this.form;
    const share = parseNumber(f.share);
    return {
      name: f.name.trim() || fallbackName.trim(), type: f.type, day: parseIsoDay(f.day.trim()) ?? Number.NaN, owner: f.owner.trim(), channel: f.channel,
      costPerContact: f.cost.trim() === '' ? 0 : parseNumber(f.cost), offer: f.offer.trim(), controlShare: Number.isFinite(share) ? share / 100 : Number.NaN,
    };
  }

  /**
   * Check the form and create the action (its control group drawn and stored). On an error the
   * form keeps what was typed and says what is wrong.
   * @param fallbackName the name used when none was typed (the source in words); '' for none
   */
  async create(fallbackName = ''): Promise<Action | null> {
    const id = this.ctx.currentDatasetId;
    const source = this.source;
    if (!id || !source || this.#creating) return null;
    const draft = this.#parsed(fallbackName);
    const issues = validateActionDraft(draft);
    this.#issues = issues;
    this.#createError = null;
    if (issues.length > 0) return null;
    this.#creating = true;
    try {
      const action = await this.ctx.engine.api.createAction(job('create'), id, { draft, source: $state.snapshot(source) as ActionSource });
      this.#created = action;
      this.source = null;
      await this.#reload();
      return action;
    } catch (error) {
      this.#createError = toNotice(error);
      return null;
    } finally {
      this.#creating = false;
    }
  }

  /** Read an action out over `window` days (the action's own window is kept when it changes). */
  async readout(actionId: string, window: number): Promise<void> {
    const id = this.ctx.currentDatasetId;
    if (!id) return;
    const set = (entry: ReadoutEntry) => (this.#readouts = { ...this.#readouts, [actionId]: entry });
    if (!validWindow(window)) {
      set({ window, value: this.#readouts[actionId]?.value ?? null, error: { code: 'action.error.window' }, loading: false });
      return;
    }
    set({ window, value: this.#readouts[actionId]?.value ?? null, error: null, loading: true });
    try {
      const value = await this.ctx.engine.api.actionReadout(job('readout'), id, actionId, { window });
      if (this.#readouts[actionId]?.window !== window) return; // asked again meanwhile
      set({ window, value, error: null, loading: false });
    } catch (error) {
      set({ window, value: null, error: toNotice(error), loading: false });
    }
  }

  /** Change an action's read-out window: kept with the action, and read out again. */
  async setWindow(actionId: string, window: number): Promise<void> {
    await this.readout(actionId, window);
    if (!validWindow(window)) return;
    await this.#change(actionId, { window });
  }

  async setStatus(actionId: string, status: ActionStatus): Promise<void> {
    await this.#change(actionId, { status });
  }

  async #change(actionId: string, change: Parameters<typeof updateAction>[2]): Promise<void> {
    try {
      const next = await updateAction(this.ctx.db, actionId, change);
      if (next) this.#actions = this.#actions.map((a) => (a.id === actionId ? next : a));
      this.#error = null;
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Delete an action with its control group; `undo` brings it back. */
  async remove(actionId: string): Promise<void> {
    try {
      const gone = await deleteAction(this.ctx.db, actionId);
      this.#deleted = gone;
      this.#actions = this.#actions.filter((a) => a.id !== actionId);
      const { [actionId]: _dropped, ...rest } = this.#readouts;
      void _dropped;
      this.#readouts = rest;
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async undo(): Promise<void> {
    const gone = this.#deleted;
    if (!gone) return;
    try {
      await restoreDeletedAction(this.ctx.db, gone);
      this.#deleted = null;
      await this.#reload();
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /**
   * Ask for an action's treated customers to contact (after the consent filter; never the
   * control group), including those without consent when asked; kept in contactLists.
   */
  async contactsFor(actionId: string, include: boolean): Promise<ActionContacts | null> {
    const id = this.ctx.currentDatasetId;
    if (!id) return null;
    const set = (entry: ContactEntry) => (this.#contacts = { ...this.#contacts, [actionId]: entry });
    set({ include, value: this.#contacts[actionId]?.include === include ? this.#contacts[actionId].value : null, error: null });
    try {
      const value = await this.ctx.engine.api.actionContacts(job('contacts'), id, actionId, { includeWithoutConsent: include });
      if (this.#contacts[actionId]?.include !== include) return null; // asked again meanwhile
      set({ include, value, error: null });
      return value;
    } catch (error) {
      set({ include, value: null, error: toNotice(error) });
      return null;
    }
  }

  /** The treated list of an action as CSV, fresh from the engine (null: none, see contactLists' error). */
  async exportContacts(actionId: string, header: string[], mask: boolean): Promise<string | null> {
    const action = this.#actions.find((a) => a.id === actionId);
    if (!action) return null;
    const contacts = await this.contactsFor(actionId, this.#contacts[actionId]?.include ?? false);
    return contacts ? this.contactsCsv(header, contacts, mask, action.name) : null;
  }

  /** The treated list as CSV (id, name, city, channel, action); masked when asked; formula-injection safe. */
  contactsCsv(header: string[], contacts: ActionContacts, mask: boolean, actionName: string): string {
    return toCsv(header, contacts.customers.map((c) => [mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, c.city, c.channel, actionName]));
  }

  /**
   * The actions list as CSV: one row per action with its settings, sizes and read-out figures.
   * @param words an action's type, channel, status and source in the page's words
   */
  listCsv(header: string[], words: (a: Action) => { type: string; channel: string; status: string; source: string }): string {
    const cell = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : '');
    return toCsv(header, this.#actions.map((a) => {
      const w = words(a);
      const r = this.#readouts[a.id]?.value?.readout ?? null;
      return [
        a.name, w.type, isoDate(a.day), w.status, w.channel, a.owner, w.source, a.offer, a.sizes.treated, a.sizes.control, cell(a.controlShare),
        cell(a.costPerContact * a.sizes.treated, 2), this.#readouts[a.id]?.window ?? a.window,
        r ? cell(r.conversion.rateB) : '', r ? cell(r.conversion.rateA) : '', r?.net != null ? cell(r.net, 2) : '',
      ];
    }));
  }

  // the segment picker

  /** Pick a grouping and find its segments with their sizes. */
  async pickGrouping(grouping: ActionGrouping): Promise<void> {
    this.#grouping = grouping;
    this.#segmentsFor = null;
    await this.loadSegments();
  }

  /** The segments of the picked grouping (again when the data changed). */
  async loadSegments(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    if (!id) return;
    const key = [id, this.ctx.revision, this.#grouping];
    const same = (k: unknown) => Array.isArray(k) && k.every((x, i) => x === key[i]);
    if (same(this.#segmentsFor)) return;
    this.#segmentsFor = key;
    this.#segments = null;
    this.#segmentsError = null;
    const api = this.ctx.engine.api;
    try {
      let handle: GroupingHandle;
      let segments: { key: string; size: number }[];
      if (this.#grouping === 'tiers') {
        const r = await api.tiers(id, [20, 30, 50], 'customers');
        handle = r.handle;
        segments = r.tiers.map((t) => ({ key: `tier_${t.tier + 1}`, size: t.customers }));
      } else if (this.#grouping === 'lifecycle') {
        const r = await api.lifecycle(id, { ...LIFECYCLE_DEFAULTS });
        handle = r.handle;
        segments = r.stages.map((s) => ({ key: s.key, size: s.size }));
      } else {
        const r = await api.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
        handle = r.handle;
        segments = r.segments.map((s) => ({ key: s.key, size: s.size }));
      }
      if (!same(this.#segmentsFor)) return;
      this.#handle = handle;
      this.#segments = segments.filter((s) => s.size > 0);
    } catch (error) {
      if (same(this.#segmentsFor)) this.#segmentsError = toNotice(error);
    }
  }

  /** Open the form for one segment of the picked grouping. */
  startFromSegment(segment: string): void {
    if (!this.#handle) return;
    this.draft({ kind: 'segment', grouping: this.#handle, segment });
  }

  /** Open the form for every customer. */
  startFromAll(): void {
    this.draft({ kind: 'all' });
  }
}

export { ACTION_CHANNELS, ACTION_TYPES };
