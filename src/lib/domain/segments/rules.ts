import type { Notice } from '../types';
import { NO_DAY } from '../types';
import { normaliseGender } from '../gender';
import { foldText } from '../text';

/**
 * Rule segments: conditions on customer attributes and behaviour, combined with AND / OR groups
 * that may nest (up to {@link MAX_RULE_DEPTH} levels of groups).
 *
 * Conventions:
 * - Unknown values never match, whatever the operator, 'neq' included: a customer of unknown city
 *   is neither "in Shanghai" nor "not in Shanghai". Unknown is '' for text, NaN for numbers,
 *   NO_DAY for signupDay, NaN lastOrderDaysAgo for a customer who never bought.
 * - Text compares as people mean it: case, full-width / half-width forms and surrounding spaces
 *   are ignored on both sides ({@link ruleText}: 'ＳＨＡＮＧＨＡＩ ' is 'Shanghai'); gender compares
 *   by its canonical value (男, male and M are the same). 'contains' and 'startsWith' find a part
 *   of the text (上海 finds 上海市). The UI offers the values found in the data (fieldValues).
 * - 'between' is inclusive at both ends; 'gte' / 'lte' are ≥ / ≤.
 * - An empty group matches everyone with 'and' and no one with 'or'.
 */

/** Fields a condition can test (columns of {@link RuleTable}). */
export type RuleField =
  | 'age' | 'gender' | 'city' | 'province' | 'channel' | 'signupDay' | 'orders' | 'netSpend' | 'lastOrderDaysAgo' | 'returns';
/** Fields holding text. */
export type TextRuleField = 'gender' | 'city' | 'province' | 'channel';
/** Operators: equal, not equal, one of, contains, starts with (text), inclusive range, ≥, ≤ (numbers). */
export type RuleOp = 'eq' | 'neq' | 'in' | 'contains' | 'startsWith' | 'between' | 'gte' | 'lte';

/** One test on one field. value: a number or text; a list for 'in'; [min, max] for 'between'. */
export interface Condition {
  field: RuleField;
  op: RuleOp;
  value: string | number | (string | number)[];
}

/** Conditions and nested groups, all of which ('and') or any of which ('or') must hold. */
export interface RuleGroup {
  combine: 'and' | 'or';
  conditions: (Condition | RuleGroup)[];
}

/** The per-customer columns rules read; one entry per customer. */
export interface RuleTable {
  length: number;
  /** Whole years; NaN when unknown. */
  age: Float64Array;
  /** '' when unknown. */
  gender: string[];
  city: string[];
  province: string[];
  channel: string[];
  /** NO_DAY when unknown. */
  signupDay: Int32Array;
  orders: Int32Array;
  netSpend: Float64Array;
  /** NaN for customers who never bought. */
  lastOrderDaysAgo: Float64Array;
  /** Returned amount. */
  returns: Float64Array;
}

/** Whether each field holds numbers or text. */
export const RULE_FIELDS: Readonly<Record<RuleField, 'number' | 'text'>> = Object.freeze({
  age: 'number', gender: 'text', city: 'text', province: 'text', channel: 'text', signupDay: 'number', orders: 'number',
  netSpend: 'number', lastOrderDaysAgo: 'number', returns: 'number',
});

/** Operators; text fields take 'eq', 'neq', 'in', 'contains' and 'startsWith', numbers all but the last two. */
export const RULE_OPS: readonly RuleOp[] = ['eq', 'neq', 'in', 'contains', 'startsWith', 'between', 'gte', 'lte'];

/** Whether a field holds text. */
export function isTextField(field: string): field is TextRuleField {
  return Object.hasOwn(RULE_FIELDS, field) && RULE_FIELDS[field as RuleField] === 'text';
}

/**
 * The form in which a rule compares a text value of a field, on both sides: {@link foldText}
 * of the value, and for gender of its canonical value first (normaliseGender). '' is unknown.
 * @example ruleText('city', ' ＳＨＡＮＧＨＡＩ') === ruleText('city', 'Shanghai') // true
 * @example ruleText('gender', '男') === ruleText('gender', 'M') // true
 */
export function ruleText(field: TextRuleField, value: string): string {
  return foldText(field === 'gender' ? normaliseGender(value) : value);
}

/** The root group is level 1; groups may nest down to level 5. */
export const MAX_RULE_DEPTH = 5;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isGroupLike = (x: Record<string, unknown>) => 'conditions' in x || 'combine' in x;
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isString = (x: unknown): x is string => typeof x === 'string';
/** A text with something in it once case, width and spaces are set aside. */
const isText = (x: unknown): x is string => typeof x === 'string' && foldText(x) !== '';

