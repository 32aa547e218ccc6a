/**
 * Feedback and complaints kept by hand: an entry added on a customer's page, an imported one
 * corrected or marked resolved with a note (in the open-complaints queue). Each save is stored
 * (interactionEdits) and laid over the loaded dataset at once, so every figure counts it.
 */
import { listInteractionEdits, newId, putInteractionEdit, type InteractionEditRow } from '../../src/lib/db';
import { NO_DAY } from '../../src/lib/domain';
import { interactionProblem, MAX_INTERACTION_TEXT, type InteractionFields } from '../../src/lib/domain/voice/interactions';
import type { EngineContext } from '../core/context';
import { reapplyInteractionEdits, type LoadedDataset } from '../core/loaded';

/** One entry as the customer's page and the queue show it. */
export interface InteractionEntry extends InteractionFields {
  entryId: string;
  /** Added by hand (not from a file). */
  added: boolean;
  /** The note written when it was resolved or edited ('' when none). */
  note: string;
}

/** What a save asks for: a new entry (no entryId) with all its fields, or the fields to change of an existing one. */
export interface InteractionSave {
  entryId?: string;
  customerId: string;
  fields: Partial<InteractionFields>;
  note?: string;
  /** Remove the entry (an added one is deleted; an imported one hidden). */
  deleted?: boolean;
}

export interface EntriesApi {
  /**
   * Add, change, resolve or remove one interaction of the loaded dataset; returns the entry as it
   * now is (null when removed). Refusals: `voice.interactionCustomer` (no such customer),
   * `voice.interactionKind`, `voice.interactionSeverity`, `voice.interactionDay`,
   * `voice.interactionResolvedBefore`, `voice.interactionMissing` (no such entry).
   */
  saveInteraction(datasetId: string, save: InteractionSave): Promise<InteractionEntry | null>;
}

/** The entry at row r of the loaded dataset's interactions. */
export function entryAt(ds: LoadedDataset, r: number, added: boolean): InteractionEntry {
  const it = ds.content.interactions;
  return {
    entryId: it.id[r], customerId: it.customerId[r], day: it.day[r], kind: it.kind[r] as InteractionFields['kind'], channel: it.channel[r],
    topic: it.topic[r], severity: it.severity[r], resolved: it.resolved[r], resolvedDay: it.resolvedDay[r], text: it.text[r], added,
    note: ds.interactionNotes?.get(it.id[r]) ?? '',
  };
}

const cut = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.trim().slice(0, MAX_INTERACTION_TEXT));

export function entriesApi(ctx: EngineContext): EntriesApi {
  return {
    async saveInteraction(datasetId, save) {
      const ds = ctx.current(datasetId);
      if (!ds.indexed.customerIndex.has(save.customerId)) throw { code: 'voice.interactionCustomer', params: { id: save.customerId } };
      const it = ds.content.interactions;
      const row = save.entryId === undefined ? -1 : it.id.indexOf(save.entryId);
      if (save.entryId !== undefined && row < 0) throw { code: 'voice.interactionMissing' };
      if (row >= 0 && it.customerId[row] !== save.customerId) throw { code: 'voice.interactionMissing' };
      const fields: Partial<InteractionFields> = { ...save.fields, text: cut(save.fields.text) };
      if (fields.text === undefined) delete fields.text;
      if (fields.resolved === 0) fields.resolvedDay = NO_DAY;
      const before = row >= 0 ? entryAt(ds, row, false) : null;
      const merged: InteractionFields = {
        customerId: save.customerId, day: NO_DAY, kind: 'complaint', channel: '', topic: '', severity: 0, resolved: 0, resolvedDay: NO_DAY, text: '',
        ...(before ?? {}), ...fields,
      };
      if (!save.deleted) {
        const problem = interactionProblem(merged);
        if (problem) throw problem;
      }
      const stored = (await listInteractionEdits(ctx.db, datasetId)).find((e) => e.entryId === save.entryId);
      const added = save.entryId === undefined || stored?.added === true;
      const edit: InteractionEditRow = {
        datasetId, entryId: save.entryId ?? newId('hand'), customerId: save.customerId, added,
        // an added entry keeps all its fields; an imported one only what was changed
        fields: added ? merged : fields,
        note: cut(save.note), deleted: save.deleted, updatedAt: Date.now(),
      };
      if (edit.note === undefined) delete edit.note;
      await putInteractionEdit(ctx.db, edit);
      // the loaded dataset may have been replaced while writing
      if (ctx.loaded() !== ds) return null;
      reapplyInteractionEdits(ds, await listInteractionEdits(ctx.db, datasetId));
      if (save.deleted) return null;
      const at = ds.content.interactions.id.indexOf(edit.entryId);
      return at < 0 ? null : entryAt(ds, at, added);
    },
  };
}
