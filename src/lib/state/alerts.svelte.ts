/**
 * Early-warning rules (saved in this browser), their alerts on the current dataset, and which
 * alerts the user has acknowledged. Rules are checked whenever a dataset is (re)loaded: on
 * opening the app and after every import.
 */
import type { Notice } from '../domain/types';
import { isoDate, maskId, maskPersonal, validateWarningRule, type WarningRule } from '../domain';
import { toCsv } from '../domain/import';
import { getSetting, setSetting, toNotice } from '../db';
import type { WarningsResult } from '../../../workers/api';
import type { DatasetContext } from './context';

const RULES_KEY = 'warningRules';
const ACKS_KEY = 'warningAcks';

/** Sensible starting rules, so a first visit shows what alerts look like. */
export const DEFAULT_RULES: WarningRule[] = [
  { id: 'champions-churn', kind: 'segmentChurnAbove', segment: 'champions', threshold: 0.08 },
  { id: 'high-value-silent', kind: 'inactiveBeyondGap', factor: 2, minValueTier: 'tier_1' },
];

export type Alert = WarningsResult['alerts'][number] & { key: string; acknowledged: boolean };

export class AlertsState {
  #ctx: DatasetContext;
  #rules = $state.raw<WarningRule[]>([]);
  #acks = $state.raw<string[]>([]);
  #result = $state.raw<WarningsResult | null>(null);
  #datasetId: string | null = null;
  #error = $state.raw<Notice | null>(null);
  #loaded = false;

  constructor(ctx: DatasetContext) {
    this.#ctx = ctx;
  }

  get rules(): WarningRule[] { return this.#rules; }
  get error(): Notice | null { return this.#error; }
  get asOfDay(): number | null { return this.#result?.asOfDay ?? null; }

  /** Alerts of the last check, with a stable key per dataset, rule and as-of day. */
  get alerts(): Alert[] {
    const r = this.#result;
    if (!r) return [];
    return r.alerts.map((a) => {
      const key = `${this.#datasetId}:${a.ruleId}:${r.asOfDay}`;
      return { ...a, key, acknowledged: this.#acks.includes(key) };
    });
  }

  /**
   * The customers behind an alert as CSV (id, name, last order, net spend, CLV), names masked when
   * asked; formula-injection safe. Lists at most the customers the alert carries (500).
   */
  csv(alert: Alert, header: string[], mask: boolean): string {
    return toCsv(header, alert.customers.map((c) => [
      mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, c.lastOrder === null ? '' : isoDate(c.lastOrder), c.net, c.clv === null ? '' : Math.round(c.clv * 100) / 100,
    ]));
  }

  get open(): number {
    return this.alerts.filter((a) => !a.acknowledged).length;
  }

  /** Check the rules against the dataset now loaded. */
  async check(): Promise<void> {
    const id = this.#ctx.currentDatasetId;
    if (!id) return;
    try {
      if (!this.#loaded) {
        this.#rules = await getSetting(this.#ctx.db, RULES_KEY, DEFAULT_RULES);
        this.#acks = await getSetting<string[]>(this.#ctx.db, ACKS_KEY, []);
        this.#loaded = true;
      }
      this.#result = await this.#ctx.engine.api.warnings(id, [...this.#rules]);
      this.#datasetId = id;
      this.#error = null;
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Add a rule after checking it; returns its problems (empty when added). */
  async addRule(rule: WarningRule): Promise<Notice[]> {
    const problems = validateWarningRule(rule);
    if (problems.length) return problems;
    await this.#saveRules([...this.#rules, rule]);
    return [];
  }

  async removeRule(id: string): Promise<void> {
    await this.#saveRules(this.#rules.filter((r) => r.id !== id));
  }

  async acknowledge(key: string): Promise<void> {
    this.#acks = [...this.#acks.filter((k) => k !== key), key].slice(-500);
    await setSetting(this.#ctx.db, ACKS_KEY, this.#acks);
  }

  async #saveRules(rules: WarningRule[]): Promise<void> {
    this.#rules = rules;
    await setSetting(this.#ctx.db, RULES_KEY, rules);
    await this.check();
  }
}
