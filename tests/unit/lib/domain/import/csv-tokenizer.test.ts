import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvTokenizerOptions, type TokenizerError } from '../../../../../src/lib/domain/import/csv-tokenizer';

/** A row as [start line, ...fields]. */
type Row = [number, ...string[]];

interface Result {
  rows: Row[];
  error: TokenizerError | null;
}

/** Tokenizes the given chunks in order, then finishes. */
function tokenize(chunks: string[], options: CsvTokenizerOptions = { delimiter: ',' }): Result {
  const tokenizer = new CsvTokenizer(options);
  const rows: Row[] = [];
  const onRow = (fields: string[], line: number) => rows.push([line, ...fields]);
  for (const chunk of chunks) tokenizer.push(chunk, onRow);
  tokenizer.finish(onRow);
  return { rows, error: tokenizer.error };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts text at random positions (empty chunks included). */
function randomChunks(text: string, next: () => number): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    const size = Math.floor(next() * 6);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/**
 * Reference: a deliberately naive character-by-character reading of the same rules
 * (RFC 4180 quoting, literal mid-field quotes, `"ab"cd` → `abcd`, blank lines skipped,
 * \r\n, \r and \n each one line end, leading BOM dropped).
 */
function reference(input: string, delimiter: string): Result {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: Row[] = [];
  let line = 1;
  let rowLine = 1;
  let inRow = false;
  let mode: 'start' | 'plain' | 'quoted' | 'quote-seen' = 'start';
  let field = '';
  let fields: string[] = [];
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '')) rows.push([rowLine, ...fields]);
    fields = [];
    field = '';
    inRow = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const isLineEnd = c === '\n' || c === '\r';
    const newLine = c === '\r' || (c === '\n' && text[i - 1] !== '\r');
    if (!inRow) {
      if (isLineEnd) {
        if (newLine) line++;
        continue;
      }
      inRow = true;
      rowLine = line;
      mode = 'start';
    }
    if (mode === 'quoted') {
      if (c === '"') mode = 'quote-seen';
      else {
        field += c;
        if (newLine) line++;
      }
      continue;
    }
    if (mode === 'quote-seen' && c === '"') {
      field += '"';
      mode = 'quoted';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      mode = 'start';
    } else if (isLineEnd) {
      line++;
      endRow();
    } else if (mode === 'start' && c === '"') {
      mode = 'quoted';
    } else {
      field += c;
      mode = 'plain';
    }
  }
  if (inRow && mode === 'quoted') return { rows, error: { code: 'import.unbalancedQuotes', line: rowLine } };
  if (inRow) endRow();
  return { rows, error: null };
}

