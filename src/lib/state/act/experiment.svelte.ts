/**
 * The Actions page: the experiment and sample-size calculators (issue 16). The calculators work
 * without a dataset; with one, the sample-size calculator offers the dataset's rate of customers
 * buying per day (one engine call per dataset revision). Every figure is kept as typed, so a bad
 * entry stays in its field with its error, and nothing else is lost.
 */
import {
  planSampleSize, readout, parseVariants, variantFromFields, MAX_VARIANTS,
  type EffectKind, type Notice, type Readout, type SampleSizePlan, type SpreadKind, type Variant, type VariantFields, type VariantReject,
} from '../../domain';
import type { BuyerRateResult } from '../../../../workers/act/experiment';
import type { DatasetContext } from '../context';
import { Loaded } from '../loaded.svelte';
import { Recompute } from '../voice/recompute';
import { toNotice } from '../../db';
import { parseNumber } from '../../domain/import/numbers';

let calls = 0;

export interface VariantDraft extends VariantFields {
  /** Stable key of the row in the form. */
  id: number;
}

/** A row of the form with what it reads as. */
export interface VariantRow {
  draft: VariantDraft;
  variant: Variant | null;
  error: Notice | null;
}

/** A variant against the control. */
export interface Comparison {
  variant: Variant;
  readout: Readout | null;
  error: Notice | null;
  /** Conversion p-value below the Bonferroni level α ÷ comparisons. */
  significantAdjusted: boolean;
}

/** The example the section opens with: 8.0% against 9.4% of 5,000 each, revenue with its standard deviation. */
const EXAMPLE: readonly VariantFields[] = [
  { name: 'A', visitors: '5000', conversions: '400', revenue: '100000', spread: '120' },
  { name: 'B', visitors: '5000', conversions: '470', revenue: '121000', spread: '130' },
];
const EXAMPLE_SPREAD: SpreadKind = 'sd';

/** Sample-size fields, as typed; rates and levels in percent. */
export interface SampleSizeFields {
  baseline: string;
  effect: string;
  effectKind: EffectKind;
  alpha: string;
  power: string;
  /** Customers per day typed by the user ('' = the dataset's rate, when there is one). */
  perDay: string;
}

const SAMPLE_DEFAULTS: SampleSizeFields = { baseline: '8', effect: '2', effectKind: 'absolute', alpha: '5', power: '80', perDay: '' };

/** A percentage typed as "8", "8%" or "８"; null when it is not a number. */
export function percentField(text: string): number | null {
  const v = parseNumber(String(text ?? '').replace(/[%％]\s*$/, '').trim());
  return v === null ? null : v / 100;
}

export class ExperimentState {
  readonly ctx: DatasetContext | null;
  /** The dataset's customers buying per day (last 90 days). */
  readonly rate = new Loaded<BuyerRateResult>();
  #for = new Recompute();
  #nextId = 1;
  #drafts = $state.raw<VariantDraft[]>([]);
  #spreadKind = $state<SpreadKind>(EXAMPLE_SPREAD);
  #confidence = $state('95');
  #pasted = $state('');
  #imported = $state.raw<{ count: number; rejects: VariantReject[]; error: Notice | null } | null>(null);
  #sample = $state.raw<SampleSizeFields>(SAMPLE_DEFAULTS);

  constructor(ctx: DatasetContext | null = null) {
    this.ctx = ctx;
    this.#drafts = this.#example();
  }

