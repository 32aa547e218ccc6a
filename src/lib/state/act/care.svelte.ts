/**
 * The Actions page: the care calendar, the ready lists and the purchase ladder (issue 16).
 *
 * The lists' settings (days ahead, win-back factor, VIP basis) are one request; every list's size,
 * value and contactable count come from one engine call, computed again when the dataset or a
 * setting changes. One list at a time is open (its customers paged). The user's own dates are kept
 * per dataset in the settings table (`care-dates:<datasetId>`), read back through restoreCareDates;
 * a deleted date can be brought back (undo) until the next change. The ladder is by the grouping
 * picked (the Voice/Strategy choices).
 */
import type { CareListCsv, CareListPage, CareListsResult, LadderResult, VipBasis } from '../../../../workers/api';
import type { CareListKey, CareListRequest } from '../../../../workers/act/sources';
import {
  CARE_DATES_MAX, CARE_DEFAULT_DAYS, checkCareDays, checkWinbackFactor, holidaysBetween, restoreCareDates, upcomingCareDates,
  validateCareDate, WINBACK_FACTOR, type CareDate, type Holiday,
} from '../../domain';
import type { Notice } from '../../domain/types';
import { getSetting, newId, setSetting, toNotice } from '../../db';
import type { DatasetContext } from '../context';
import { Loaded } from '../loaded.svelte';
import { groupingAvailable, setUpGrouping, voiceGroupingHandle, type VoiceGrouping, type VoiceGroupingSource } from '../voice.svelte';
import { Recompute } from '../voice/recompute';

let calls = 0;

/** Customers per page of an open list. */
export const CARE_PAGE = 20;

/** The settings key of a dataset's own dates. */
export const careDatesKey = (datasetId: string): string => `care-dates:${datasetId}`;

/** A date as typed in the form (month and day as numbers or text; year empty for every year). */
export interface CareDateInput {
  name: string;
  month: number | string;
  day: number | string;
  year?: number | string | null;
}

/** What the calendar shows in the window: festivals and the user's dates, by day. */
export interface CalendarEntry {
  day: number;
  holiday?: Holiday;
  date?: CareDate;
}

export class CareState {
  readonly ctx: DatasetContext;
  /** The Segments page's groupings and analysis day (the ladder by segment). */
  readonly source: VoiceGroupingSource;
  #days = $state(CARE_DEFAULT_DAYS);
  #factor = $state(WINBACK_FACTOR);
  #vip = $state<VipBasis>('tier');
  #inputError = $state.raw<Notice | null>(null);
  readonly lists = new Loaded<CareListsResult>();
  #listsFor = new Recompute();
  #open = $state<CareListKey | null>(null);
  #offset = $state(0);
  readonly page = new Loaded<CareListPage>();
  #include = $state<Partial<Record<CareListKey, boolean>>>({});
  #exportError = $state.raw<Notice | null>(null);
  #dates = $state.raw<CareDate[]>([]);
  #datesOf: string | null = null;
  #datesError = $state.raw<Notice | null>(null);
  #deleted = $state.raw<{ date: CareDate; index: number } | null>(null);
  #grouping = $state<VoiceGrouping>('rfm');
  readonly ladder = new Loaded<LadderResult>();
  #ladderFor = new Recompute();

  constructor(ctx: DatasetContext, source: VoiceGroupingSource) {
    this.ctx = ctx;
    this.source = source;
  }

