/**
 * Act and measure: actions with a control group and their read-out (issue 16).
 *
 * An action is made from a source (a care list, a segment of a grouping, every customer): its
 * customers are split by `controlGroup(ids, share, seed)` with a seed made once per action, and
 * the action and its members are stored in one transaction. The treated customers are exported
 * for contact (through forContact: consent); the control group stays on the device. After later
 * imports the read-out sums each group's orders over [day, day + window) and hands them to
 * `readout`; members no longer in the dataset (forgotten, or gone with a replaced import) are left
 * out and counted.
 */
import { getAction, getActionMembers, saveAction } from '../../src/lib/db';
import {
  DEFAULT_READOUT_WINDOW, newControlSeed, validateActionDraft, validWindow, type Action, type ActionDraft,
} from '../../src/lib/domain/act/action';
import { armSums } from '../../src/lib/domain/act/action-sums';
import { controlGroup } from '../../src/lib/domain/act/control';
import { readout, type ArmSums, type Readout } from '../../src/lib/domain/act/readout';
import type { Notice } from '../../src/lib/domain/types';
import { newId } from '../../src/lib/db/ids';
import type { EngineContext } from '../core/context';
import type { LoadedDataset } from '../core/loaded';
import { resolveGrouping } from '../segments/handles';
import { careListRows } from './care';
import { forContact } from './contact';
import type { ActionSource } from './sources';

export interface CreateActionRequest {
  draft: ActionDraft;
  source: ActionSource;
  /** The control group's seed (default: a new random one; given only by tests and re-creations). */
  seed?: string;
}

/** The read-out of an action over a window, with what it was computed on. */
export interface ActionReadout {
  actionId: string;
  /** Days counted: [day, end). */
  day: number;
  window: number;
  end: number;
  /** The last day with any order in the dataset (NaN when there are none). */
  lastOrderDay: number;
  /** Whether the data reaches the window's end (false: the read-out is provisional). */
  complete: boolean;
  treated: ArmSums;
  control: ArmSums;
  /** Members no longer in the dataset (forgotten, or gone with a replaced import): left out. */
  missing: number;
  /** The read-out (null when a group is empty: see notice). */
  readout: Readout | null;
  notice: Notice | null;
}

/** A treated customer as exported for contact. */
export interface ActionContact {
  id: string;
  name: string;
  city: string;
  channel: string;
}

export interface ActionContacts {
  customers: ActionContact[];
  leftOut: number;
  withoutConsent: number;
  hasConsent: boolean;
}

export interface ActionsApi {
  /** How many customers a source holds now (for the new-action form). */
  actionSourceSize(jobId: string, datasetId: string, source: ActionSource): Promise<{ customers: number }>;
  /** Make and store an action from a source with its control group; returns it as stored. */
  createAction(jobId: string, datasetId: string, request: CreateActionRequest): Promise<Action>;
  /** An action's read-out over `window` days from its day [the action's window]. */
  actionReadout(jobId: string, datasetId: string, actionId: string, options?: { window?: number }): Promise<ActionReadout>;
  /** The treated customers to contact (never the control group), after the consent filter. */
  actionContacts(jobId: string, datasetId: string, actionId: string, options?: { includeWithoutConsent?: boolean }): Promise<ActionContacts>;
}

/** The customers (indices into ds.indexed.customers) of a source. */
export async function sourceRows(ctx: EngineContext, ds: LoadedDataset, source: ActionSource): Promise<number[]> {
  if (!source || typeof source !== 'object') throw { code: 'action.error.source' };
  const n = ds.indexed.customers.id.length;
  switch (source.kind) {
    case 'all':
      return Array.from({ length: n }, (_, i) => i);
    case 'segment': {
      if (typeof source.segment !== 'string') throw { code: 'action.error.source' };
      const labels = resolveGrouping(ds, source.grouping).labels;
      const rows: number[] = [];
      for (let i = 0; i < labels.length; i++) if (labels[i] === source.segment) rows.push(i);
      return rows;
    }
    case 'list':
      return careListRows(ctx, ds, source.request);
    default:
      throw { code: 'action.error.source' };
  }
}

async function loadAction(ctx: EngineContext, datasetId: string, actionId: string): Promise<Action> {
  const action = await getAction(ctx.db, actionId);
  if (!action || action.datasetId !== datasetId) throw { code: 'action.error.gone' };
  return action;
}

const EMPTY: ArmSums = { n: 0, conversions: 0, sum: 0, sumSquares: 0 };

