/**
 * The experiment calculator's input (issue 16): a variant's figures as typed (strings, so a bad
 * entry stays on screen) turned into sums the read-out takes, and a table pasted from a
 * spreadsheet or read from a CSV file (comma, tab, semicolon…; English or Chinese headers, or no
 * header with the columns in the order name, visitors, conversions, revenue, sum of squares).
 * Problems are notices with `experiment.input.*` codes; a bad row is refused with its line and
 * reason, the good rows are kept.
 */
import type { Notice } from '../types';
import { CsvTokenizer } from '../import/csv-tokenizer';
import { sniffDelimiter } from '../import/delimiter';
import { normaliseHeader } from '../import/headers';
import { parseNumber } from '../import/numbers';
import type { ArmSums } from './readout';

/** How a variant's revenue spread is given. */
export type SpreadKind = 'sumSquares' | 'sd';

/** A variant as typed: every figure a string. */
export interface VariantFields {
  name: string;
  visitors: string;
  conversions: string;
  /** Sum of revenue over the variant's visitors (empty: no revenue figures). */
  revenue: string;
  /** The sum of squares of revenue per visitor, or its standard deviation (see spreadKind). */
  spread: string;
}

/** A variant ready for the read-out. */
export interface Variant extends ArmSums {
  name: string;
  /** False when neither revenue nor its spread was given (sum and sumSquares are 0 then). */
  hasRevenue: boolean;
}

/** A refused row of a pasted table. */
export interface VariantReject {
  /** 1-based line of the input. */
  line: number;
  name: string;
  notice: Notice;
}

export interface ParsedVariants {
  variants: Variant[];
  spreadKind: SpreadKind;
  rejects: VariantReject[];
  /** Why nothing could be read (then `variants` is empty). */
  error: Notice | null;
}

/** Most characters read from a paste or file. */
export const MAX_INPUT_CHARS = 200_000;
/** Most lines looked at (header included). */
export const MAX_INPUT_ROWS = 500;
/** Most variants compared at once (the first is the control). */
export const MAX_VARIANTS = 10;
/** Longest name kept. */
export const MAX_NAME_CHARS = 60;

const notice = (code: string, params: Record<string, string | number> = {}): Notice => ({ code, params });

function whole(text: string): number | null {
  const v = parseNumber(text.trim());
  return v !== null && Number.isInteger(v) ? v : null;
}

/**
 * A variant's typed figures as sums, or the first problem. Visitors: a whole number ≥ 1;
 * conversions: a whole number from 0 to visitors; revenue: any finite amount (empty = no revenue
 * figures); the spread: a sum of squares ≥ revenue² ÷ visitors, or a standard deviation ≥ 0, from
 * which Σx² = (n − 1)·sd² + (Σx)²/n (the sample standard deviation). Revenue without a spread, or a
 * spread without revenue, is refused.
 * @example
 * variantFromFields({ name: 'B', visitors: '1,000', conversions: '130', revenue: '6500', spread: '9.37' }, 'sd')
 * // { variant: { name: 'B', n: 1000, conversions: 130, sum: 6500, sumSquares: 999 × 9.37² + 6500²/1000, hasRevenue: true } }
 */