/**
 * Problems with a rule, for the UI; params.path locates the item: indices from the root group
 * joined by '.', '' for the root ('1.0' = first item of the root's second item). Codes:
 * `rules.group.invalid` (no conditions list), `rules.combine.unknown`, `rules.depth` (params.max),
 * `rules.item.invalid` (neither condition nor group), `rules.field.unknown`, `rules.op.unknown`,
 * `rules.op.notForText` (between / gte / lte on a text field), `rules.op.notForNumber` (contains /
 * startsWith on a number field), `rules.value.type` (params.expected: 'number', 'text',
 * 'numberList', 'textList' or 'range' ([min, max] numbers)), `rules.value.blank` (a text, or an
 * entry of a list, that is empty or only spaces), `rules.value.emptyList` ('in' with no values),
 * `rules.between.order` (min > max).
 * @param group the rule, possibly read back from storage
 * @example validateRule({ combine: 'and', conditions: [{ field: 'age', op: 'between', value: [40, 30] }] })
 *   // → [{ code: 'rules.between.order', params: { path: '0', min: 40, max: 30 } }]
 */
export function validateRule(group: RuleGroup): Notice[] {
  const out: Notice[] = [];
  checkGroup(group, 1, '', out);
  return out;
}

function checkGroup(group: unknown, depth: number, path: string, out: Notice[]): void {
  if (!isObject(group) || !Array.isArray(group.conditions)) {
    out.push({ code: 'rules.group.invalid', params: { path } });
    return;
  }
  if (group.combine !== 'and' && group.combine !== 'or') out.push({ code: 'rules.combine.unknown', params: { path, combine: String(group.combine) } });
  if (depth > MAX_RULE_DEPTH) {
    out.push({ code: 'rules.depth', params: { path, max: MAX_RULE_DEPTH } });
    return;
  }
  group.conditions.forEach((item: unknown, i: number) => {
    const at = path === '' ? String(i) : `${path}.${i}`;
    if (!isObject(item)) out.push({ code: 'rules.item.invalid', params: { path: at } });
    else if (isGroupLike(item)) checkGroup(item, depth + 1, at, out);
    else checkCondition(item, at, out);
  });
}

function checkCondition(c: Record<string, unknown>, path: string, out: Notice[]): void {
  const field = c.field;
  if (typeof field !== 'string' || !Object.hasOwn(RULE_FIELDS, field)) {
    out.push({ code: 'rules.field.unknown', params: { path, field: String(field) } });
    return;
  }
  const op = c.op;
  if (typeof op !== 'string' || !RULE_OPS.includes(op as RuleOp)) {
    out.push({ code: 'rules.op.unknown', params: { path, op: String(op) } });
    return;
  }
  const kind = RULE_FIELDS[field as RuleField];
  if (kind === 'text' && (op === 'between' || op === 'gte' || op === 'lte')) {
    out.push({ code: 'rules.op.notForText', params: { path, field, op } });
    return;
  }
  if (kind === 'number' && (op === 'contains' || op === 'startsWith')) {
    out.push({ code: 'rules.op.notForNumber', params: { path, field, op } });
    return;
  }
  const v = c.value;
  const wrong = (expected: string) => out.push({ code: 'rules.value.type', params: { path, field, op, expected } });
  const blank = () => out.push({ code: 'rules.value.blank', params: { path, field, op } });
  if (op === 'in') {
    if (!Array.isArray(v)) wrong(kind === 'number' ? 'numberList' : 'textList');
    else if (v.length === 0) out.push({ code: 'rules.value.emptyList', params: { path } });
    else if (!v.every(kind === 'number' ? isNumber : isString)) wrong(kind === 'number' ? 'numberList' : 'textList');
    else if (kind === 'text' && !v.every(isText)) blank();
  } else if (op === 'between') {
    if (!Array.isArray(v) || v.length !== 2 || !isNumber(v[0]) || !isNumber(v[1])) wrong('range');
    else if (v[0] > v[1]) out.push({ code: 'rules.between.order', params: { path, min: v[0], max: v[1] } });
  } else if (kind === 'number') {
    if (!isNumber(v)) wrong('number');
  } else if (!isString(v)) {
    wrong('text');
  } else if (!isText(v)) {
    blank();
  }
}