describe('CsvTokenizer: RFC 4180 fields', () => {
  it('reads plain rows, a final line without newline, and a trailing empty field', () => {
    expect(tokenize(['id,name,amount\n001,Ann,12.50\n002,Bob,\n003,,7']).rows).toEqual([
      [1, 'id', 'name', 'amount'],
      [2, '001', 'Ann', '12.50'],
      [3, '002', 'Bob', ''],
      [4, '003', '', '7'],
    ]);
  });

  it('reads quoted fields with delimiters, line ends and doubled quotes', () => {
    const text = 'a,b,c\r\n"x, y","line1\nline2\r\nline3","say ""hi"""\r\n"",""""," spaced "\r\n';
    expect(tokenize([text])).toEqual({
      rows: [
        [1, 'a', 'b', 'c'],
        [2, 'x, y', 'line1\nline2\r\nline3', 'say "hi"'],
        [5, '', '"', ' spaced '],
      ],
      error: null,
    });
  });

  it('keeps a quote inside an unquoted field literally, and text after a closing quote', () => {
    expect(tokenize(['ab"c,5" disk,"q"rest,x""y\n']).rows).toEqual([[1, 'ab"c', '5" disk', 'qrest', 'x""y']]);
    expect(tokenize([' "a",b\n']).rows).toEqual([[1, ' "a"', 'b']]);
  });

  it('accepts CRLF, LF and lone CR line ends and counts each as one line', () => {
    expect(tokenize(['a\r\nb\nc\rd\r\n\r\ne']).rows).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [6, 'e'],
    ]);
  });

  it('skips blank lines, and lines whose only field is empty or white space, but counts them', () => {
    expect(tokenize(['\n\r\n  \n""\na,b\n\n,\n\t\n']).rows).toEqual([
      [5, 'a', 'b'],
      [7, '', ''],
    ]);
  });

  it('numbers rows by the line where they start, across multi-line quoted fields', () => {
    const text = 'id,note\n1,"first\nsecond\nthird"\n2,plain\n3,"a\r\nb"\r\n4,end';
    expect(tokenize([text]).rows).toEqual([
      [1, 'id', 'note'],
      [2, '1', 'first\nsecond\nthird'],
      [5, '2', 'plain'],
      [6, '3', 'a\r\nb'],
      [8, '4', 'end'],
    ]);
  });

  it('strips a BOM character only at the very start of the stream', () => {
    expect(tokenize(['\uFEFFid,x\n1,\uFEFF\n']).rows).toEqual([
      [1, 'id', 'x'],
      [2, '1', '\uFEFF'],
    ]);
    expect(tokenize(['', '\uFEFF', 'id\n']).rows).toEqual([[1, 'id']]);
  });

  it('uses the configured delimiter and treats commas as text then', () => {
    expect(tokenize(['a;b,c|d\t"e;f"\n'], { delimiter: ';' }).rows).toEqual([[1, 'a', 'b,c|d\t"e', 'f"']]);
    expect(tokenize(['a\tb,c\t"x\ty"\n'], { delimiter: '\t' }).rows).toEqual([[1, 'a', 'b,c', 'x\ty']]);
    expect(tokenize(['a|"b|c"|\n'], { delimiter: '|' }).rows).toEqual([[1, 'a', 'b|c', '']]);
  });

  it('emits nothing for empty input, or input of line ends only', () => {
    expect(tokenize([])).toEqual({ rows: [], error: null });
    expect(tokenize(['', ''])).toEqual({ rows: [], error: null });
    expect(tokenize(['\r\n\n\r'])).toEqual({ rows: [], error: null });
    expect(tokenize(['\uFEFF'])).toEqual({ rows: [], error: null });
  });

  it('gives every row a fresh array', () => {
    const seen: string[][] = [];
    const tokenizer = new CsvTokenizer({ delimiter: ',' });
    tokenizer.push('a,b\nc,d\n', (fields) => seen.push(fields));
    tokenizer.finish((fields) => seen.push(fields));
    expect(seen).toEqual([['a', 'b'], ['c', 'd']]);
    expect(seen[0]).not.toBe(seen[1]);
  });
});

describe('CsvTokenizer: chunk boundaries', () => {
  const text =
    '\uFEFFid,name,note\r\n001,"Smith, John","He said ""hi""\r\nthen left"\r\n\r\n002,Li,plain\r003,"",x"y\n' +
    '004,"a""",\r\n"q"z,"\r",end';
  const expected: Row[] = [
    [1, 'id', 'name', 'note'],
    [2, '001', 'Smith, John', 'He said "hi"\r\nthen left'],
    [5, '002', 'Li', 'plain'],
    [6, '003', '', 'x"y'],
    [7, '004', 'a"', ''],
    [8, 'qz', '\r', 'end'],
  ];

  it('reads the sample as a whole', () => {
    expect(tokenize([text])).toEqual({ rows: expected, error: null });
  });

  it('gives identical rows for every split into two chunks', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(tokenize([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual({ rows: expected, error: null });
    }
  });

  it('gives identical rows for every split into three chunks', () => {
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b += 3) {
        const result = tokenize([text.slice(0, a), text.slice(a, b), text.slice(b)]);
        expect(result, `cuts at ${a}, ${b}`).toEqual({ rows: expected, error: null });
      }
    }
  });

  it('gives identical rows one character at a time', () => {
    expect(tokenize([...text])).toEqual({ rows: expected, error: null });
  });

  it('handles CRLF split between chunks, inside and outside quotes', () => {
    expect(tokenize(['a\r', '\nb\r', '\n', 'c'])).toEqual({ rows: [[1, 'a'], [2, 'b'], [3, 'c']], error: null });
    expect(tokenize(['"x\r', '\ny"\r', '\nz\r', '\r\n', 'w'])).toEqual({
      rows: [[1, 'x\r\ny'], [3, 'z'], [5, 'w']],
      error: null,
    });
  });

  it('matches a naive reference on random inputs split at random places', () => {
    const next = random(20240601);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\r', '\n', '\n', ' ', ';', '\uFEFF'];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const delimiter = next() < 0.8 ? ',' : ';';
      const want = reference(text, delimiter);
      expect(tokenize([text], { delimiter }), JSON.stringify(text)).toEqual(want);
      expect(tokenize(randomChunks(text, next), { delimiter }), JSON.stringify(text)).toEqual(want);
    }
  });
});

