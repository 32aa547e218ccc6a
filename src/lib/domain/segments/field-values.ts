import { normaliseGender } from '../gender';
import { foldText } from '../text';
import { ruleText, type TextRuleField } from './rules';

/**
 * The values a text field holds in the data, with how many customers have each: what the rule
 * builder offers to pick from, so nobody has to guess how a city is spelt.
 */

/** One value and the number of customers holding it. */
export interface FieldValue {
  value: string;
  count: number;
}

/** The values of a field, most common first. */
export interface FieldValueCounts {
  field: TextRuleField;
  /** At most `limit` values, most common first (ties in code-unit order of the value). */
  values: FieldValue[];
  /** Distinct values in the data (more than `values.length` when the list was cut). */
  distinct: number;
  /** Customers with a known (non-blank) value. */
  known: number;
}

/** Values listed by default: enough for every city of a country, few enough to show at once. */
export const FIELD_VALUES_LIMIT = 500;

/**
 * Count the values of a text column as a rule compares them ({@link ruleText}): spellings that
 * differ only in case, width or spaces are one value, shown as its most common spelling; gender
 * is shown by its canonical value (M / F). Blank values are unknown and not listed.
 * @param field the field the column belongs to
 * @param column one value per customer
 * @param limit [{@link FIELD_VALUES_LIMIT}] how many values to return (1 … 10,000)
 * @example countFieldValues('city', ['上海市', '上海市 ', '北京', '']).values
 *   // → [{ value: '上海市', count: 2 }, { value: '北京', count: 1 }]
 */
export function countFieldValues(field: TextRuleField, column: readonly string[], limit = FIELD_VALUES_LIMIT): FieldValueCounts {
  const cap = Number.isFinite(limit) ? Math.min(10_000, Math.max(1, Math.floor(limit))) : FIELD_VALUES_LIMIT;
  const raw = new Map<string, number>();
  for (const v of column) raw.set(v, (raw.get(v) ?? 0) + 1);
  const groups = new Map<string, { count: number; shown: string; shownCount: number }>();
  for (const [v, n] of raw) {
    const key = ruleText(field, v);
    if (key === '') continue;
    const shown = field === 'gender' ? normaliseGender(v) : v.trim();
    const g = groups.get(key);
    if (!g) groups.set(key, { count: n, shown, shownCount: n });
    else {
      g.count += n;
      if (n > g.shownCount || (n === g.shownCount && shown < g.shown)) {
        g.shown = shown;
        g.shownCount = n;
      }
    }
  }
  const all = [...groups.values()].map((g) => ({ value: g.shown, count: g.count }));
  all.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { field, values: all.slice(0, cap), distinct: all.length, known: all.reduce((k, v) => k + v.count, 0) };
}

/**
 * The items whose text contains what the user typed (compared as {@link foldText} does), those
 * starting with it first, each part in its given order. An empty query keeps every item.
 * @param items e.g. values most common first
 * @param query what the user typed
 * @param text the text of an item that is matched
 * @example filterValues([{ value: '大上海' }, { value: '上海市' }], '上海', (v) => v.value) // → 上海市, 大上海
 */
export function filterValues<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  const q = foldText(query);
  if (q === '') return [...items];
  const starts: T[] = [];
  const inside: T[] = [];
  for (const item of items) {
    const t = foldText(text(item));
    if (t.startsWith(q)) starts.push(item);
    else if (t.includes(q)) inside.push(item);
  }
  return starts.concat(inside);
}
