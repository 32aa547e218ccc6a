/**
 * Incremental CSV tokenizer (RFC 4180, lenient like Excel) for text that arrives in chunks.
 *
 * Scans with charCodeAt/indexOf and slices whole fields; it never concatenates per character.
 * Memory is bounded by the current row: a field or row over its limit stops the tokenizer with
 * an error instead of buffering more. Pure: no DOM, no Node APIs (runs in a worker and in Node).
 */

/** Field separator: one character, or runs of spaces/tabs for whitespace-aligned text. */
export type Delimiter = ',' | '\t' | ';' | '|' | 'whitespace';

/** Why tokenizing stopped; `line` is the 1-based physical line where the offending row starts. */
export interface TokenizerError {
  code: 'import.unbalancedQuotes' | 'import.fieldTooLong' | 'import.rowTooLong';
  line: number;
}

/** Options of {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  delimiter: Delimiter;
  /** Longest field, in characters of its value [1_000_000]. */
  maxFieldChars?: number;
  /**
   * Longest row, in raw characters without its line end, delimiters and quotes included; in
   * 'whitespace' mode from the first to the last character of its fields [4_000_000].
   */
  maxRowChars?: number;
}

/** Receives one row: a fresh array of field values and the 1-based line where the row starts. */
export type RowHandler = (fields: string[], line: number) => void;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BOM = 0xfeff;

// Scanner states.
const ROW_START = 0; // before the first character of a row (blank lines are skipped here)
const FIELD_START = 1; // after a delimiter, or the first character of a row
const UNQUOTED = 2; // inside an unquoted field (also the tail of `"ab"cd`)
const QUOTED = 3; // inside a quoted field
const QUOTE_SEEN = 4; // a quote inside a quoted field: closing, or the first of `""`
const WS_GAP = 5; // whitespace mode: between fields
const WS_FIELD = 6; // whitespace mode: inside a field
const STOPPED = 7; // error, or finish() called

/**
 * Streaming tokenizer: `push` text chunks split anywhere (inside quotes, between \r and \n),
 * then call `finish` once. Rows are emitted in order with the physical line where they start;
 * blank lines are skipped (a line whose only field is empty or white space counts as blank).
 * A UTF-8 BOM character at the very start is dropped. A quote in the middle of an unquoted field
 * is kept literally; text after a closing quote (`"ab"cd`) is appended to the field (`abcd`).
 * In 'whitespace' mode fields are separated by runs of spaces/tabs and there is no quoting.
 * It never throws on input: on a problem it sets {@link CsvTokenizer.error} and emits nothing more.
 * Field values may be slices of the pushed chunks (V8 can keep a chunk alive while a long
 * slice of it is referenced): copy values you keep for long if memory matters.
 *
 * @example
 * const t = new CsvTokenizer({ delimiter: ',' });
 * const rows: string[][] = [];
 * t.push('id,name\r\n1,"Smith, J', (f) => rows.push(f));
 * t.push('ohn"\r\n', (f) => rows.push(f));
 * t.finish((f) => rows.push(f));
 * // rows: [['id', 'name'], ['1', 'Smith, John']]; t.error === null
 */
export class CsvTokenizer {
  readonly #delim: number;
  readonly #maxField: number;
  readonly #maxRow: number;
  #state: number;
  #err: TokenizerError | null = null;
  #started = false;
  #lastWasCR = false;
  #line = 1;
  #rowLine = 1;
  #fields: string[] = [];
  #partial = '';
  #rowChars = 0;

  /**
   * @param options.delimiter field separator (see {@link Delimiter})
   * @param options.maxFieldChars [1_000_000] longest field value
   * @param options.maxRowChars [4_000_000] longest raw row
   */
  constructor(options: CsvTokenizerOptions) {
    const ws = options.delimiter === 'whitespace';
    this.#delim = ws ? -1 : options.delimiter.charCodeAt(0);
    this.#maxField = positiveOr(options.maxFieldChars, 1_000_000);
    this.#maxRow = positiveOr(options.maxRowChars, 4_000_000);
    this.#state = ws ? WS_GAP : ROW_START;
  }

  /** The error that stopped tokenizing, or null. */
  get error(): TokenizerError | null {
    return this.#err;
  }

