/**
 * The Voice page's feedback and complaints part: complaint rate, time to resolve and service level
 * overall and by the grouping picked here (default the 11 RFM segments; the Segments page's
 * grouping of that kind when it has one for this dataset and analysis day), topics, and the
 * open-complaints queue where a complaint is marked resolved with a note (and opened again).
 * The service level and the keyword rules are remembered per dataset (settings table). Computed
 * again when the dataset, the grouping, the analysis day, the value fit, the settings or a saved
 * interaction (editor.version) changes.
 */
import { dayFromCivil, isoDate, maskId, maskPersonal, NO_DAY } from '../../domain';
import { cleanTopicRules, DEFAULT_TOPIC_RULES, type TopicRule } from '../../domain/voice/complaints';
import type { Notice } from '../../domain/types';
import { toCsv } from '../../domain/import';
import { getSetting, setSetting, toNotice } from '../../db';
import type { ComplaintsResult, QueueEntry } from '../../../../workers/api';
import { Loaded } from '../loaded.svelte';
import { setUpGrouping, voiceGroupingHandle } from '../voice.svelte';
import { VoicePart } from './part.svelte';
import { Recompute } from './recompute';

let calls = 0;

/** The service level in hours when none was set. */
export const DEFAULT_SLA = 48;
/** The longest service level accepted (a year), in hours. */
export const MAX_SLA = 8760;

/** What is remembered per dataset. */
export interface ComplaintSettings {
  slaHours: number;
  /** null: the default rules. */
  rules: TopicRule[] | null;
}

/** The settings key of a dataset's complaint settings. */
export const complaintSettingsKey = (datasetId: string): string => `complaints:${datasetId}`;