export function variantFromFields(f: VariantFields, spreadKind: SpreadKind): { variant: Variant } | { error: Notice } {
  const name = cleanName(f.name);
  const n = whole(f.visitors);
  if (n === null || n < 1) return { error: notice('experiment.input.visitors', { name, value: shown(f.visitors) }) };
  const conversions = whole(f.conversions);
  if (conversions === null || conversions < 0) return { error: notice('experiment.input.conversions', { name, value: shown(f.conversions) }) };
  if (conversions > n) return { error: notice('experiment.input.conversionsAbove', { name, conversions, visitors: n }) };
  const revenueText = f.revenue.trim(), spreadText = f.spread.trim();
  if (revenueText === '' && spreadText === '') return { variant: { name, n, conversions, sum: 0, sumSquares: 0, hasRevenue: false } };
  const sum = parseNumber(revenueText);
  if (sum === null) return { error: notice(revenueText === '' ? 'experiment.input.revenueNeeded' : 'experiment.input.revenue', { name, value: shown(f.revenue) }) };
  const spread = parseNumber(spreadText);
  if (spreadText === '') return { error: notice(spreadKind === 'sd' ? 'experiment.input.sdNeeded' : 'experiment.input.sumSquaresNeeded', { name }) };
  if (spread === null || spread < 0) {
    return { error: notice(spreadKind === 'sd' ? 'experiment.input.sd' : 'experiment.input.sumSquares', { name, value: shown(f.spread) }) };
  }
  const floor = (sum * sum) / n;
  let sumSquares: number;
  if (spreadKind === 'sd') {
    if (n < 2 && spread > 0) return { error: notice('experiment.input.sdOne', { name }) };
    sumSquares = (n - 1) * spread * spread + floor;
  } else {
    // a sum of squares below (Σx)²/n is impossible (rounding in an export may take a hair off)
    if (spread < floor * (1 - 1e-9) - 1e-9) return { error: notice('experiment.input.sumSquaresLow', { name, value: shown(f.spread), min: round(floor) }) };
    sumSquares = Math.max(spread, floor);
  }
  if (!Number.isFinite(sumSquares)) return { error: notice('experiment.input.revenue', { name, value: shown(f.revenue) }) };
  return { variant: { name, n, conversions, sum, sumSquares, hasRevenue: true } };
}

/** The standard deviation of revenue per visitor from a variant's sums (0 with fewer than 2 visitors). */
export function standardDeviation(v: ArmSums): number {
  if (v.n < 2) return 0;
  return Math.sqrt(Math.max(0, v.sumSquares - (v.sum * v.sum) / v.n) / (v.n - 1));
}

type Column = 'name' | 'visitors' | 'conversions' | 'revenue' | 'sumSquares' | 'sd';

/** Header names per column, English and Chinese, compared after normaliseHeader. */
export const VARIANT_HEADERS: Readonly<Record<Column, readonly string[]>> = {
  name: ['name', 'variant', 'variation', 'group', 'arm', 'version', 'test group', '名称', '变体', '版本', '组', '组别', '分组', '方案', '实验组'],
  visitors: ['visitors', 'visitor', 'users', 'customers', 'n', 'sample', 'sample size', 'participants', 'sessions', 'recipients', 'contacts',
    '访客', '访客数', '用户', '用户数', '人数', '客户数', '样本', '样本量', '参与人数', '曝光人数', '触达人数'],
  conversions: ['conversions', 'conversion', 'converted', 'buyers', 'purchasers', 'orders', 'purchases', 'successes',
    '转化', '转化数', '转化人数', '购买人数', '下单人数', '成交人数', '转化用户数'],
  revenue: ['revenue', 'revenue sum', 'sum', 'total revenue', 'sales', 'amount', '收入', '收入合计', '总收入', '收入总和', '销售额', '金额', '营收'],
  sumSquares: ['sum of squares', 'sumsq', 'sum sq', 'sum squares', 'revenue sum of squares', 'sum of squared revenue', '平方和', '收入平方和'],
  sd: ['sd', 'std', 'stdev', 'std dev', 'standard deviation', 'revenue sd', 'revenue std', '标准差', '收入标准差'],
};

const HEADER_INDEX = new Map<string, Column>(
  (Object.entries(VARIANT_HEADERS) as [Column, readonly string[]][]).flatMap(([column, names]) => names.map((h) => [normaliseHeader(h), column] as const)),
);

function headerColumns(row: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  row.forEach((cell, i) => {
    const column = HEADER_INDEX.get(normaliseHeader(cell));
    if (column !== undefined && found[column] === undefined) found[column] = i;
  });
  return found;
}

/**
 * Variants from pasted or imported text. The first row is a header when it names the visitors and
 * conversions columns (see VARIANT_HEADERS; a sum-of-squares column wins over a standard-deviation
 * one); without a header the columns are name, visitors, conversions, revenue, sum of squares.
 * Refuses the whole input (error) when it is longer than MAX_INPUT_CHARS or MAX_INPUT_ROWS, cannot
 * be tokenized, has neither a header nor figures, or leaves no good row; refuses single rows
 * (rejects) with a bad figure, a repeated name, or beyond MAX_VARIANTS.
 * @example
 * parseVariants('variant\tvisitors\tconversions\nA\t1000\t100\nB\t1000\t130')
 * // { variants: [{ name: 'A', n: 1000, conversions: 100, … }, { name: 'B', … }], rejects: [], error: null, spreadKind: 'sumSquares' }
 */