describe('CsvTokenizer: whitespace mode', () => {
  const cdnow =
    ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n' +
    ' 00002 19970112  1   12.00\r\n\r\n   \r\n 00003\t19970102  2   20.76\r\n 00004 19970101  2   29.33';
  const expected: Row[] = [
    [1, 'customer_id', 'date', 'number_of_cds', 'dollar_value'],
    [2, '00001', '19970101', '1', '11.77'],
    [3, '00002', '19970112', '1', '12.00'],
    [6, '00003', '19970102', '2', '20.76'],
    [7, '00004', '19970101', '2', '29.33'],
  ];

  it('splits CDNOW-like lines on runs of spaces and tabs, keeping leading zeros', () => {
    expect(tokenize([cdnow], { delimiter: 'whitespace' })).toEqual({ rows: expected, error: null });
  });

  it('gives identical rows for every split into two chunks', () => {
    for (let cut = 0; cut <= cdnow.length; cut++) {
      const result = tokenize([cdnow.slice(0, cut), cdnow.slice(cut)], { delimiter: 'whitespace' });
      expect(result, `cut at ${cut}`).toEqual({ rows: expected, error: null });
    }
  });

  it('does not treat quotes specially and reads a final line without line end', () => {
    expect(tokenize(['\uFEFF"a b" c\n\td\t', 'e'], { delimiter: 'whitespace' }).rows).toEqual([
      [1, '"a', 'b"', 'c'],
      [2, 'd', 'e'],
    ]);
  });

  it('matches splitting each line on /[ \\t]+/ for random inputs', () => {
    const next = random(7);
    const alphabet = ['a', 'b', ' ', ' ', '\t', '\r', '\n', '"', ','];
    for (let n = 0; n < 1000; n++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const want: Row[] = [];
      text.split(/\r\n|\r|\n/).forEach((line, index) => {
        const fields = line.split(/[ \t]+/).filter((field) => field !== '');
        if (fields.length > 0) want.push([index + 1, ...fields]);
      });
      expect(tokenize(randomChunks(text, next), { delimiter: 'whitespace' }), JSON.stringify(text)).toEqual({ rows: want, error: null });
    }
  });
});

