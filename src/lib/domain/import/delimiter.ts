/**
 * Guessing the field delimiter of CSV-like text from its first rows.
 * Uses the tokenizer itself, so quoting is read exactly as the import will read it.
 */
import { CsvTokenizer, type Delimiter } from './csv-tokenizer';

export type { Delimiter } from './csv-tokenizer';

/** Delimiters, in the order offered to the user as an override; ties in sniffing go to the earlier. */
export const DELIMITERS = [',', '\t', ';', '|', 'whitespace'] as const satisfies readonly Delimiter[];

/** Rows compared per candidate. */
const SNIFF_ROWS = 50;
/** Characters read at most while sniffing (keeps a huge single line cheap). */
const SNIFF_MAX_CHARS = 1 << 20;
const SNIFF_STEP = 4096;

interface Candidate {
  delimiter: Delimiter;
  /** Most frequent field count (the larger one on equal frequency). */
  fields: number;
  /** Share of rows that have `fields` fields. */
  consistency: number;
}

/**
 * Guesses the delimiter from the first non-blank rows of `text` (a prefix of the file is enough;
 * a last line without line end is ignored when complete rows exist). Delimiters inside quoted
 * fields do not count. The candidate whose rows most consistently have the same field count (> 1)
 * wins; on a tie the one with more fields, then the earlier in {@link DELIMITERS}. 'whitespace'
 * (runs of spaces/tabs, as in whitespace-aligned text) wins only when strictly more consistent
 * than every single-character delimiter. Single-column text gives ','.
 * @param text decoded text from the start of the file
 * @returns the delimiter to tokenize with
 * @example
 * sniffDelimiter('id;name\n1;"a;b"\n'); // ';'
 * sniffDelimiter(' customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n'); // 'whitespace'
 */
export function sniffDelimiter(text: string): Delimiter {
  const sample = text.length > SNIFF_MAX_CHARS ? text.slice(0, SNIFF_MAX_CHARS) : text;
  let best: Candidate | null = null;
  for (const delimiter of DELIMITERS) {
    const candidate = rate(sample, delimiter);
    if (candidate.fields < 2) continue;
    if (best === null || isBetter(candidate, best)) best = candidate;
  }
  return best === null ? ',' : best.delimiter;
}

function isBetter(a: Candidate, b: Candidate): boolean {
  if (a.delimiter === 'whitespace') return a.consistency > b.consistency;
  if (a.consistency !== b.consistency) return a.consistency > b.consistency;
  return a.fields > b.fields;
}

/** Field counts of the first rows when tokenized with `delimiter`, summarised. */
function rate(sample: string, delimiter: Delimiter): Candidate {
  const counts: number[] = [];
  const onRow = (fields: string[]) => {
    if (counts.length < SNIFF_ROWS) counts.push(fields.length);
  };
  const tokenizer = new CsvTokenizer({ delimiter });
  for (let i = 0; i < sample.length && counts.length < SNIFF_ROWS && tokenizer.error === null; i += SNIFF_STEP) {
    tokenizer.push(sample.slice(i, i + SNIFF_STEP), onRow);
  }
  if (counts.length === 0) tokenizer.finish(onRow);
  if (counts.length === 0) return { delimiter, fields: 0, consistency: 0 };

  const frequency = new Map<number, number>();
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let fields = 0;
  let rows = 0;
  for (const [count, seen] of frequency) {
    if (seen > rows || (seen === rows && count > fields)) {
      fields = count;
      rows = seen;
    }
  }
  return { delimiter, fields, consistency: rows / counts.length };
}