export function parseVariants(text: string): ParsedVariants {
  const none = (error: Notice, rejects: VariantReject[] = [], spreadKind: SpreadKind = 'sumSquares'): ParsedVariants => ({ variants: [], rejects, error, spreadKind });
  if (typeof text !== 'string') return none(notice('experiment.input.empty'));
  if (text.length > MAX_INPUT_CHARS) return none(notice('experiment.input.tooLarge', { max: MAX_INPUT_CHARS, chars: text.length }));
  if (text.trim() === '') return none(notice('experiment.input.empty'));
  const rows: { fields: string[]; line: number }[] = [];
  let tooMany = false;
  const tokenizer = new CsvTokenizer({ delimiter: sniffDelimiter(text), maxFieldChars: 1000, maxRowChars: 10_000 });
  const onRow = (fields: string[], line: number) => {
    if (rows.length >= MAX_INPUT_ROWS) tooMany = true;
    else rows.push({ fields, line });
  };
  tokenizer.push(text, onRow);
  tokenizer.finish(onRow);
  if (tokenizer.error) return none(notice('experiment.input.unreadable', { line: tokenizer.error.line }));
  if (tooMany) return none(notice('experiment.input.tooManyRows', { max: MAX_INPUT_ROWS }));
  const found = headerColumns(rows[0].fields);
  let columns: Partial<Record<Column, number>>;
  let body = rows;
  if (found.visitors !== undefined && found.conversions !== undefined) {
    columns = found;
    body = rows.slice(1);
  } else if (rows[0].fields.length >= 3 && whole(rows[0].fields[1]) !== null && whole(rows[0].fields[2]) !== null) {
    columns = { name: 0, visitors: 1, conversions: 2, revenue: 3, sumSquares: 4 };
  } else {
    return none(notice('experiment.input.noHeader'));
  }
  const spreadKind: SpreadKind = columns.sumSquares === undefined && columns.sd !== undefined ? 'sd' : 'sumSquares';
  const spreadAt = spreadKind === 'sd' ? columns.sd : columns.sumSquares;
  const cell = (fields: string[], at: number | undefined) => (at === undefined ? '' : (fields[at] ?? ''));
  const variants: Variant[] = [];
  const rejects: VariantReject[] = [];
  const names = new Set<string>();
  for (const { fields, line } of body) {
    const given = cleanName(cell(fields, columns.name));
    const name = given || letterName(variants.length + rejects.length);
    const needed = Math.max(columns.visitors!, columns.conversions!) + 1;
    if (fields.length < needed) {
      rejects.push({ line, name, notice: notice('experiment.input.columns', { line, found: fields.length, needed }) });
      continue;
    }
    const result = variantFromFields(
      { name, visitors: cell(fields, columns.visitors), conversions: cell(fields, columns.conversions), revenue: cell(fields, columns.revenue), spread: cell(fields, spreadAt) },
      spreadKind,
    );
    if ('error' in result) {
      rejects.push({ line, name, notice: result.error });
      continue;
    }
    if (names.has(name.toLowerCase())) {
      rejects.push({ line, name, notice: notice('experiment.input.duplicate', { name }) });
      continue;
    }
    if (variants.length >= MAX_VARIANTS) {
      rejects.push({ line, name, notice: notice('experiment.input.tooManyVariants', { max: MAX_VARIANTS }) });
      continue;
    }
    names.add(name.toLowerCase());
    variants.push(result.variant);
  }
  if (variants.length === 0) return none(notice('experiment.input.noRows'), rejects, spreadKind);
  return { variants, rejects, error: null, spreadKind };
}

/** A name trimmed, without control characters, and cut to MAX_NAME_CHARS. */
function cleanName(text: string): string {
  // eslint-disable-next-line no-control-regex
  const s = String(text ?? '').replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return [...s].slice(0, MAX_NAME_CHARS).join('');
}

/** A, B, …, Z, AA, AB … for unnamed variants. */
export function letterName(index: number): string {
  let s = '';
  let i = index;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

/** A cell as shown in a message: trimmed and cut to 40 characters. */
function shown(text: string): string {
  const s = cleanName(text);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

const round = (x: number) => Math.round(x * 100) / 100;
