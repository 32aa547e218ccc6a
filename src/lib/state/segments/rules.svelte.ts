/**
 * The rule-segment panel: the segment a rule group defines, rule groups saved by name, and the
 * values each text field holds in the current dataset (the builder's pick-lists).
 */
import type { FieldValueCounts, Notice, RuleGroup, TextRuleField } from '../../domain';
import { getSetting, setSetting, toNotice } from '../../db';
import type { RuleResult } from '../../../../workers/api';
import type { DatasetContext } from '../context';
import { Grouping } from './grouping.svelte';

const SAVED_RULES_KEY = 'ruleSegments';

/** A rule segment as the builder edits it, saved by name for reuse. */
export interface SavedRule {
  name: string;
  combine: 'and' | 'or';
  rows: { field: string; op: string; value: string }[];
}

export class RulesPanel extends Grouping<[RuleGroup], RuleResult> {
  #ctx: DatasetContext;
  #saved = $state.raw<SavedRule[]>([]);
  #values = $state.raw<Partial<Record<TextRuleField, FieldValueCounts>>>({});
  #valuesError = $state.raw<Notice | null>(null);
  /** The dataset revision the values belong to, and the loads under way. */
  #valuesRevision: unknown = undefined;
  #loading: Partial<Record<TextRuleField, Promise<void>>> = {};

  /**
   * @param onResult called after each result
   * @param analysisDay the day the rule is evaluated as of (undefined: the day after the last order)
   */
  constructor(ctx: DatasetContext, onResult: (result: RuleResult) => void | Promise<void> = () => undefined, analysisDay: () => number | undefined = () => undefined) {
    super(ctx, (id, group: RuleGroup) => ctx.engine.api.rule(id, group, { analysisDay: analysisDay() }), onResult);
    this.#ctx = ctx;
  }

  get saved(): SavedRule[] { return this.#saved; }
  /** Why the values of a field could not be read (null when they could). */
  get valuesError(): Notice | null { return this.#valuesError; }

  /** The values of a text field in the current dataset, once loaded (see loadValues). */
  valuesOf(field: TextRuleField): FieldValueCounts | null {
    return this.#values[field] ?? null;
  }

  /** Load the values of a text field with their counts, once per revision of the current dataset. */
  loadValues(field: TextRuleField): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    const revision = this.#ctx.revision;
    if (!id) return Promise.resolve();
    if (revision !== this.#valuesRevision) this.#forgetValues(revision);
    if (this.#values[field]) return Promise.resolve();
    return (this.#loading[field] ??= this.#load(id, revision, field));
  }

  async #load(id: string, revision: unknown, field: TextRuleField): Promise<void> {
    try {
      const values = await this.#ctx.engine.api.fieldValues(id, field);
      if (this.#valuesRevision !== revision) return;
      this.#values = { ...this.#values, [field]: values };
      this.#valuesError = null;
    } catch (error) {
      if (this.#valuesRevision === revision) this.#valuesError = toNotice(error);
    } finally {
      if (this.#valuesRevision === revision) delete this.#loading[field];
    }
  }

  #forgetValues(revision: unknown): void {
    this.#valuesRevision = revision;
    this.#values = {};
    this.#valuesError = null;
    this.#loading = {};
  }

  /** Forget the result and the values (another dataset, or the same one reloaded). */
  override clear(): void {
    super.clear();
    this.#forgetValues(undefined);
  }

  async loadSaved(): Promise<void> {
    this.#saved = await getSetting<SavedRule[]>(this.#ctx.db, SAVED_RULES_KEY, []);
  }

  /** Save (or replace) a rule segment under a name. */
  async save(rule: SavedRule): Promise<void> {
    const name = rule.name.trim().slice(0, 80);
    if (!name) return;
    const list = [...this.#saved.filter((r) => r.name !== name), { ...rule, name }].sort((a, b) => a.name.localeCompare(b.name));
    await setSetting(this.#ctx.db, SAVED_RULES_KEY, list);
    this.#saved = list;
  }

  async delete(name: string): Promise<void> {
    const list = this.#saved.filter((r) => r.name !== name);
    await setSetting(this.#ctx.db, SAVED_RULES_KEY, list);
    this.#saved = list;
  }
}
