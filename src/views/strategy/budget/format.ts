/** How the budget panel words its figures and names its segments. */
import type { Archetype, Notice } from '../../../lib/domain';
import type { MessageKey } from '../../../lib/i18n/messages';
import { COMPACT_FROM, INTL_LOCALE, formatMoney, type Locale } from '../../../lib/i18n/format';
import type { StrategyFacts } from '../../../../workers/api';
import { groupLabel } from '../../voice/format';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export const ARCHETYPE_WORDS: Record<Archetype, MessageKey> = {
  high_value: 'strategy.budget.arch.high_value',
  growing: 'strategy.budget.arch.growing',
  at_risk: 'strategy.budget.arch.at_risk',
  new: 'strategy.budget.arch.new',
  low_value: 'strategy.budget.arch.low_value',
  young_digital: 'strategy.budget.arch.young_digital',
  older_personal: 'strategy.budget.arch.older_personal',
};

/** A segment's name as the grouping words it. */
export function segmentName(facts: Pick<StrategyFacts, 'grouping'>, key: string, t: T): string {
  return groupLabel(facts.grouping.kind, key, t);
}

/** One unit of the currency without decimals (¥1, $1). */
export function oneUnit(currency: string, locale: Locale): string {
  return wholeMoney(1, currency, locale);
}

/** An amount in whole units of the currency (¥4,125); with `compact`, 1.2万 / 12K from 10,000 on. */
export function wholeMoney(value: number, currency: string, locale: Locale, compact = false): string {
  if (!Number.isFinite(value)) return '—';
  if (compact && Math.abs(value) >= COMPACT_FROM) return formatMoney(value, currency, locale, { compact: true });
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
  } catch {
    return formatMoney(value, currency, locale);
  }
}

/** A return per unit spent (¥0.42): two decimals below 100, none above. */
export function perUnit(value: number, currency: string, locale: Locale): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return wholeMoney(value, currency, locale);
  return formatMoney(value, currency, locale);
}

/**
 * Two returns per unit that must read apart ("returns ¥0.431, less than ¥0.434"): with more
 * significant figures when two decimals would show them the same.
 */
export function perUnitPair(a: number, b: number, currency: string, locale: Locale): [string, string] {
  const pa = perUnit(a, currency, locale), pb = perUnit(b, currency, locale);
  if (pa !== pb || a === b || !Number.isFinite(a) || !Number.isFinite(b)) return [pa, pb];
  try {
    const f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency, maximumSignificantDigits: 4 });
    return [f.format(a), f.format(b)];
  } catch {
    return [pa, pb];
  }
}

/**
 * A notice of allocateBudget in words, its params as the page shows them: the segment by its name,
 * amounts in the currency.
 */
export function budgetNotice(notice: Notice, facts: Pick<StrategyFacts, 'grouping'>, currency: string, locale: Locale, word: (n: Notice) => string, t: T): string {
  const params: Record<string, string | number> = { ...notice.params };
  // bounds that cannot be met: name the side that fails (a sum of maximums may be unbounded)
  let code = notice.code;
  if (code === 'strategy.budgetInfeasible' && typeof params.budget === 'number' && typeof params.min === 'number') {
    code = params.min > params.budget ? 'strategy.budget.minsAbove' : 'strategy.budget.maxBelow';
  }
  if (typeof params.segment === 'string') params.segment = segmentName(facts, params.segment, t);
  for (const k of ['budget', 'min', 'max'] as const) {
    if (typeof params[k] === 'number') params[k] = wholeMoney(params[k] as number, currency, locale);
  }
  return word({ code, params });
}