export function actionsApi(ctx: EngineContext): ActionsApi {
  return {
    actionSourceSize(jobId, datasetId, source) {
      return ctx.run(jobId, async () => ({ customers: (await sourceRows(ctx, ctx.current(datasetId), source)).length }));
    },

    createAction(jobId, datasetId, request) {
      return ctx.run(jobId, async (checkpoint) => {
        const ds = ctx.current(datasetId);
        const draft = request?.draft;
        if (!draft || typeof draft !== 'object') throw { code: 'action.error.source' };
        const issues = validateActionDraft(draft);
        // the first problem, as the form words it (a notice: field, code, params)
        if (issues.length > 0) throw issues[0];
        const rows = await sourceRows(ctx, ds, request.source);
        checkpoint();
        if (rows.length === 0) throw { code: 'action.error.empty' };
        const ids = rows.map((i) => ds.indexed.customers.id[i]);
        const seed = typeof request.seed === 'string' && request.seed ? request.seed : newControlSeed();
        const flags = controlGroup(ids, draft.controlShare, seed);
        const control = Uint8Array.from(flags, (f) => (f ? 1 : 0));
        let inControl = 0;
        for (const f of control) inControl += f;
        const now = Date.now();
        const action: Action = {
          id: newId('act'), datasetId, name: draft.name.trim(), type: draft.type, day: draft.day, owner: draft.owner.trim(), channel: draft.channel,
          costPerContact: draft.costPerContact, offer: draft.offer.trim(), controlShare: draft.controlShare, status: 'planned', seed,
          source: JSON.parse(JSON.stringify(request.source)) as Record<string, unknown>, window: DEFAULT_READOUT_WINDOW,
          sizes: { treated: ids.length - inControl, control: inControl }, createdAt: now, updatedAt: now,
        };
        checkpoint();
        await saveAction(ctx.db, action, { customerIds: ids, control });
        return action;
      });
    },

    actionReadout(jobId, datasetId, actionId, options) {
      return ctx.run(jobId, async (checkpoint) => {
        const ds = ctx.current(datasetId);
        const action = await loadAction(ctx, datasetId, actionId);
        const members = await getActionMembers(ctx.db, actionId);
        const window = options?.window ?? action.window;
        if (!validWindow(window)) throw { code: 'action.error.window' };
        checkpoint();
        const index = ds.indexed.customerIndex;
        const groups = new Int8Array(ds.indexed.customers.id.length).fill(-1);
        let missing = 0;
        const ids = members?.customerIds ?? [];
        for (let i = 0; i < ids.length; i++) {
          const c = index.get(ids[i]);
          if (c === undefined) missing++;
          else groups[c] = members!.control[i] ? 1 : 0;
        }
        const orders = ds.indexed.orders;
        const sums = armSums(orders, groups, action.day, window);
        let last = -Infinity;
        for (let i = 0; i < orders.length; i++) if (orders.day[i] > last) last = orders.day[i];
        const end = action.day + window;
        let result: Readout | null = null;
        let notice: Notice | null = null;
        if (sums.treated.n === 0 || sums.control.n === 0) notice = { code: sums.control.n === 0 ? 'action.readout.noControl' : 'action.readout.noTreated' };
        else {
          const share = action.controlShare > 0 && action.controlShare < 1 ? action.controlShare : undefined;
          result = readout(sums.control, sums.treated, { cost: action.costPerContact * sums.treated.n, plannedControlShare: share });
        }
        return {
          actionId, day: action.day, window, end, lastOrderDay: Number.isFinite(last) ? last : NaN, complete: last >= end - 1,
          treated: sums.treated ?? EMPTY, control: sums.control ?? EMPTY, missing, readout: result, notice,
        };
      });
    },

    actionContacts(jobId, datasetId, actionId, options) {
      return ctx.run(jobId, async () => {
        const ds = ctx.current(datasetId);
        await loadAction(ctx, datasetId, actionId);
        const members = await getActionMembers(ctx.db, actionId);
        const rows: number[] = [];
        const ids = members?.customerIds ?? [];
        for (let i = 0; i < ids.length; i++) {
          // the control group is never exported for contact
          if (members!.control[i]) continue;
          const c = ds.indexed.customerIndex.get(ids[i]);
          if (c !== undefined) rows.push(c);
        }
        const split = forContact(ds, rows, { includeWithoutConsent: options?.includeWithoutConsent === true });
        const cs = ds.indexed.customers;
        return {
          customers: split.rows.map((c) => ({ id: cs.id[c], name: cs.name[c], city: cs.city[c], channel: cs.channel[c] })),
          leftOut: split.leftOut, withoutConsent: split.withoutConsent ?? 0, hasConsent: split.hasConsent,
        };
      });
    },
  };
}