  #example(): VariantDraft[] {
    return EXAMPLE.map((f) => ({ ...f, id: this.#nextId++ }));
  }

  // ---- the dataset's rate
  /** Ask the engine for the dataset's daily rate (again only when the dataset changed). */
  async sync(): Promise<void> {
    const ctx = this.ctx;
    const id = ctx?.currentDatasetId;
    if (!ctx || !id) {
      this.rate.clear();
      return;
    }
    await this.#for.run(this.rate, { revision: ctx.revision, key: [id] }, () => ctx.engine.api.buyerRate(`experiment-rate-${++calls}`, id));
  }

  // ---- the experiment calculator
  get drafts(): readonly VariantDraft[] { return this.#drafts; }
  get spreadKind(): SpreadKind { return this.#spreadKind; }
  get confidenceText(): string { return this.#confidence; }
  get pasted(): string { return this.#pasted; }
  get imported(): { count: number; rejects: VariantReject[]; error: Notice | null } | null { return this.#imported; }
  get canAdd(): boolean { return this.#drafts.length < MAX_VARIANTS; }
  get canRemove(): boolean { return this.#drafts.length > 2; }

  /** The confidence as a share (0.95), or null when the field is not a level between 50% and 99.9%. */
  get confidence(): number | null {
    const c = percentField(this.#confidence);
    return c !== null && c >= 0.5 && c <= 0.999 ? c : null;
  }
  get confidenceError(): Notice | null {
    return this.confidence === null ? { code: 'experiment.error.confidence', params: { value: this.#confidence.slice(0, 40) } } : null;
  }

  get rows(): VariantRow[] {
    return this.#drafts.map((draft) => {
      const r = variantFromFields(draft, this.#spreadKind);
      return 'error' in r ? { draft, variant: null, error: r.error } : { draft, variant: r.variant, error: null };
    });
  }

  /** Names used more than once (compared without case). */
  get duplicateNames(): string[] {
    const names = this.#drafts.map((d) => d.name.trim().toLowerCase()).filter((n) => n !== '');
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    return repeated.filter((n, i) => repeated.indexOf(n) === i);
  }

  /** Comparisons made (variants other than the control). */
  get comparisonsCount(): number { return Math.max(0, this.#drafts.length - 1); }

  /** The Bonferroni level: (1 − confidence) ÷ comparisons. */
  get adjustedAlpha(): number | null {
    const c = this.confidence;
    return c === null || this.comparisonsCount === 0 ? null : (1 - c) / this.comparisonsCount;
  }

  /** The control (the first row) when it reads. */
  get control(): Variant | null { return this.rows[0]?.variant ?? null; }

  /** Each variant after the first against the first (empty while the control or the confidence is wrong). */
  get comparisons(): Comparison[] {
    const rows = this.rows;
    const control = rows[0]?.variant;
    const confidence = this.confidence;
    const alpha = this.adjustedAlpha;
    if (!control || confidence === null || alpha === null) return [];
    return rows.slice(1).flatMap((row): Comparison[] => {
      if (!row.variant) return [];
      try {
        const r = readout(control, row.variant, { confidence });
        return [{ variant: row.variant, readout: r, error: null, significantAdjusted: r.conversion.pValue < alpha }];
      } catch (error) {
        return [{ variant: row.variant, readout: null, error: toNotice(error), significantAdjusted: false }];
      }
    });
  }

  /** Whether revenue can be compared: every variant has revenue figures. */
  get hasRevenue(): boolean {
    const rows = this.rows;
    return rows.length > 0 && rows.every((r) => r.variant?.hasRevenue !== false);
  }

  setField(id: number, field: keyof VariantFields, value: string): void {
    this.#drafts = this.#drafts.map((d) => (d.id === id ? { ...d, [field]: value } : d));
  }

  /** Switch how spread is typed; figures already typed are converted so the variants stay the same. */
  setSpreadKind(kind: SpreadKind): void {
    if (kind === this.#spreadKind) return;
    const from = this.#spreadKind;
    this.#drafts = this.#drafts.map((d) => {
      const r = variantFromFields(d, from);
      if ('error' in r || !r.variant.hasRevenue) return d;
      const v = r.variant;
      const spread = kind === 'sd'
        ? (v.n < 2 ? 0 : Math.sqrt(Math.max(0, v.sumSquares - (v.sum * v.sum) / v.n) / (v.n - 1)))
        : v.sumSquares;
      return { ...d, spread: String(Number(spread.toPrecision(10))) };
    });
    this.#spreadKind = kind;
  }

  setConfidence(text: string): void { this.#confidence = text; }

  /** A new variant at the end (its name: the caller's words, e.g. the next letter). */
  addVariant(name: string): void {
    if (!this.canAdd) return;
    this.#drafts = [...this.#drafts, { id: this.#nextId++, name, visitors: '', conversions: '', revenue: '', spread: '' }];
  }

  removeVariant(id: number): void {
    if (!this.canRemove) return;
    this.#drafts = this.#drafts.filter((d) => d.id !== id);
  }

  setPasted(text: string): void { this.#pasted = text; }

  /**
   * Read pasted or imported text; good rows replace the variants (the first is the control), bad
   * rows are listed with their reasons. When nothing can be read the variants stay as they were.
   */
  importText(text: string): void {
    const parsed = parseVariants(text);
    this.#imported = { count: parsed.variants.length, rejects: parsed.rejects, error: parsed.error };
    if (parsed.error || parsed.variants.length === 0) return;
    if (parsed.variants.length === 1) {
      this.#imported = { count: 1, rejects: parsed.rejects, error: { code: 'experiment.input.oneRow', params: {} } };
      return;
    }
    this.#spreadKind = parsed.spreadKind;
    this.#drafts = parsed.variants.map((v) => ({
      id: this.#nextId++, name: v.name, visitors: String(v.n), conversions: String(v.conversions),
      revenue: v.hasRevenue ? String(v.sum) : '',
      spread: v.hasRevenue ? String(parsed.spreadKind === 'sd' ? Number(Math.sqrt(Math.max(0, v.sumSquares - (v.sum * v.sum) / v.n) / Math.max(1, v.n - 1)).toPrecision(10)) : v.sumSquares) : '',
    }));
  }

  /** Read a file the user picked (too big a file is refused before it is read). */
  async importFile(file: Blob): Promise<void> {
    if (file.size > 4 * 200_000) {
      this.#imported = { count: 0, rejects: [], error: { code: 'experiment.input.fileTooLarge', params: { size: file.size } } };
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.#imported = { count: 0, rejects: [], error: { code: 'experiment.input.fileUnreadable', params: {} } };
      return;
    }
    this.importText(text);
  }

  clearImport(): void {
    this.#imported = null;
  }

  /** Back to the example. */
  reset(): void {
    this.#drafts = this.#example();
    this.#spreadKind = EXAMPLE_SPREAD;
    this.#confidence = '95';
    this.#imported = null;
    this.#pasted = '';
  }

  // ---- the sample-size calculator
  get sample(): SampleSizeFields { return this.#sample; }

  setSample<K extends keyof SampleSizeFields>(field: K, value: SampleSizeFields[K]): void {
    this.#sample = { ...this.#sample, [field]: value };
  }

  resetSample(): void {
    this.#sample = SAMPLE_DEFAULTS;
  }

  /** The daily rate used: typed, else the dataset's (when it has buyers), else none. */
  get perDay(): { value: number | null; source: 'typed' | 'dataset' | null; error: Notice | null } {
    const typed = this.#sample.perDay.trim();
    if (typed !== '') {
      const v = parseNumber(typed);
      return v !== null && v > 0 ? { value: v, source: 'typed', error: null } : { value: null, source: null, error: { code: 'sampleSize.error.perDay', params: { value: typed.slice(0, 40) } } };
    }
    const r = this.rate.value;
    return r && r.perDay > 0 ? { value: r.perDay, source: 'dataset', error: null } : { value: null, source: null, error: null };
  }

  /** The plan, or the first problem with the fields (each named by its field). */
  get plan(): { plan: SampleSizePlan | null; error: Notice | null; field: keyof SampleSizeFields | null } {
    const s = this.#sample;
    const baseline = percentField(s.baseline);
    if (baseline === null) return { plan: null, field: 'baseline', error: { code: 'sampleSize.error.baseline', params: { value: s.baseline.slice(0, 40) } } };
    const effect = percentField(s.effect);
    if (effect === null) return { plan: null, field: 'effect', error: { code: 'sampleSize.error.effect', params: { value: s.effect.slice(0, 40) } } };
    const alpha = percentField(s.alpha);
    const power = percentField(s.power);
    const perDay = this.perDay;
    if (perDay.error) return { plan: null, field: 'perDay', error: perDay.error };
    try {
      return {
        plan: planSampleSize({ baseline, effect, effectKind: s.effectKind, alpha: alpha ?? NaN, power: power ?? NaN, perDay: perDay.value }),
        error: null, field: null,
      };
    } catch (error) {
      const notice = toNotice(error);
      const field = FIELD_OF[notice.code] ?? null;
      // say the figures as the user typed them (percent), not as shares
      const params = { ...notice.params };
      if (field && field !== 'effectKind' && 'value' in params) params.value = s[field].slice(0, 40);
      if (notice.code === 'sampleSize.error.target') {
        const target = s.effectKind === 'relative' ? baseline * (1 + effect) : baseline + effect;
        params.target = `${Number((target * 100).toPrecision(4))}%`;
      }
      return { plan: null, error: { ...notice, params }, field };
    }
  }
}

/** Which field a plan's notice is about. */
const FIELD_OF: Record<string, keyof SampleSizeFields> = {
  'sampleSize.error.baseline': 'baseline',
  'sampleSize.error.effect': 'effect',
  'sampleSize.error.effectZero': 'effect',
  'sampleSize.error.target': 'effect',
  'sampleSize.error.alpha': 'alpha',
  'sampleSize.error.power': 'power',
  'sampleSize.error.perDay': 'perDay',
};