/** Today's day number in the browser's time zone. */
export function todayDay(ms = Date.now()): number {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, not state
  const now = new Date(ms);
  return dayFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The complaint just resolved, so it can be opened again. */
export interface JustResolved {
  entryId: string;
  customerId: string;
  name: string;
}

export class ComplaintsState extends VoicePart {
  readonly result = new Loaded<ComplaintsResult>();
  #settings = $state.raw<ComplaintSettings>({ slaHours: DEFAULT_SLA, rules: null });
  /** The dataset whose settings are loaded. */
  #settingsFor: string | null = null;
  #settingsError = $state.raw<Notice | null>(null);
  #justResolved = $state.raw<JustResolved | null>(null);
  /** What the result was computed for: revision, grouping, analysis day, value fit, saved entries and settings. */
  #for = new Recompute();

  get slaHours(): number { return this.#settings.slaHours; }
  /** The keyword rules in use (the defaults unless the user changed them). */
  get rules(): readonly TopicRule[] { return this.#settings.rules ?? DEFAULT_TOPIC_RULES; }
  get customRules(): boolean { return this.#settings.rules !== null; }
  /** Why the last settings change was refused or not stored (null when it was). */
  get settingsError(): Notice | null { return this.#settingsError; }
  get justResolved(): JustResolved | null { return this.#justResolved; }

  /** Set the service level (hours, more than 0 and at most a year); refused with a notice otherwise. */
  async setSlaHours(hours: number): Promise<boolean> {
    if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_SLA) {
      this.#settingsError = { code: 'complaints.slaBad', params: { max: MAX_SLA } };
      return false;
    }
    return this.#store({ ...this.#settings, slaHours: hours });
  }

  /** Use these keyword rules (cleaned: blank names and keywords dropped); refused when none is left. */
  async setRules(rules: readonly TopicRule[]): Promise<boolean> {
    const clean = cleanTopicRules(rules);
    if (clean.length === 0) {
      this.#settingsError = { code: 'complaints.rulesEmpty' };
      return false;
    }
    return this.#store({ ...this.#settings, rules: clean });
  }

  async resetRules(): Promise<boolean> {
    return this.#store({ ...this.#settings, rules: null });
  }

  async #store(next: ComplaintSettings): Promise<boolean> {
    const id = this.ctx.currentDatasetId;
    this.#settingsError = null;
    this.#settings = next;
    if (id) {
      try {
        await setSetting(this.ctx.db, complaintSettingsKey(id), $state.snapshot(next));
      } catch (error) {
        this.#settingsError = toNotice(error);
      }
    }
    await this.sync();
    return this.#settingsError === null;
  }

  /** The day a resolve form proposes: the analysis day when one is set, else today (never before the complaint's day). */
  defaultResolvedDay(entry: Pick<QueueEntry, 'day'>, today = todayDay()): number {
    const d = this.source.analysisDay ?? today;
    return entry.day !== NO_DAY && d < entry.day ? entry.day : d;
  }

  /** Mark an open complaint resolved on `resolvedDay` with a note; false (editor.error says why) when refused. */
  async resolve(entry: Pick<QueueEntry, 'entryId' | 'customerId' | 'name'>, resolvedDay: number, note: string): Promise<boolean> {
    const saved = await this.editor.save({ entryId: entry.entryId, customerId: entry.customerId, fields: { resolved: 1, resolvedDay }, note });
    if (!saved) return false;
    this.#justResolved = { entryId: entry.entryId, customerId: entry.customerId, name: entry.name };
    await this.sync();
    return true;
  }

  /** Open a resolved complaint again (the undo of resolve); its note is dropped. */
  async reopen(entry: Pick<JustResolved, 'entryId' | 'customerId'>): Promise<boolean> {
    const saved = await this.editor.save({ entryId: entry.entryId, customerId: entry.customerId, fields: { resolved: 0 } });
    if (!saved) return false;
    if (this.#justResolved?.entryId === entry.entryId) this.#justResolved = null;
    await this.sync();
    return true;
  }

  dismissUndo(): void {
    this.#justResolved = null;
  }

  /** Bring the figures up to date with the dataset, grouping, analysis day, value fit, saved entries and settings. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const grouping = this.grouping;
    const day = this.source.analysisDay;
    const fit = this.fitted();
    const version = this.editor.version;
    const shown = setUpGrouping(this.source, grouping, revision, day);
    if (!id) return;
    if (this.#settingsFor !== id) {
      this.#settingsFor = id;
      this.#justResolved = null;
      this.#settings = await this.#loadSettings(id);
      if (this.ctx.currentDatasetId !== id) return;
    }
    const settings = this.#settings;
    await this.#for.run(this.result, { revision, key: [grouping, day, fit, version, settings], handle: shown?.id }, async () => {
      const handle = shown ?? (await voiceGroupingHandle(this.ctx, this.source, grouping, id, day));
      return this.ctx.engine.api.complaints(`complaints-${++calls}`, id, {
        grouping: handle, analysisDay: day, slaHours: settings.slaHours, rules: settings.rules ? $state.snapshot(settings.rules) as TopicRule[] : undefined,
      });
    });
  }

  async #loadSettings(id: string): Promise<ComplaintSettings> {
    try {
      const saved = await getSetting<Partial<ComplaintSettings> | null>(this.ctx.db, complaintSettingsKey(id), null);
      const sla = saved?.slaHours;
      const rules = Array.isArray(saved?.rules) ? cleanTopicRules(saved.rules.filter((r) => r && typeof r.topic === 'string' && Array.isArray(r.keywords))
        .map((r) => ({ topic: r.topic, keywords: r.keywords.filter((k): k is string => typeof k === 'string') }))) : null;
      return {
        slaHours: typeof sla === 'number' && sla > 0 && sla <= MAX_SLA ? sla : DEFAULT_SLA,
        rules: rules && rules.length > 0 ? rules : null,
      };
    } catch (error) {
      this.#settingsError = toNotice(error);
      return { slaHours: DEFAULT_SLA, rules: null };
    }
  }

  /**
   * The open-complaints queue as CSV (every listed entry), ids and names masked and the free text
   * left out when asked (it may name people); formula-injection safe.
   * @param topicName a topic as the page names it
   */
  queueCsv(header: string[], mask: boolean, topicName: (topic: string) => string): string {
    const entries = this.result.value?.queue.entries ?? [];
    return toCsv(header, entries.map((e) => [
      e.entryId, mask ? maskId(e.customerId) : e.customerId, mask ? maskPersonal(e.name) : e.name, e.day === NO_DAY ? '' : isoDate(e.day),
      e.daysWaiting ?? '', e.severity || '', topicName(e.topic), e.channel, mask ? '' : e.text,
      Number.isFinite(e.value) ? e.value : '', Math.round(e.priority * 100) / 100,
    ]));
  }
}
