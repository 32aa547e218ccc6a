/**
 * The Strategy page's loyalty tier designer: the design being edited (saved per dataset once it
 * is valid; the defaults from the data until then), what is wrong with it, and its figures on
 * the data as of the analysis day (one engine call, again when the dataset, the analysis day or
 * the saved design changes). An invalid edit loses nothing: it stays in the form with its
 * errors, and the figures stay those of the last valid design.
 */
import {
  defaultLoyaltyDesign, isoDate, maskId, maskPersonal, MAX_LOYALTY_TIERS, MIN_LOYALTY_TIERS, validateLoyaltyDesign,
  type LoyaltyBasis, type LoyaltyDesign, type LoyaltyIssue, type LoyaltyTierDesign, type Notice,
} from '../../domain';
import { toCsv } from '../../domain/import';
import { deleteTierDesign, loadTierDesign, saveTierDesign, toNotice } from '../../db';
import type { LoyaltyResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import type { VoiceGroupingSource } from '../voice.svelte';
import { Loaded } from '../loaded.svelte';
import { Recompute } from '../voice/recompute';

let calls = 0;

/** Programme-wide settings a user types. */
export type LoyaltySetting = 'pointsPerUnit' | 'expiryMonths' | 'pointCost';
/** A tier's figures a user types. */
export type LoyaltyTierField = 'minSpend' | 'discount' | 'multiplier' | 'fixedCost';

/** Rounded for a CSV cell. */
const cell = (v: number, digits = 2): number | string => (Number.isFinite(v) ? Number(v.toFixed(digits)) : '');

export class LoyaltyState {
  readonly ctx: DatasetContext;
  readonly source: VoiceGroupingSource;
  readonly result = new Loaded<LoyaltyResult>();
  /** A tier's name as the page shows it (the view sets it to its catalog words; names are checked with it). */
  label: (t: LoyaltyTierDesign) => string = (t) => t.name ?? t.key;
  /** The saved design (null: none, the defaults from the data apply). */
  #design = $state.raw<LoyaltyDesign | null>(null);
  /** What the form shows: the saved design, the defaults, or an edit not valid yet. */
  #draft = $state.raw<LoyaltyDesign | null>(null);
  #edited = false;
  #savedAt = $state<number | null>(null);
  #saveError = $state.raw<Notice | null>(null);
  /** The dataset the saved design was read for. */
  #readFor: string | null = null;
  #for = new Recompute();

  constructor(ctx: DatasetContext, source: VoiceGroupingSource) {
    this.ctx = ctx;
    this.source = source;
  }

  /** The design in the form (null until the first figures or the saved design are there). */
  get draft(): LoyaltyDesign | null { return this.#draft; }
  /** Whether a design of the user's is saved for this dataset (false: the defaults). */
  get saved(): boolean { return this.#design !== null; }
  get savedAt(): number | null { return this.#savedAt; }
  get saveError(): Notice | null { return this.#saveError; }
  /** What is wrong with the design in the form (empty: nothing). */
  get issues(): LoyaltyIssue[] { return this.#draft ? validateLoyaltyDesign(this.#draft, this.label) : []; }
  /** Whether the figures shown are for another design than the form's (an edit not valid yet). */
  get stale(): boolean {
    const r = this.result.value;
    return r !== null && this.#draft !== null && JSON.stringify(r.design) !== JSON.stringify(this.#draft);
  }
  get canAdd(): boolean { return (this.#draft?.tiers.length ?? MAX_LOYALTY_TIERS) < MAX_LOYALTY_TIERS; }
  get canRemove(): boolean { return (this.#draft?.tiers.length ?? 0) > MIN_LOYALTY_TIERS; }

  /** Read the dataset's saved design (once per dataset), then bring the figures up to date. */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const day = this.source.analysisDay;
    if (!id) return;
    if (this.#readFor !== id) {
      this.#readFor = id;
      this.#edited = false;
      this.#savedAt = null;
      this.#saveError = null;
      let saved: Awaited<ReturnType<typeof loadTierDesign>> = null;
      try {
        saved = await loadTierDesign(this.ctx.db, id);
      } catch (error) {
        this.#saveError = toNotice(error);
      }
      if (this.#readFor !== id) return; // another dataset meanwhile
      this.#design = saved?.design ?? null;
      this.#draft = saved?.design ?? null;
      this.#savedAt = saved?.updatedAt ?? null;
    }
    const design = this.#design;
    await this.#for.run(this.result, { revision, key: [id, day, design ? JSON.stringify(design) : null] }, () =>
      this.ctx.engine.api.loyaltyOnData(`loyalty-${++calls}`, id, { design: design ?? undefined, analysisDay: day }));
    const r = this.result.value;
    // the defaults from the data, until the user edits them
    if (r && !this.#design && !this.#edited) this.#draft = r.design;
  }

  /** Put a change in the form; once the design is valid it is saved for the dataset and its figures computed. */
  async edit(change: (d: LoyaltyDesign) => LoyaltyDesign): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const base = this.#draft ?? this.result.value?.design ?? defaultLoyaltyDesign();
    const next = change(base);
    this.#draft = next;
    this.#edited = true;
    if (!id || validateLoyaltyDesign(next, this.label).length > 0) return;
    this.#saveError = null;
    try {
      this.#savedAt = await saveTierDesign(this.ctx.db, id, next);
      this.#design = next;
    } catch (error) {
      this.#saveError = toNotice(error);
      return;
    }
    await this.sync();
  }

  setBasis(basis: LoyaltyBasis): Promise<void> {
    return this.edit((d) => ({ ...d, basis }));
  }

  setSetting(field: LoyaltySetting, value: number): Promise<void> {
    return this.edit((d) => ({ ...d, [field]: value }));
  }

  setTier(index: number, field: LoyaltyTierField, value: number): Promise<void> {
    return this.edit((d) => ({ ...d, tiers: d.tiers.map((t, i) => (i === index ? { ...t, [field]: value } : t)) }));
  }

  /** A tier's name ('' is kept as typed: the form says it must not be empty). */
  setName(index: number, name: string): Promise<void> {
    return this.edit((d) => ({ ...d, tiers: d.tiers.map((t, i) => (i === index ? { ...t, name } : t)) }));
  }

  /**
   * A tier above the highest, at twice its threshold (1,000 above 0), with the highest's benefits.
   * @param name its name (the view's words: "Tier 5")
   */
  addTier(name: string): Promise<void> {
    return this.edit((d) => {
      if (d.tiers.length >= MAX_LOYALTY_TIERS) return d;
      const top = d.tiers[d.tiers.length - 1];
      let k = d.tiers.length + 1;
      while (d.tiers.some((t) => t.key === `tier-${k}`)) k++;
      const minSpend = top && top.minSpend > 0 ? top.minSpend * 2 : 1000;
      const tier: LoyaltyTierDesign = { key: `tier-${k}`, name, minSpend, discount: top?.discount ?? 0, multiplier: top?.multiplier ?? 1, fixedCost: top?.fixedCost ?? 0 };
      return { ...d, tiers: [...d.tiers, tier] };
    });
  }

  removeTier(index: number): Promise<void> {
    return this.edit((d) => (d.tiers.length <= MIN_LOYALTY_TIERS ? d : { ...d, tiers: d.tiers.filter((_, i) => i !== index) }));
  }

  /** The thresholds the data suggests for this basis (the figures' `suggested`), in the form. */
  applySuggested(): Promise<void> {
    const suggested = this.result.value?.suggested;
    if (!suggested) return Promise.resolve();
    return this.edit((d) => ({ ...d, tiers: d.tiers.map((t, i) => ({ ...t, minSpend: suggested[i] ?? t.minSpend })) }));
  }

  /** Forget the dataset's design: the defaults from the data again. */
  async reset(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    if (!id) return;
    this.#saveError = null;
    try {
      await deleteTierDesign(this.ctx.db, id);
    } catch (error) {
      this.#saveError = toNotice(error);
      return;
    }
    this.#design = null;
    this.#draft = null;
    this.#edited = false;
    this.#savedAt = null;
    this.#for = new Recompute();
    await this.sync();
  }

  /**
   * The upgrade-nudge list as CSV: id, name, tier, next tier, basis, gap to the next tier; ids and
   * names masked when asked; formula-injection safe.
   * @param name a tier key's name as the page shows it ('' for none)
   */
  nudgesCsv(header: string[], mask: boolean, name: (key: string) => string): string {
    const rows = this.result.value?.nudges.customers ?? [];
    return toCsv(header, rows.map((c) => [
      mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, name(c.tier), name(c.next), cell(c.value), cell(c.gap),
    ]));
  }

  /**
   * The would-drop list as CSV: id, name, tier now, tier after, the day they drop (ISO), basis now
   * and then, what keeps the tier; masked when asked; formula-injection safe.
   */
  dropsCsv(header: string[], mask: boolean, name: (key: string) => string): string {
    const rows = this.result.value?.drops.customers ?? [];
    return toCsv(header, rows.map((c) => [
      mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, name(c.tier), name(c.to), isoDate(c.day), cell(c.value), cell(c.after), cell(c.keep),
    ]));
  }
}