  get days(): number { return this.#days; }
  get factor(): number { return this.#factor; }
  get vip(): VipBasis { return this.#vip; }
  /** Why the last setting typed was refused (null: it was not). */
  get inputError(): Notice | null { return this.#inputError; }
  get open(): CareListKey | null { return this.#open; }
  get offset(): number { return this.#offset; }
  get exportError(): Notice | null { return this.#exportError; }
  get dates(): CareDate[] { return this.#dates; }
  get datesError(): Notice | null { return this.#datesError; }
  /** The date last deleted (it can be brought back), or null. */
  get deleted(): CareDate | null { return this.#deleted?.date ?? null; }
  get grouping(): VoiceGrouping { return this.#grouping; }

  /** Include customers without consent in a list's export (only for lists not used for marketing). */
  included(list: CareListKey): boolean { return this.#include[list] === true; }
  setIncluded(list: CareListKey, include: boolean): void {
    this.#include = { ...this.#include, [list]: include };
  }

  /** Birthdays, anniversaries and the calendar look this many days ahead (1–366). */
  setDays(days: number): void {
    try {
      checkCareDays(days);
    } catch (error) {
      this.#inputError = toNotice(error);
      return;
    }
    this.#inputError = null;
    this.#days = days;
    this.#closeIf(['birthdays', 'anniversaries']);
  }

  /** Win-back: silent beyond this many times the usual gap (1–10). */
  setFactor(factor: number): void {
    try {
      checkWinbackFactor(factor);
    } catch (error) {
      this.#inputError = toNotice(error);
      return;
    }
    this.#inputError = null;
    this.#factor = factor;
    this.#closeIf(['winback']);
  }

  setVip(vip: VipBasis): void {
    this.#vip = vip;
    this.#closeIf(['vip']);
  }

  #closeIf(lists: CareListKey[]): void {
    if (this.#open && lists.includes(this.#open)) {
      this.#offset = 0;
      void this.#loadPage();
    }
  }

  /** The request of a list with the settings shown (what an action or an export is made from). */
  request(list: CareListKey): CareListRequest {
    const options: Record<string, number | string | boolean> = {};
    if (list === 'birthdays' || list === 'anniversaries') options.days = this.#days;
    if (list === 'winback') options.factor = this.#factor;
    if (list === 'vip') options.vip = this.#vip;
    return { list, options };
  }

  /** Bring the lists, the user's dates and the ladder up to date. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    if (!id) return;
    await Promise.all([this.#syncLists(id), this.#syncDates(id), this.syncLadder()]);
  }

  async #syncLists(id: string): Promise<void> {
    const revision = this.ctx.revision;
    const request = { days: this.#days, factor: this.#factor, vip: this.#vip };
    const before = this.lists.value;
    await this.#listsFor.run(this.lists, { revision, key: [request.days, request.factor, request.vip] }, () =>
      this.ctx.engine.api.careLists(`care-lists-${++calls}`, id, request), () => {
      this.#open = null;
      this.page.clear();
    });
    // another revision of the dataset: the open list was of the old one
    if (before && this.lists.value && this.lists.value !== before && this.#open) void this.#loadPage();
  }

  /** Open a list's customers (the same list again closes it). */
  async openList(list: CareListKey | null): Promise<void> {
    if (list === null || list === this.#open) {
      this.#open = null;
      this.page.clear();
      return;
    }
    this.#open = list;
    this.#offset = 0;
    await this.#loadPage();
  }

  /** Another page of the open list. */
  async turn(offset: number): Promise<void> {
    this.#offset = Math.max(0, offset);
    await this.#loadPage();
  }

  async #loadPage(): Promise<void> {
    const list = this.#open;
    const id = this.ctx.currentDatasetId;
    if (!list || !id) return;
    const offset = this.#offset;
    await this.page.load(() => this.ctx.engine.api.careListPage(`care-page-${++calls}`, id, this.request(list), offset, CARE_PAGE));
  }

  /**
   * A list as CSV for contact (consent applied; masked when asked), or null when it failed
   * (exportError says why).
   */
  async exportList(list: CareListKey, header: string[], mask: boolean, notes: Record<string, string> = {}): Promise<CareListCsv | null> {
    this.#exportError = null;
    const id = this.ctx.currentDatasetId;
    if (!id) return null;
    try {
      return await this.ctx.engine.api.careListCsv(`care-csv-${++calls}`, id, this.request(list), {
        header, mask, includeWithoutConsent: this.included(list), notes,
      });
    } catch (error) {
      this.#exportError = toNotice(error);
      return null;
    }
  }

  /** Festivals and the user's dates in the window from the lists' day, soonest first. */
  get calendar(): CalendarEntry[] {
    const day = this.lists.value?.day;
    if (day === null || day === undefined) return [];
    const to = day + this.#days - 1;
    const entries: CalendarEntry[] = [
      ...holidaysBetween(day, to).map((holiday) => ({ day: holiday.day, holiday })),
      ...upcomingCareDates(this.#dates, day, this.#days).map((x) => ({ day: x.day, date: x.date })),
    ];
    return entries.sort((a, b) => a.day - b.day || (a.holiday ? -1 : 1) - (b.holiday ? -1 : 1));
  }

  async #syncDates(id: string): Promise<void> {
    if (this.#datesOf === id) return;
    this.#datesOf = id;
    this.#deleted = null;
    try {
      const raw = await getSetting<unknown>(this.ctx.db, careDatesKey(id), []);
      if (this.#datesOf === id) this.#dates = restoreCareDates(raw);
      this.#datesError = null;
    } catch (error) {
      this.#dates = [];
      this.#datesError = toNotice(error);
    }
  }

  /** Add a date (problems returned, nothing saved, when it is not usable). */
  async addDate(input: CareDateInput): Promise<Notice[]> {
    const problems = validateCareDate(input);
    if (problems.length) return problems;
    if (this.#dates.length >= CARE_DATES_MAX) return [{ code: 'care.date.tooMany', params: { max: CARE_DATES_MAX } }];
    const date = toDate(newId('care-date'), input);
    return this.#save([...this.#dates, date]);
  }

  /** Change a date (problems returned, nothing saved, when the new one is not usable). */
  async updateDate(id: string, input: CareDateInput): Promise<Notice[]> {
    const problems = validateCareDate(input);
    if (problems.length) return problems;
    return this.#save(this.#dates.map((d) => (d.id === id ? toDate(id, input) : d)));
  }

  /** Delete a date; it can be brought back with undoDelete until the next change. */
  async deleteDate(id: string): Promise<Notice[]> {
    const index = this.#dates.findIndex((d) => d.id === id);
    if (index < 0) return [];
    const date = this.#dates[index];
    const problems = await this.#save(this.#dates.filter((d) => d.id !== id));
    if (!problems.length) this.#deleted = { date, index };
    return problems;
  }

  async undoDelete(): Promise<Notice[]> {
    const last = this.#deleted;
    if (!last) return [];
    const next = [...this.#dates];
    next.splice(Math.min(last.index, next.length), 0, last.date);
    return this.#save(next);
  }

  async #save(next: CareDate[]): Promise<Notice[]> {
    const id = this.ctx.currentDatasetId;
    if (!id) return [{ code: 'care.date.noDataset', params: {} }];
    try {
      await setSetting(this.ctx.db, careDatesKey(id), next.map((d) => ({ ...d })));
    } catch (error) {
      const notice = toNotice(error);
      this.#datesError = notice;
      return [notice];
    }
    this.#dates = next;
    this.#deleted = null;
    this.#datesError = null;
    return [];
  }

  // the ladder

  ladderAvailable(grouping: VoiceGrouping): boolean {
    return groupingAvailable(this.source, grouping, this.ctx.revision);
  }

  async setGrouping(grouping: VoiceGrouping): Promise<void> {
    this.#grouping = grouping;
    await this.syncLadder();
  }

  /** Bring the ladder up to date with the dataset, the grouping and the analysis day. */
  async syncLadder(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const grouping = this.#grouping;
    const day = this.source.analysisDay;
    const shown = setUpGrouping(this.source, grouping, revision, day);
    if (!id) return;
    await this.#ladderFor.run(this.ladder, { revision, key: [grouping, day], handle: shown?.id }, async () => {
      const handle = shown ?? (await voiceGroupingHandle(this.ctx, this.source, grouping, id, day));
      return this.ctx.engine.api.careLadder(`care-ladder-${++calls}`, id, { grouping: handle, analysisDay: day });
    });
  }
}

function toDate(id: string, input: CareDateInput): CareDate {
  const date: CareDate = { id, name: input.name.trim(), month: Number(input.month), day: Number(input.day) };
  if (input.year !== undefined && input.year !== null && input.year !== '') date.year = Number(input.year);
  return date;
}
