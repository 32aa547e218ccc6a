/**
 * Feedback and complaints as the user keeps them: the imported interactions with the hand edits
 * made on a customer's page or in the open-complaints queue laid over them (marked resolved with a
 * note, corrected, added, removed). Pure: the engine applies the stored edits when it loads a
 * dataset and again after each save.
 */
import { INTERACTION_KINDS, NO_DAY, type InteractionColumns, type InteractionKind, type Notice } from '../types';

/** The fields of an interaction a hand edit can set (see InteractionColumns). */
export interface InteractionFields {
  customerId: string;
  day: number;
  kind: InteractionKind;
  channel: string;
  topic: string;
  /** 1 low, 2 medium, 3 high, 0 unknown. */
  severity: number;
  /** 1 resolved, 0 open. */
  resolved: number;
  /** NO_DAY when open or unknown. */
  resolvedDay: number;
  text: string;
}

/** Severity levels, lowest first (0 = unknown). */
export const SEVERITIES = [1, 2, 3] as const;

export interface InteractionEdit {
  /** The entry's id (InteractionColumns.id); for an entry added by hand, made when it was added. */
  entryId: string;
  customerId: string;
  /** An entry added by hand: `fields` holds all of it. Otherwise the fields that override the imported entry. */
  added: boolean;
  fields: Partial<InteractionFields>;
  /** The note written when it was resolved or edited ('' or absent: none). */
  note?: string;
  /** Removed: an entry added by hand that was deleted, or an imported one hidden. */
  deleted?: boolean;
  updatedAt: number;
}

/** The interactions with edits applied, and each edited entry's note by entry id. */
export interface EditedInteractions {
  columns: InteractionColumns;
  notes: Map<string, string>;
}

/** The most characters kept of an interaction's text or note. */
export const MAX_INTERACTION_TEXT = 4000;

/**
 * Why an interaction's fields cannot be kept (a notice), or null when they can: no customer, no
 * valid day, an unknown kind, a severity other than 0–3, a status other than 0 / 1, or a resolved
 * day before the day it was opened.
 */
export function interactionProblem(f: InteractionFields): Notice | null {
  if (!f.customerId) return { code: 'voice.interactionCustomer', params: { id: '' } };
  if (!Number.isInteger(f.day) || f.day === NO_DAY) return { code: 'voice.interactionDay' };
  if (!(INTERACTION_KINDS as readonly string[]).includes(f.kind)) return { code: 'voice.interactionKind', params: { kind: String(f.kind) } };
  if (!(Number.isInteger(f.severity) && f.severity >= 0 && f.severity <= 3)) return { code: 'voice.interactionSeverity', params: { severity: String(f.severity) } };
  if (f.resolved !== 0 && f.resolved !== 1) return { code: 'voice.interactionStatus' };
  if (f.resolved === 1 && f.resolvedDay !== NO_DAY && !Number.isInteger(f.resolvedDay)) return { code: 'voice.interactionDay' };
  if (f.resolved === 1 && f.resolvedDay !== NO_DAY && f.resolvedDay < f.day) return { code: 'voice.interactionResolvedBefore' };
  return null;
}

/**
 * Lay the edits over the imported interactions: an edit of an imported entry replaces the fields
 * it names (an edit whose entry is gone, e.g. its import removed, is ignored); an added entry is
 * appended; a deleted one is left out. Rows keep their order, added ones follow in edit order.
 * The base columns are not changed.
 * @example
 * applyInteractionEdits(base, [{ entryId: 'T-1', customerId: 'C1', added: false, fields: { resolved: 1, resolvedDay: 19800 }, note: 'Refunded', updatedAt: 1 }])
 */
export function applyInteractionEdits(base: InteractionColumns, edits: readonly InteractionEdit[]): EditedInteractions {
  const notes = new Map<string, string>();
  if (edits.length === 0) return { columns: base, notes };
  const byId = new Map<string, InteractionEdit>();
  for (const e of edits) byId.set(e.entryId, e);
  const keep: number[] = [];
  const override: (InteractionEdit | undefined)[] = [];
  for (let i = 0; i < base.id.length; i++) {
    const e = byId.get(base.id[i]);
    if (e && !e.added) {
      byId.delete(base.id[i]);
      if (e.deleted) continue;
      if (e.note) notes.set(e.entryId, e.note);
    }
    keep.push(i);
    override.push(e && !e.added ? e : undefined);
  }
  const added = [...byId.values()].filter((e) => e.added && !e.deleted);
  const n = keep.length + added.length;
  const out: InteractionColumns = {
    id: new Array<string>(n), customerId: new Array<string>(n), day: new Int32Array(n), channel: new Array<string>(n),
    kind: new Array<string>(n), topic: new Array<string>(n), resolved: new Uint8Array(n), severity: new Int8Array(n),
    resolvedDay: new Int32Array(n), text: new Array<string>(n),
  };
  const set = (r: number, f: Partial<InteractionFields>, from: number | null, id: string): void => {
    out.id[r] = id;
    out.customerId[r] = f.customerId ?? (from === null ? '' : base.customerId[from]);
    out.day[r] = f.day ?? (from === null ? NO_DAY : base.day[from]);
    out.channel[r] = f.channel ?? (from === null ? '' : base.channel[from]);
    out.kind[r] = f.kind ?? (from === null ? 'complaint' : base.kind[from]);
    out.topic[r] = f.topic ?? (from === null ? '' : base.topic[from]);
    out.resolved[r] = f.resolved ?? (from === null ? 0 : base.resolved[from]);
    out.severity[r] = f.severity ?? (from === null ? 0 : base.severity[from]);
    out.resolvedDay[r] = out.resolved[r] ? (f.resolvedDay ?? (from === null ? NO_DAY : base.resolvedDay[from])) : NO_DAY;
    out.text[r] = f.text ?? (from === null ? '' : base.text[from]);
  };
  keep.forEach((i, r) => set(r, override[r]?.fields ?? {}, i, base.id[i]));
  added.forEach((e, k) => {
    set(keep.length + k, e.fields, null, e.entryId);
    if (e.note) notes.set(e.entryId, e.note);
  });
  return { columns: out, notes };
}
