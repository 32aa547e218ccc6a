/**
 * The segment opened on the Segments page: its grouping and key, its persona (and a second one
 * to compare with), a page of its members, and its members as CSV.
 */
import type { Notice } from '../../domain/types';
import { toNotice } from '../../db';
import type { CustomerPage, GroupingHandle, SegmentPersona } from '../../../../workers/api';
import type { DatasetContext } from '../context';

export const MEMBERS_PAGE = 20;

export class SegmentSelection {
  #ctx: DatasetContext;
  #grouping: GroupingHandle | null = null;
  #key = $state<string | null>(null);
  #persona = $state.raw<SegmentPersona | null>(null);
  #other = $state.raw<{ key: string; persona: SegmentPersona } | null>(null);
  #members = $state.raw<CustomerPage | null>(null);
  #error = $state.raw<Notice | null>(null);

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get key(): string | null { return this.#key; }
  get persona(): SegmentPersona | null { return this.#persona; }
  /** A second segment shown side by side with the selected one. */
  get other(): { key: string; persona: SegmentPersona } | null { return this.#other; }
  get members(): CustomerPage | null { return this.#members; }
  get error(): Notice | null { return this.#error; }

  /** Open a segment of a grouping (null: none): its persona and first page of members. */
  async open(grouping: GroupingHandle | null, key: string | null, offset = 0): Promise<void> {
    this.#grouping = grouping;
    this.#key = key;
    this.#other = null;
    this.#error = null;
    const id = this.#ctx.currentDatasetId;
    if (!key || !grouping || !id) {
      this.#persona = null;
      this.#members = null;
      return;
    }
    try {
      this.#persona = await this.#ctx.engine.api.persona(id, grouping, key);
      this.#members = await this.#ctx.engine.api.customers(id, this.#query(grouping, key, offset));
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Another page of the selected segment's members. */
  async page(offset: number): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const grouping = this.#grouping;
    const key = this.#key;
    if (!id || !grouping || !key) return;
    try {
      this.#members = await this.#ctx.engine.api.customers(id, this.#query(grouping, key, offset));
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Show another segment of the same grouping beside the selected one (null: none). */
  async compareWith(key: string | null): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const grouping = this.#grouping;
    if (!key || !id || !grouping) {
      this.#other = null;
      return;
    }
    try {
      const persona = await this.#ctx.engine.api.persona(id, grouping, key);
      this.#other = persona ? { key, persona } : null;
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** A segment's members as CSV text ('' when there is nothing to export). */
  async csv(key: string, header: string[], mask = false): Promise<string> {
    const id = this.#ctx.currentDatasetId;
    const grouping = this.#grouping;
    if (!id || !grouping) return '';
    try {
      return await this.#ctx.engine.api.segmentCsv(id, grouping, key, header, { mask });
    } catch (error) {
      this.#error = toNotice(error);
      return '';
    }
  }

  clear(): void {
    this.#grouping = null;
    this.#key = null;
    this.#persona = null;
    this.#other = null;
    this.#members = null;
    this.#error = null;
  }

  #query(grouping: GroupingHandle, key: string, offset: number) {
    return { segment: { grouping, key }, sortBy: 'net' as const, descending: true, offset: Math.max(0, offset), limit: MEMBERS_PAGE };
  }
}
