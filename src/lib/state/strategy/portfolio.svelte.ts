/**
 * The Strategy page's portfolio panel (客户组合): the axes chosen (current value: last 12 months or
 * total; future value: CLV, P(alive) or recency), the group-level matrix worked out from the
 * shared facts (no engine call), the customer-level matrix (one engine call; computed again when
 * the facts, the axes or its thresholds change) and the customers of the quadrant picked (paged,
 * and all of them for the export). Thresholds are the medians unless the user typed one.
 */
import type { PortfolioCustomer, PortfolioCustomers, PortfolioPoints } from '../../../../workers/api';
import {
  futureChoices, groupPortfolio, maskId, maskPersonal, usableFuture, type GroupPoint, type PortfolioCurrent, type PortfolioFuture,
  type PortfolioQuadrant, type PortfolioThresholds,
} from '../../domain';
import { toCsv } from '../../domain/import';
import type { Notice } from '../../domain/types';
import { toNotice } from '../../db';
import { Loaded } from '../loaded.svelte';
import { Recompute } from '../voice/recompute';
import type { StrategyState } from '../strategy.svelte';

let calls = 0;

/** Customers listed per page of a quadrant. */
export const PORTFOLIO_PAGE = 20;

/**
 * How the customer-level money axes are drawn: a signed log scale (default: revenue and CLV are
 * skewed, and most customers would crowd one corner), or linear to the 1st–99th percentiles
 * (outliers at the edge).
 */
export type PortfolioScale = 'clip' | 'log';

/** Thresholds the user typed (an axis left out uses the median). */
type Typed = Partial<PortfolioThresholds>;

/** A money or day figure rounded for a CSV cell; P(alive) keeps 4 decimals. */
const cell = (v: number, digits: number): number | string => (Number.isFinite(v) ? Number(v.toFixed(digits)) : '');

/**
 * A quadrant's customers as CSV (id, name, current value, future value), ids and names masked
 * when masking is on; formula-injection safe.
 */
export function portfolioCustomersCsv(customers: readonly PortfolioCustomer[], header: string[], future: PortfolioFuture, mask: boolean): string {
  const digits = future === 'palive' ? 4 : 2;
  return toCsv(header, customers.map((c) => [
    mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, cell(c.current, 2), cell(c.future, digits),
  ]));
}

export class PortfolioState {
  readonly strategy: StrategyState;
  #current = $state<PortfolioCurrent>('year');
  /** The future value picked (null: the default for the fit there is). */
  #future = $state<PortfolioFuture | null>(null);
  #groupTyped = $state<Typed>({});
  #customerTyped = $state<Typed>({});
  #scale = $state<PortfolioScale>('log');
  #quadrant = $state<PortfolioQuadrant | null>(null);
  #offset = $state(0);
  #exportError = $state.raw<Notice | null>(null);
  readonly points = new Loaded<PortfolioPoints>();
  readonly customers = new Loaded<PortfolioCustomers>();
  #for = new Recompute();
  #listFor = new Recompute();
  /** The facts the customer level was last asked for (not reactive: only compared). */
  #factsSeen: unknown = null;

  constructor(strategy: StrategyState) {
    this.strategy = strategy;
  }

  /** Whether the facts come with a value fit (CLV and P(alive) can then be the future value). */
  get fitted(): boolean {
    return Boolean(this.strategy.facts.value?.value);
  }

