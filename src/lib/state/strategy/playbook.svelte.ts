/**
 * The Strategy page's service playbook: a card per segment of the page's grouping, each its
 * template (by the segment's kind) with the user's saved edits laid over it, with one undo and a
 * reset to the template. Cards are saved per dataset and scheme (src/lib/db/playbooks.ts); the
 * resource level comes from the budget panel, the KPIs from the page's facts.
 */
import type { SegmentFacts, StrategyFacts } from '../../../../workers/api';
import {
  archetypeOf, cardOverrides, mergeCard, restoreCard, segmentChurn, validateCard,
  type PlaybookCard, type PlaybookChurn, type PlaybookFields, type PlaybookProblem, type SavedCard,
} from '../../domain';
import type { Notice } from '../../domain/types';
import { listPlaybookCards, resetPlaybookCard, savePlaybookCard, toNotice, undoPlaybookCard, type PlaybookRow } from '../../db';
import type { StrategyState } from '../strategy.svelte';
import type { BudgetState } from './budget.svelte';

/** What the playbook reads of the budget panel: a segment's share of the budget and its amount (null: not allocated). */
interface BudgetShares {
  shareOf?(key: string): number | null;
  amountOf?(key: string): number | null;
}

/** The outcome of the last action on a card, for its message. */
export type CardStatus =
  | { kind: 'saving' }
  | { kind: 'saved' | 'unchanged' | 'undone' | 'reset' }
  | { kind: 'invalid'; problems: PlaybookProblem[] }
  | { kind: 'failed'; notice: Notice };

/** The figures a card shows to watch. */
export interface PlaybookKpis {
  customers: number;
  revenueShare: number;
  nps: number;
  npsAnswers: number;
  complaintRate: number | null;
  churn: PlaybookChurn;
}

/** A record's own entry (keys come from the data: a city could be called 'constructor'). */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | null => (Object.hasOwn(record, key) ? record[key] : null);

/** A copy of a record with one entry set (or removed, for null). */
function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T | null): Record<string, T> {
  const entries = Object.entries(record).filter(([k]) => k !== key);
  return Object.fromEntries(value === null ? entries : [...entries, [key, value]]);
}

const sameCard = (a: SavedCard, b: SavedCard) => JSON.stringify(restoreCard(a)) === JSON.stringify(restoreCard(b));

export class PlaybookState {
  readonly strategy: StrategyState;
  readonly budget: BudgetState;
  /** The saved rows by segment (replaced on each change, never mutated). */
  #rows = $state.raw<Readonly<Record<string, PlaybookRow>>>({});
  /** The dataset and scheme the rows are of ('' before any were read). */
  #rowsFor = $state('');
  #revision: unknown = undefined;
  #loadError = $state.raw<Notice | null>(null);
  #selected = $state<string | null>(null);
  #status = $state.raw<Readonly<Record<string, CardStatus>>>({});
  /** Unsaved edits of cards not open now, by scheme and segment (kept while the page lives). */
  #drafts = $state.raw<Readonly<Record<string, PlaybookFields>>>({});
  #request = 0;

  constructor(strategy: StrategyState, budget: BudgetState) {
    this.strategy = strategy;
    this.budget = budget;
  }

  get facts(): StrategyFacts | null { return this.strategy.facts.value; }
  /** The grouping's scheme (null until the facts are there). */
  get scheme(): string | null { return this.facts?.grouping.scheme ?? null; }
  get segments(): SegmentFacts[] { return this.facts?.segments ?? []; }

