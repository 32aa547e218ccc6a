/** The rule-segment panel: the segment a rule group defines, and rule groups saved by name. */
import type { RuleGroup } from '../../domain';
import { getSetting, setSetting } from '../../db';
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

  constructor(ctx: DatasetContext, onResult: (result: RuleResult) => void | Promise<void> = () => undefined) {
    super(ctx, (id, group: RuleGroup) => ctx.engine.api.rule(id, group), onResult);
    this.#ctx = ctx;
  }

  get saved(): SavedRule[] { return this.#saved; }

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
