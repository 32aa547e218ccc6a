/**
 * Snapshots and value migration: dated snapshots of a grouping's membership, the pair chosen for
 * comparison (two snapshots of the same scheme only), and the migration matrix between them with
 * the customers of one cell.
 */
import type { Notice } from '../../domain/types';
import { comparableWith, defaultPair, schemeOrder, shownMigration, type MigrationMatrix, type MigrationTable } from '../../domain';
import { deleteSnapshot, listSnapshots, toNotice, type SnapshotRow } from '../../db';
import type { GroupingHandle } from '../../../../workers/api';
import type { DatasetContext } from '../context';

/** A compared pair: the matrix as the engine counts it, and its rows and columns that hold anyone. */
export interface Comparison {
  fromId: string;
  toId: string;
  /** The scheme both snapshots share (their keys are worded by it). */
  scheme: string;
  matrix: MigrationMatrix;
  table: MigrationTable;
}

export class SnapshotsPanel {
  #ctx: DatasetContext;
  #list = $state.raw<SnapshotRow[]>([]);
  #fromId = $state('');
  #toId = $state('');
  #matrix = $state.raw<Comparison | null>(null);
  #cell = $state.raw<{ fromKey: string | null; toKey: string | null; ids: string[] } | null>(null);
  #error = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get list(): SnapshotRow[] { return this.#list; }
  get matrix(): Comparison | null { return this.#matrix; }
  get cell(): { fromKey: string | null; toKey: string | null; ids: string[] } | null { return this.#cell; }
  get error(): Notice | null { return this.#error; }

  /** The earlier snapshot of the pair ('' for none). */
  get fromId(): string { return this.#fromId; }
  /** The later snapshot of the pair: one of {@link choices} ('' for none). */
  get toId(): string { return this.#toId; }
  /** The snapshot picked first. */
  get from(): SnapshotRow | null { return this.#list.find((s) => s.id === this.#fromId) ?? null; }
  /** The snapshots the first one can be compared with: those of its scheme. */
  get choices(): SnapshotRow[] { return comparableWith(this.#list, this.#fromId); }
  /** Some two snapshots share a scheme (else nothing can be compared). */
  get comparable(): boolean { return defaultPair(this.#list) !== null; }

  async load(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    try {
      this.#list = id ? await listSnapshots(this.#ctx.db, id) : [];
    } catch (error) {
      this.#error = toNotice(error);
    }
    this.#keepPair();
  }

  /** Pick the earlier snapshot; the later one stays if it has the same scheme, else the newest that has. */
  setFrom(id: string): void {
    this.#fromId = id;
    if (!this.choices.some((s) => s.id === this.#toId)) this.#toId = this.choices[0]?.id ?? '';
    this.#dropStaleMatrix();
  }

  /** Pick the later snapshot, among {@link choices}. */
  setTo(id: string): void {
    if (this.choices.some((s) => s.id === id)) this.#toId = id;
    this.#dropStaleMatrix();
  }

  /** A matrix of another pair than the one picked is not shown under the pickers. */
  #dropStaleMatrix(): void {
    if (this.#matrix && (this.#matrix.fromId !== this.#fromId || this.#matrix.toId !== this.#toId)) {
      this.#matrix = null;
      this.#cell = null;
    }
  }

  /** A pair still in the list, else the newest pair of one scheme. */
  #keepPair(): void {
    const has = (id: string) => this.#list.some((s) => s.id === id);
    if (has(this.#fromId) && has(this.#toId)) return;
    const pair = defaultPair(this.#list);
    this.#fromId = pair?.fromId ?? this.#list[0]?.id ?? '';
    this.#toId = pair?.toId ?? '';
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

  /** Compare the pair picked (two snapshots of the same scheme; nothing otherwise). */
  async compare(): Promise<void> {
    const from = this.from;
    const to = this.choices.find((s) => s.id === this.#toId);
    if (!from || !to) return;
    this.#cell = null;
    this.#error = null;
    try {
      const matrix = await this.#ctx.engine.api.compareSnapshots(from.id, to.id);
      this.#matrix = { fromId: from.id, toId: to.id, scheme: from.scheme, matrix, table: shownMigration(matrix, schemeOrder(from.scheme)) };
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
    this.#fromId = '';
    this.#toId = '';
    this.#matrix = null;
    this.#cell = null;
    this.#error = null;
  }
}