  /**
   * Tokenizes the next chunk, calling `onRow` for every row completed inside it.
   * @param text the next chunk of decoded text (any size, split anywhere)
   * @param onRow receives each completed row
   */
  push(text: string, onRow: RowHandler): void {
    if (this.#state === STOPPED || text.length === 0) return;
    let start = 0;
    if (!this.#started) {
      this.#started = true;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    if (this.#delim < 0) this.#pushWhitespace(text, start, onRow);
    else this.#pushDelimited(text, start, onRow);
    if (this.#state !== STOPPED) this.#lastWasCR = text.charCodeAt(text.length - 1) === CR;
  }

  /**
   * Ends the input: emits a last row without a line end, or reports an unclosed quote.
   * The tokenizer accepts no more text afterwards.
   * @param onRow receives the last row, if any
   */
  finish(onRow: RowHandler): void {
    const state = this.#state;
    this.#state = STOPPED;
    if (state === QUOTED) {
      this.#fail('import.unbalancedQuotes');
      return;
    }
    if (state === FIELD_START || state === UNQUOTED || state === QUOTE_SEEN || state === WS_FIELD) {
      this.#fields.push(this.#partial);
    }
    if (state !== ROW_START && state !== STOPPED) this.#emit(onRow);
    this.#partial = '';
  }

  #pushDelimited(text: string, from: number, onRow: RowHandler): void {
    const n = text.length;
    const delim = this.#delim;
    const maxField = this.#maxField;
    const maxRow = this.#maxRow;
    let state = this.#state;
    let line = this.#line;
    let partial = this.#partial;
    let fields = this.#fields;
    // Index (in this chunk) of the first row character that would pass the row limit.
    let rowLimitAt = maxRow - this.#rowChars;
    let fieldStart = from;
    let i = from;

    while (i < n) {
      if (state === ROW_START) {
        const c = text.charCodeAt(i);
        if (c === LF) {
          if (!(i > 0 ? text.charCodeAt(i - 1) === CR : this.#lastWasCR)) line++;
          i++;
          continue;
        }
        if (c === CR) {
          line++;
          i++;
          continue;
        }
        this.#rowLine = line;
        rowLimitAt = i + maxRow;
        state = FIELD_START;
      }
      if (state === FIELD_START) {
        partial = '';
        if (text.charCodeAt(i) === QUOTE) {
          if (i >= rowLimitAt) return this.#fail('import.rowTooLong');
          state = QUOTED;
          fieldStart = ++i;
          continue;
        }
        state = UNQUOTED;
        fieldStart = i;
      }
      if (state === UNQUOTED) {
        // Scan to the field end, stopping at the first character that would pass a limit.
        const fieldLimitAt = fieldStart + maxField - partial.length;
        const stop = Math.min(n, fieldLimitAt, rowLimitAt);
        let j = i;
        let c = 0;
        while (j < stop) {
          c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        if (j >= stop) {
          if (j === n) {
            partial += text.slice(fieldStart, n);
            i = n;
            break;
          }
          c = text.charCodeAt(j);
          if (c !== LF && c !== CR && (c !== delim || j >= rowLimitAt)) {
            return this.#fail(c !== delim && j >= fieldLimitAt ? 'import.fieldTooLong' : 'import.rowTooLong');
          }
        }
        fields.push(partial.length === 0 ? text.slice(fieldStart, j) : partial + text.slice(fieldStart, j));
        partial = '';
        i = j + 1;
        if (c === delim) {
          state = FIELD_START;
          continue;
        }
        line++;
        this.#emit(onRow);
        fields = this.#fields;
        state = ROW_START;
        continue;
      }
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q; // the value's characters are [i, end); the quote counts for the row
        const fieldLimitAt = fieldStart + maxField - partial.length;
        const overField = fieldLimitAt < end;
        const overRow = rowLimitAt < end || rowLimitAt === q;
        if (overField || overRow) {
          return this.#fail(overField && (!overRow || fieldLimitAt <= rowLimitAt) ? 'import.fieldTooLong' : 'import.rowTooLong');
        }
        for (let k = i; k < end; k++) {
          const c = text.charCodeAt(k);
          if (c === LF) {
            if (!(k > 0 ? text.charCodeAt(k - 1) === CR : this.#lastWasCR)) line++;
          } else if (c === CR) line++;
        }
        partial += text.slice(fieldStart, end);
        if (q < 0) {
          i = n;
          break;
        }
        i = q + 1;
        state = QUOTE_SEEN;
        if (i === n) break;
      }
      // state === QUOTE_SEEN, i < n
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (partial.length >= maxField) return this.#fail('import.fieldTooLong');
        if (i >= rowLimitAt) return this.#fail('import.rowTooLong');
        partial += '"';
        state = QUOTED;
        fieldStart = ++i;
        continue;
      }
      if (c === delim || c === LF || c === CR) {
        if (c === delim && i >= rowLimitAt) return this.#fail('import.rowTooLong');
        fields.push(partial);
        partial = '';
        i++;
        if (c === delim) {
          state = FIELD_START;
        } else {
          line++;
          this.#emit(onRow);
          fields = this.#fields;
          state = ROW_START;
        }
        continue;
      }
      state = UNQUOTED; // lenient: `"ab"cd` reads as `abcd`
      fieldStart = i;
    }

    this.#state = state;
    this.#line = line;
    this.#partial = partial;
    this.#rowChars = state === ROW_START ? 0 : maxRow - (rowLimitAt - n);
  }

  #pushWhitespace(text: string, from: number, onRow: RowHandler): void {
    const n = text.length;
    const maxField = this.#maxField;
    const maxRow = this.#maxRow;
    let state = this.#state;
    let line = this.#line;
    let partial = this.#partial;
    // Index (in this chunk) of the first field character that would pass the row limit; the row
    // runs from its first field character, so white space counts only between fields.
    let rowLimitAt = maxRow - this.#rowChars;
    let fieldStart = from;
    let i = from;

    while (i < n) {
      if (state === WS_GAP) {
        const c = text.charCodeAt(i);
        if (c === SPACE || c === TAB) {
          i++;
          continue;
        }
        if (c === LF || c === CR) {
          if (c === CR || !(i > 0 ? text.charCodeAt(i - 1) === CR : this.#lastWasCR)) line++;
          if (this.#fields.length > 0) this.#emit(onRow);
          i++;
          continue;
        }
        if (this.#fields.length === 0) {
          this.#rowLine = line;
          rowLimitAt = i + maxRow;
        }
        state = WS_FIELD;
        partial = '';
        fieldStart = i;
      }
      // state === WS_FIELD
      const fieldLimitAt = fieldStart + maxField - partial.length;
      const stop = Math.min(n, fieldLimitAt, rowLimitAt);
      let j = i;
      while (j < stop) {
        const c = text.charCodeAt(j);
        if (c === SPACE || c === TAB || c === LF || c === CR) break;
        j++;
      }
      if (j >= stop) {
        if (j === n) {
          partial += text.slice(fieldStart, n);
          i = n;
          break;
        }
        const c = text.charCodeAt(j);
        if (c !== SPACE && c !== TAB && c !== LF && c !== CR) {
          return this.#fail(j >= fieldLimitAt ? 'import.fieldTooLong' : 'import.rowTooLong');
        }
      }
      this.#fields.push(partial.length === 0 ? text.slice(fieldStart, j) : partial + text.slice(fieldStart, j));
      partial = '';
      state = WS_GAP;
      i = j;
    }

    const rowOpen = state === WS_FIELD || this.#fields.length > 0;
    this.#state = state;
    this.#line = line;
    this.#partial = partial;
    this.#rowChars = rowOpen ? maxRow - (rowLimitAt - n) : 0;
  }

  /** Emits the collected row unless it is blank, and starts a new one. */
  #emit(onRow: RowHandler): void {
    const fields = this.#fields;
    this.#fields = [];
    if (fields.length === 0 || (fields.length === 1 && fields[0].trim().length === 0)) return;
    onRow(fields, this.#rowLine);
  }

  #fail(code: TokenizerError['code']): void {
    this.#err = { code, line: this.#rowLine };
    this.#state = STOPPED;
    this.#fields = [];
    this.#partial = '';
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? Math.floor(value) : fallback;
}
