/**
 * Snapshots and value migration: dated snapshots of a grouping's membership, and the migration
 * matrix between two of them with the customers of one cell.
 */
import type { Notice } from '../../domain/types';
import type { MigrationMatrix } from '../../domain';
import { deleteSnapshot, listSnapshots, toNotice, type SnapshotRow } from '../../db';
import type { GroupingDefinition, GroupingHandle } from '../../../../workers/api';
import type { DatasetContext } from '../context';

/** What a snapshot of a grouping records as its scheme (RFM: the preset's name, or 'custom'). */
export function schemeOf(definition: GroupingDefinition): string {
  if (definition.kind === 'rfm') return typeof definition.request.preset === 'string' ? definition.request.preset : 'custom';
  return definition.kind === 'rule' ? 'rules' : definition.kind;
}

export class SnapshotsPanel {
  #ctx: DatasetContext;
  #list = $state.raw<SnapshotRow[]>([]);
  #matrix = $state.raw<{ fromId: string; toId: string; matrix: MigrationMatrix } | null>(null);
  #cell = $state.raw<{ fromKey: string | null; toKey: string | null; ids: string[] } | null>(null);
  #error = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get list(): SnapshotRow[] { return this.#list; }
  get matrix(): { fromId: string; toId: string; matrix: MigrationMatrix } | null { return this.#matrix; }
  get cell(): { fromKey: string | null; toKey: string | null; ids: string[] } | null { return this.#cell; }
  get error(): Notice | null { return this.#error; }

  async load(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    try {
      this.#list = id ? await listSnapshots(this.#ctx.db, id) : [];
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Save a grouping's membership as a dated snapshot. */
  async save(grouping: GroupingHandle, label: string): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    this.#error = null;
    try {
      await this.#ctx.engine.api.snapshot(id, grouping, { label: label.trim().slice(0, 120) });
      await this.load();
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async remove(snapshotId: string): Promise<void> {
    try {
      await deleteSnapshot(this.#ctx.db, snapshotId);
    } catch (error) {
      this.#error = toNotice(error);
    }
    if (this.#matrix && (this.#matrix.fromId === snapshotId || this.#matrix.toId === snapshotId)) this.#matrix = null;
    await this.load();
  }

  async compare(fromId: string, toId: string): Promise<void> {
    this.#cell = null;
    try {
      this.#matrix = { fromId, toId, matrix: await this.#ctx.engine.api.compareSnapshots(fromId, toId) };
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  async openCell(fromKey: string | null, toKey: string | null): Promise<void> {
    const m = this.#matrix;
    if (!m) return;
    try {
      this.#cell = { fromKey, toKey, ids: await this.#ctx.engine.api.migrationMembers(m.fromId, m.toId, fromKey, toKey) };
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Another dataset (or the same one reloaded): no matrix from before. */
  reset(): void {
    this.#matrix = null;
    this.#cell = null;
    this.#error = null;
  }
}