describe('CsvTokenizer: hostile input', () => {
  it('reports an unbalanced quote at the end of input with the line where its row starts', () => {
    expect(tokenize(['id,note\n1,ok\n2,"never closed\nmore\n'])).toEqual({
      rows: [[1, 'id', 'note'], [2, '1', 'ok']],
      error: { code: 'import.unbalancedQuotes', line: 3 },
    });
    expect(tokenize(['"'])).toEqual({ rows: [], error: { code: 'import.unbalancedQuotes', line: 1 } });
  });

  it('accepts a field or row exactly at the limit and rejects one character more', () => {
    const options = { delimiter: ',' as const, maxFieldChars: 5, maxRowChars: 13 };
    expect(tokenize(['abcde,"fghij"\n'], options)).toEqual({ rows: [[1, 'abcde', 'fghij']], error: null });
    expect(tokenize(['ok\nabcdef,x\n'], options)).toEqual({ rows: [[1, 'ok']], error: { code: 'import.fieldTooLong', line: 2 } });
    expect(tokenize(['"ab""c"\n"a""b""c"\n'], options).rows).toEqual([[1, 'ab"c'], [2, 'a"b"c']]);
    expect(tokenize(['"a""b""cd"\n'], options).error).toEqual({ code: 'import.fieldTooLong', line: 1 });
    expect(tokenize(['a,b,c,d,e,f,g\n'], options)).toEqual({ rows: [[1, 'a', 'b', 'c', 'd', 'e', 'f', 'g']], error: null });
    expect(tokenize(['a,b,c,d,e,f,gh\n'], options).error).toEqual({ code: 'import.rowTooLong', line: 1 });
    expect(tokenize(['a,b,c,d,e,f,g,'], options).error).toEqual({ code: 'import.rowTooLong', line: 1 });
    expect(tokenize(['a', 'bcdef', 'g'], options).error).toEqual({ code: 'import.fieldTooLong', line: 1 });
    const ws = { ...options, delimiter: 'whitespace' as const };
    expect(tokenize(['  abcde  fghij ' + ' '.repeat(50) + '\n'], ws).rows).toEqual([[1, 'abcde', 'fghij']]);
    expect(tokenize(['\n abcdef'], ws).error).toEqual({ code: 'import.fieldTooLong', line: 2 });
    expect(tokenize(['a b c d e f gh'], ws).error).toEqual({ code: 'import.rowTooLong', line: 1 });
  });

  it('reaches the same limit errors whatever the chunking', () => {
    const next = random(4242);
    const alphabet = ['a', 'b', ',', '"', '"', '\r', '\n', ' ', ' '];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 30);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const options = { delimiter: next() < 0.7 ? (',' as const) : ('whitespace' as const), maxFieldChars: 4, maxRowChars: 9 };
      expect(tokenize(randomChunks(text, next), options), JSON.stringify(text)).toEqual(tokenize([text], options));
    }
  });

  it('stops emitting after an error and ignores later input', () => {
    const tokenizer = new CsvTokenizer({ delimiter: ',', maxFieldChars: 3 });
    const rows: string[][] = [];
    tokenizer.push('a\nbbbb\nc\n', (fields) => rows.push(fields));
    tokenizer.push('d\n', (fields) => rows.push(fields));
    tokenizer.finish((fields) => rows.push(fields));
    expect(rows).toEqual([['a']]);
    expect(tokenizer.error).toEqual({ code: 'import.fieldTooLong', line: 2 });
  });

  it('fails a 50 MB line without a newline as soon as the limit is passed', () => {
    const chunk = 'x'.repeat(1 << 20);
    const tokenizer = new CsvTokenizer({ delimiter: ',' });
    let pushed = 0;
    while (tokenizer.error === null && pushed < 50) {
      tokenizer.push(chunk, () => expect.fail('no row expected'));
      pushed++;
    }
    expect(tokenizer.error).toEqual({ code: 'import.fieldTooLong', line: 1 });
    expect(pushed).toBe(1); // 1 MiB > 1,000,000 characters: no second chunk needed

    const oneChunk = new CsvTokenizer({ delimiter: ',' });
    oneChunk.push('"' + 'x'.repeat(50_000_000), () => expect.fail('no row expected'));
    expect(oneChunk.error).toEqual({ code: 'import.fieldTooLong', line: 1 });
  });

  it('fails a 50 MB line of short fields with rowTooLong after about 4 MB', () => {
    const chunk = 'ab,'.repeat(1 << 18); // 786,432 characters
    const tokenizer = new CsvTokenizer({ delimiter: ',' });
    let pushed = 0;
    while (tokenizer.error === null && pushed < 64) {
      tokenizer.push(chunk, () => expect.fail('no row expected'));
      pushed++;
    }
    expect(tokenizer.error).toEqual({ code: 'import.rowTooLong', line: 1 });
    expect(pushed).toBe(6); // 4,000,000 / 786,432 ≈ 5.1

    const spaces = new CsvTokenizer({ delimiter: 'whitespace' });
    spaces.push('a '.repeat(2_500_000), () => expect.fail('no row expected'));
    expect(spaces.error).toEqual({ code: 'import.rowTooLong', line: 1 });
  });

  it('survives binary-looking text in any chunking', () => {
    const next = random(99);
    let text = '';
    for (let i = 0; i < 20_000; i++) text += String.fromCharCode(Math.floor(next() * 0x3000));
    for (const delimiter of [',', '\t', 'whitespace'] as const) {
      const whole = tokenize([text], { delimiter });
      const chunked = tokenize(randomChunks(text, next), { delimiter });
      expect(chunked).toEqual(whole);
      expect(whole.rows.length).toBeGreaterThan(0);
      for (const row of whole.rows) for (const field of row.slice(1)) expect(typeof field).toBe('string');
    }
  });
});