  get current(): PortfolioCurrent { return this.#current; }
  get future(): PortfolioFuture { return usableFuture(this.#future, this.fitted); }
  get futureChoices(): PortfolioFuture[] { return futureChoices(this.fitted); }
  get scale(): PortfolioScale { return this.#scale; }
  get quadrant(): PortfolioQuadrant | null { return this.#quadrant; }
  get offset(): number { return this.#offset; }
  /** Why the last export failed (null: it did not). */
  get exportError(): Notice | null { return this.#exportError; }

  /** Another current value: its typed thresholds are in the other unit, so they go. */
  setCurrent(current: PortfolioCurrent): void {
    if (current === this.#current) return;
    this.#current = current;
    this.#groupTyped = { ...this.#groupTyped, current: undefined };
    this.#customerTyped = { ...this.#customerTyped, current: undefined };
    this.#closeList();
  }

  setFuture(future: PortfolioFuture): void {
    if (future === this.future) return;
    this.#future = future;
    this.#groupTyped = { ...this.#groupTyped, future: undefined };
    this.#customerTyped = { ...this.#customerTyped, future: undefined };
    this.#closeList();
  }

  setScale(scale: PortfolioScale): void {
    this.#scale = scale;
  }

  /** The group-level matrix: every group of the facts, its values and quadrant; thresholds and medians. */
  get groups(): { points: GroupPoint[]; thresholds: PortfolioThresholds; medians: PortfolioThresholds } | null {
    const f = this.strategy.facts.value;
    if (!f) return null;
    return groupPortfolio(f.segments, this.#current, this.future, this.#groupTyped);
  }

  /** Whether an axis's threshold at the group or customer level is the median (not typed). */
  isMedian(level: 'groups' | 'customers', axis: keyof PortfolioThresholds): boolean {
    return (level === 'groups' ? this.#groupTyped : this.#customerTyped)[axis] === undefined;
  }

  /** A threshold typed by the user (null: back to the median). */
  setThreshold(level: 'groups' | 'customers', axis: keyof PortfolioThresholds, value: number | null): void {
    const next = value === null || !Number.isFinite(value) ? undefined : value;
    if (level === 'groups') this.#groupTyped = { ...this.#groupTyped, [axis]: next };
    else {
      this.#customerTyped = { ...this.#customerTyped, [axis]: next };
      this.#closeList();
    }
  }

  /** Back to the medians on both axes. */
  resetThresholds(level: 'groups' | 'customers'): void {
    if (level === 'groups') this.#groupTyped = {};
    else {
      this.#customerTyped = {};
      this.#closeList();
    }
  }

  #closeList(): void {
    this.#quadrant = null;
    this.#offset = 0;
    this.customers.clear();
  }

  /** The typed customer-level thresholds, both axes (undefined unless both are typed; a half is completed from the medians shown). */
  #customerThresholds(): PortfolioThresholds | undefined {
    const t = this.#customerTyped;
    if (t.current === undefined && t.future === undefined) return undefined;
    const m = this.points.value?.medians;
    return { current: t.current ?? m?.current ?? NaN, future: t.future ?? m?.future ?? NaN };
  }

  /** Bring the customer-level matrix up to date with the facts, the axes and its thresholds. */
  async sync(): Promise<void> {
    const facts = this.strategy.facts.value;
    const id = this.strategy.ctx.currentDatasetId;
    const revision = this.strategy.ctx.revision;
    const current = this.#current;
    const future = this.future;
    const typed = this.#customerTyped;
    if (!facts || !id) return;
    // other facts (grouping, day, fit, dataset): the quadrant's list was of the old ones
    if (this.#factsSeen !== null && this.#factsSeen !== facts) this.#closeList();
    this.#factsSeen = facts;
    const thresholds = this.#customerThresholds();
    await this.#for.run(this.points, { revision, key: [facts, current, future, typed.current, typed.future] }, () =>
      this.strategy.ctx.engine.api.portfolioPoints(`portfolio-${++calls}`, id, {
        grouping: this.strategy.handle, analysisDay: this.strategy.analysisDay, current, future, thresholds,
      }));
  }

  /** List a quadrant's customers (again: its first page); the same quadrant again closes the list. */
  async pick(quadrant: PortfolioQuadrant | null): Promise<void> {
    if (quadrant === this.#quadrant || quadrant === null) {
      this.#closeList();
      return;
    }
    this.#quadrant = quadrant;
    this.#offset = 0;
    await this.#list();
  }

  /** Another page of the quadrant's customers. */
  async page(offset: number): Promise<void> {
    this.#offset = Math.max(0, offset);
    await this.#list();
  }

  #request(quadrant: PortfolioQuadrant) {
    const p = this.points.value;
    return {
      grouping: this.strategy.handle, analysisDay: this.strategy.analysisDay, current: this.#current, future: this.future,
      thresholds: p ? p.thresholds : this.#customerThresholds(), quadrant,
    };
  }

  async #list(): Promise<void> {
    const quadrant = this.#quadrant;
    const id = this.strategy.ctx.currentDatasetId;
    if (!quadrant || !id) return;
    const offset = this.#offset;
    await this.#listFor.run(this.customers, { revision: this.strategy.ctx.revision, key: [this.points.value, quadrant, offset] }, () =>
      this.strategy.ctx.engine.api.portfolioCustomers(`portfolio-list-${++calls}`, id, { ...this.#request(quadrant), offset, limit: PORTFOLIO_PAGE }));
  }

  /** Every customer of a quadrant as CSV (masked when asked). */
  async quadrantCsv(quadrant: PortfolioQuadrant, header: string[], mask: boolean): Promise<string> {
    const id = this.strategy.ctx.currentDatasetId;
    if (!id) return toCsv(header, []);
    const all = await this.strategy.ctx.engine.api.portfolioCustomers(`portfolio-export-${++calls}`, id, this.#request(quadrant));
    return portfolioCustomersCsv(all.customers, header, this.future, mask);
  }

  /** The export of a quadrant: its CSV, or null when it failed (exportError says why). */
  async exportQuadrant(quadrant: PortfolioQuadrant, header: string[], mask: boolean): Promise<string | null> {
    this.#exportError = null;
    try {
      return await this.quadrantCsv(quadrant, header, mask);
    } catch (error) {
      this.#exportError = toNotice(error);
      return null;
    }
  }
}