/**
 * Members of a rule segment: 1 where the customer matches. O(customers × conditions), typed
 * arrays only; later conditions skip customers an 'and' has already excluded (or an 'or' included).
 * Throws the first {@link validateRule} notice.
 * @param group the rule
 * @param table per-customer columns
 * @example evaluateRule({ combine: 'or', conditions: [{ field: 'city', op: 'in', value: ['Hangzhou', 'Ningbo'] }] }, table)
 */
export function evaluateRule(group: RuleGroup, table: RuleTable): Uint8Array {
  const problems = validateRule(group);
  if (problems.length) throw problems[0];
  return _evaluateRule(group, table);
}

function _evaluateRule(group: RuleGroup, table: RuleTable): Uint8Array {
  const n = table.length;
  const and = group.combine === 'and';
  const acc = new Uint8Array(n);
  if (and) acc.fill(1);
  for (const item of group.conditions) {
    const match = isGroupLike(item as unknown as Record<string, unknown>)
      ? memberTest(_evaluateRule(item as RuleGroup, table))
      : conditionTest(item as Condition, table);
    if (and) {
      for (let i = 0; i < n; i++) if (acc[i] && !match(i)) acc[i] = 0;
    } else {
      for (let i = 0; i < n; i++) if (!acc[i] && match(i)) acc[i] = 1;
    }
  }
  return acc;
}

const memberTest = (mask: Uint8Array) => (i: number) => mask[i] === 1;

/** A row test for one (valid) condition; unknown values fail every test. */
function conditionTest(c: Condition, t: RuleTable): (i: number) => boolean {
  if (isTextField(c.field)) return textTest(c.field, c, t[c.field]);
  const col = t[c.field as 'age' | 'signupDay' | 'orders' | 'netSpend' | 'lastOrderDaysAgo' | 'returns'];
  const missing = c.field === 'signupDay' ? NO_DAY : NaN;
  // NaN fails every comparison below except !==, so 'neq' checks for it.
  switch (c.op) {
    case 'in': {
      const set = new Set(c.value as number[]);
      return (i) => col[i] !== missing && set.has(col[i]);
    }
    case 'between': {
      const [lo, hi] = c.value as number[];
      return (i) => col[i] >= lo && col[i] <= hi && col[i] !== missing;
    }
    case 'gte': {
      const x = c.value as number;
      return (i) => col[i] >= x && col[i] !== missing;
    }
    case 'lte': {
      const x = c.value as number;
      return (i) => col[i] <= x && col[i] !== missing;
    }
    case 'eq': {
      const x = c.value as number;
      return (i) => col[i] === x && col[i] !== missing;
    }
    case 'neq': {
      const x = c.value as number;
      return (i) => col[i] !== x && col[i] === col[i] && col[i] !== missing;
    }
    case 'contains':
    case 'startsWith':
      return () => false; // text operators: validateRule refuses them on numbers
  }
}

/**
 * A row test on a text column: each distinct stored value is folded and tested once, then
 * looked up (a column of 100,000 customers holds a few dozen cities). The condition's values
 * are non-blank once folded, so an unknown ('') value fails every test, 'neq' included.
 */
function textTest(field: TextRuleField, c: Condition, col: readonly string[]): (i: number) => boolean {
  const key = (s: string) => ruleText(field, s);
  let test: (folded: string) => boolean;
  if (c.op === 'in') {
    const set = new Set((c.value as string[]).map(key));
    test = (s) => set.has(s);
  } else {
    const x = key(c.value as string);
    switch (c.op) {
      case 'neq': test = (s) => s !== '' && s !== x; break;
      case 'contains': test = (s) => s.includes(x); break;
      case 'startsWith': test = (s) => s.startsWith(x); break;
      default: test = (s) => s === x;
    }
  }
  const answers = new Map<string, boolean>();
  return (i) => {
    const raw = col[i];
    let answer = answers.get(raw);
    if (answer === undefined) {
      answer = test(key(raw));
      answers.set(raw, answer);
    }
    return answer;
  };
}

/** Age bands, youngest first. */
export const AGE_BANDS = ['<25', '25–34', '35–44', '45–54', '55–64', '65+'] as const;

/**
 * The band of an age in whole or fractional years: '<25', '25–34', … '65+' (bounds: 25 is in
 * '25–34', 34.9 too). '' for an unknown (NaN) or negative age.
 * @example ageBand(35) // → '35–44'
 */
export function ageBand(age: number): string {
  if (!(age >= 0) || age === Infinity) return '';
  if (age < 25) return AGE_BANDS[0];
  if (age >= 65) return AGE_BANDS[5];
  return AGE_BANDS[Math.floor((age - 25) / 10) + 1];
}
