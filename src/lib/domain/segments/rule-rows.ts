import { normaliseGender } from '../gender';
import { parseDate } from '../import/dates';
import { foldText } from '../text';
import { RULE_FIELDS, type Condition, type RuleField, type RuleGroup, type RuleOp } from './rules';

/**
 * The rule builder's rows: one condition each, its value as the user typed it. Turned into a
 * {@link RuleGroup} here, so what a typed value means is decided (and tested) in one place.
 */

/** One row of the builder. */
export interface RuleRow {
  field: RuleField;
  op: RuleOp;
  /** As typed: a number, a date (sign-up), text, a list ("a, b"), or a range ("18-35", "2024-01-01 ~ 2024-06-30"). */
  value: string;
}

/** A rule built from rows, and which row each condition came from. */
export interface RowsRule {
  group: RuleGroup;
  /** The row index of each condition of `group` (a notice's path '2' is row `rows[2]`). */
  rows: number[];
  /** Rows left out because nothing is typed in them yet. */
  blank: number[];
}

/** What separates the entries of an "is one of" list: commas (also full-width), 、 and semicolons. */
const LIST_SEPARATOR = /[,，、;；]/;

const NUMBER_OPS: readonly RuleOp[] = ['gte', 'lte', 'between', 'eq', 'neq'];
const TEXT_OPS: readonly RuleOp[] = ['eq', 'neq', 'in', 'contains', 'startsWith'];
const GENDER_OPS: readonly RuleOp[] = ['eq', 'neq'];

/**
 * The operators the builder offers for a field, in its order: numbers ≥, ≤, between, =, ≠;
 * text is, is not, is one of, contains, starts with; gender (picked from its values) is, is not.
 */
export function builderOps(field: RuleField): readonly RuleOp[] {
  return field === 'gender' ? GENDER_OPS : RULE_FIELDS[field] === 'number' ? NUMBER_OPS : TEXT_OPS;
}

/** The entries of a typed list, trimmed, blanks dropped. */
export function listEntries(value: string): string[] {
  return value.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => foldText(s) !== '');
}

/** Whether nothing is typed in a row yet (spaces only, or a list of separators). */
export function isBlankRow(row: RuleRow): boolean {
  return row.op === 'in' ? listEntries(row.value).length === 0 : foldText(row.value) === '';
}

/**
 * A row as a condition: numbers parsed (a sign-up date as a day), "is one of" split at commas,
 * "between" at "-" (dates at "~", "to" or "至"), gender as its canonical value. What cannot be
 * read becomes NaN, which validateRule reports.
 * @example rowCondition({ field: 'age', op: 'between', value: '18-35' }) // → { field: 'age', op: 'between', value: [18, 35] }
 */
export function rowCondition(row: RuleRow): Condition {
  const { field, op } = row;
  const num = (s: string) => {
    const t = foldText(s);
    if (t === '') return NaN;
    return field === 'signupDay' ? (parseDate(t, 'ymd') ?? NaN) : Number(t);
  };
  const text = (s: string) => (field === 'gender' ? normaliseGender(s) : s.trim());
  if (RULE_FIELDS[field] === 'number') {
    if (op === 'between') {
      const parts = foldText(row.value).split(field === 'signupDay' ? /\s*(?:~|–|,|\bto\b|至)\s*/ : /\s*[-–~,至]\s*/);
      return { field, op, value: parts.map(num) };
    }
    if (op === 'in') return { field, op, value: listEntries(row.value).map(num) };
    return { field, op, value: num(row.value) };
  }
  if (op === 'in') return { field, op, value: listEntries(row.value).map(text) };
  return { field, op, value: text(row.value) };
}

/**
 * The rule the rows make, leaving out rows with nothing typed yet (so adding a row does not
 * break the rule shown): conditions combined with `combine`.
 * @example ruleFromRows('and', [{ field: 'city', op: 'contains', value: '上海' }, { field: 'age', op: 'gte', value: '' }])
 *   // → { group: { combine: 'and', conditions: [{ field: 'city', op: 'contains', value: '上海' }] }, rows: [0], blank: [1] }
 */
export function ruleFromRows(combine: 'and' | 'or', rows: readonly RuleRow[]): RowsRule {
  const conditions: Condition[] = [];
  const kept: number[] = [];
  const blank: number[] = [];
  rows.forEach((row, i) => {
    if (isBlankRow(row)) blank.push(i);
    else {
      conditions.push(rowCondition(row));
      kept.push(i);
    }
  });
  return { group: { combine, conditions }, rows: kept, blank };
}

/**
 * Rows read back from storage (a saved rule, perhaps from another version): rows of an unknown
 * field are dropped, an operator the builder does not offer for the field becomes its first,
 * values become text, gender its canonical value.
 */
export function restoreRows(saved: readonly { field: unknown; op: unknown; value: unknown }[]): RuleRow[] {
  const out: RuleRow[] = [];
  for (const r of Array.isArray(saved) ? saved : []) {
    if (typeof r !== 'object' || r === null || typeof r.field !== 'string' || !Object.hasOwn(RULE_FIELDS, r.field)) continue;
    const field = r.field as RuleField;
    const ops = builderOps(field);
    const op = ops.find((o) => o === r.op) ?? ops[0];
    const value = typeof r.value === 'string' || typeof r.value === 'number' ? String(r.value) : '';
    out.push({ field, op, value: field === 'gender' ? normaliseGender(value) : value });
  }
  return out;
}