  /** Whether the saved cards of the dataset and scheme shown are read. */
  get ready(): boolean { return this.#rowsFor !== '' && this.#rowsFor === this.#tag(); }
  /** Why the saved cards could not be read (null: they could). */
  get loadError(): Notice | null { return this.#loadError; }

  /** The card open: the one picked, else the first segment's. */
  get selected(): string | null {
    const keys = this.segments.map((s) => s.key);
    return this.#selected !== null && keys.includes(this.#selected) ? this.#selected : (keys[0] ?? null);
  }

  select(key: string): void { this.#selected = key; }

  /** A segment's saved row (undefined: never edited), once the rows are read. */
  row(key: string): PlaybookRow | undefined {
    return this.ready ? (own(this.#rows, key) ?? undefined) : undefined;
  }

  /** A segment's card: its template with the saved edits laid over it. */
  card(key: string): PlaybookCard {
    return mergeCard(this.scheme ?? '', key, this.row(key)?.card);
  }

  /** Where a card's unsaved edits are kept: its dataset, scheme and segment. */
  draftId(key: string): string { return JSON.stringify([this.#tag(), key]); }

  /** The unsaved edits of a card left for another one (null: none). */
  draftOf(id: string): PlaybookFields | null { return own(this.#drafts, id); }

  /** Keep a card's unsaved edits while another card is open (null: it has none). */
  keepDraft(id: string, fields: PlaybookFields | null): void {
    if (!fields && !Object.hasOwn(this.#drafts, id)) return;
    this.#drafts = withEntry(this.#drafts, id, fields);
  }

  /** Whether the segment's key implies its kind (else the user picks an archetype for it). */
  knownKind(key: string): boolean { return archetypeOf(this.scheme ?? '', key) !== null; }

  status(key: string): CardStatus | null { return own(this.#status, key); }

  /** Whether the last change of a card can be undone. */
  canUndo(key: string): boolean { return Boolean(this.row(key)?.previous); }

  /** Whether the card differs from its template (a reset would change it). */
  canReset(key: string): boolean {
    const row = this.row(key);
    return Boolean(row && Object.keys(row.card).length > 0);
  }

  /** The segment's share of the budget (0–1) and its amount from the budget panel (null: not allocated yet). */
  share(key: string): number | null { return (this.budget as BudgetShares).shareOf?.(key) ?? null; }
  amount(key: string): number | null { return (this.budget as BudgetShares).amountOf?.(key) ?? null; }

  kpis(key: string): PlaybookKpis | null {
    const s = this.segments.find((g) => g.key === key);
    if (!s) return null;
    return {
      customers: s.customers, revenueShare: s.revenueShare, nps: s.nps, npsAnswers: s.npsAnswers,
      complaintRate: s.complaintRate, churn: segmentChurn(s),
    };
  }

  #tag(): string {
    const id = this.strategy.ctx.currentDatasetId;
    const scheme = this.scheme;
    return id && scheme ? JSON.stringify([id, scheme]) : '';
  }

  /** Read the saved cards of the dataset and scheme shown (again after the dataset changed). */
  async sync(): Promise<void> {
    const tag = this.#tag();
    const revision = this.strategy.ctx.revision;
    if (!tag || (tag === this.#rowsFor && revision === this.#revision)) return;
    const [id, scheme] = JSON.parse(tag) as [string, string];
    const request = ++this.#request;
    try {
      const rows = await listPlaybookCards(this.strategy.ctx.db, id, scheme);
      if (request !== this.#request) return;
      this.#rows = Object.fromEntries(rows.map((r) => [r.segment, r]));
      this.#rowsFor = tag;
      this.#revision = revision;
      this.#loadError = null;
      this.#status = {};
    } catch (error) {
      if (request === this.#request) this.#loadError = toNotice(error);
    }
  }

  #where(key: string) {
    return { datasetId: this.strategy.ctx.currentDatasetId ?? '', scheme: this.scheme ?? '', segment: key };
  }

  #set(key: string, status: CardStatus): void { this.#status = withEntry(this.#status, key, status); }

  #store(key: string, row: PlaybookRow | undefined): void {
    this.#rows = withEntry(this.#rows, key, row ?? null);
  }

  async #run(key: string, work: () => Promise<CardStatus>): Promise<boolean> {
    const tag = this.#tag();
    this.#set(key, { kind: 'saving' });
    try {
      const status = await work();
      if (tag === this.#tag()) this.#set(key, status);
      return status.kind !== 'failed';
    } catch (error) {
      if (tag === this.#tag()) this.#set(key, { kind: 'failed', notice: toNotice(error) });
      return false;
    }
  }

  /**
   * Save a card's fields (only what differs from its template is stored). Invalid fields are
   * not saved: the status lists the problems. Returns whether the card is saved (or unchanged).
   * @param words the current language's words of a template's message key
   */
  async save(key: string, fields: PlaybookFields, words: (key: string) => string): Promise<boolean> {
    const problems = validateCard(fields);
    if (problems.length > 0) {
      this.#set(key, { kind: 'invalid', problems });
      return false;
    }
    const overrides = cardOverrides(this.scheme ?? '', key, fields, words);
    const before = this.row(key);
    if (before ? sameCard(overrides, before.card) : Object.keys(overrides).length === 0) {
      this.#set(key, { kind: 'unchanged' });
      return true;
    }
    return this.#run(key, async () => {
      this.#store(key, await savePlaybookCard(this.strategy.ctx.db, this.#where(key), overrides));
      this.keepDraft(this.draftId(key), null);
      return { kind: 'saved' };
    });
  }

  /** Undo the last change of a card (a save or a reset). */
  async undo(key: string): Promise<boolean> {
    return this.#run(key, async () => {
      const row = await undoPlaybookCard(this.strategy.ctx.db, this.#where(key));
      if (row !== null) this.#store(key, row);
      return { kind: 'undone' };
    });
  }

  /** Reset a card to its template (undo brings the edits back). */
  async reset(key: string): Promise<boolean> {
    return this.#run(key, async () => {
      const row = await resetPlaybookCard(this.strategy.ctx.db, this.#where(key));
      if (row) this.#store(key, row);
      return { kind: 'reset' };
    });
  }
}
