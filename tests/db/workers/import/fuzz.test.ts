// Fuzzing the importer end to end (preview, then import through the engine into fake IndexedDB)
// with random bytes, mutated real and inline files, and generated tables whose outcome is known.
// Every case: no exception other than a plain import notice, no hang, no pending batch left, and
// either one complete commit whose stored rows decode and match the reported counts, or no change.
// A failure names its case seed: replay it with FUZZ_CASE=<seed>; other cases with FUZZ_SEED=<n>
// (or random), more with FUZZ_SCALE=<k>; FUZZ_VERBOSE=1 prints each case's outcome and time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi, FilePreview, ImportResult, ImportSettings, ImportTarget, PreviewOverrides } from '../../../../workers/api';
import { decodeDataset, deleteDataset, openDatabase, readChunks, rowCount, type ChunkRow, type WorkbenchDB } from '../../../../src/lib/db';
import {
  CsvTokenizer, DELIMITERS, ENCODINGS, FIELDS, IMPORT_KINDS, missingFields, RowConverter, StreamDecoder, type ImportKind,
} from '../../../../src/lib/domain/import';
import { NO_DAY, TABLE_KINDS, type TableColumnsByKind } from '../../../../src/lib/domain/types';
import { dayFromCivil } from '../../../../src/lib/domain/days';
import {
  concat, fuzzCases, fuzzSeed, mutate, mutateCsvText, randomBytes, randomTable, rng, tableCsv, within, CSV_TOKENS, type CsvKind, type CsvTable,
  type Rng,
} from '../../../support/fuzz';
import { settingsOf, sharedFile, textFile } from '../../import-helpers';

/** Longest a case may take before it counts as a hang (a slow 2-core machine does a case in well under a second). */
const CASE_MS = 15_000;
const PREVIEW_CODES = new Set([
  'import.empty', 'import.binary', 'import.noLineBreak', 'import.onlyHeader', 'import.missingColumns', 'import.unbalancedQuotes',
  'import.fieldTooLong', 'import.rowTooLong',
]);
const IMPORT_CODES = new Set(['import.missingColumns', 'import.unbalancedQuotes', 'import.fieldTooLong', 'import.rowTooLong']);
const REASONS = new Set(['missingId', 'badDate', 'badAmount', 'badNumber', 'outOfRange', 'columnCount']);
const MIN_DAY = dayFromCivil(1900, 1, 1);
const MAX_DAY = dayFromCivil(2100, 12, 31);
/** Bytes the importer reads at a time (workers/import/run.ts), for the reference conversion. */
const SLICE_BYTES = 2 * 1024 * 1024;

const SHARED = ['cdnow/cdnowElog.csv', 'online-retail/online_retail_sample.csv', 'cdnow/CDNOW_sample.txt', 'cdnow/CDNOW_master.txt', 'cdnow/cdnow_customers_summary.csv'];

const INLINE: { text: string; encoding: Encoding }[] = [
  {
    text: '客户编号,订单编号,下单日期,金额,城市\r\n00042,SO1,2024/1/5,"1,234.50",上海\r\n00042,SO2,2024/2/29,88,上海\r\n00007,SO3,20240105,-20,北京\r\n',
    encoding: 'gbk',
  },
  { text: 'customer_id\torder_date\tamount\tqty\nA1\t2024-03-01\t5\t1\nA2\t2024-03-02\t(7.50)\t2\nA1\t2024-03-09\t¥12\t1\n', encoding: 'utf16le' },
  { text: 'customer_id;order_date;amount\n1;01/02/2024;5,00\n2;13/02/2024;6\n3;5-Jan-2024;7\n', encoding: 'utf16be' },
  {
    text: '会员编号,姓名,性别,城市,注册日期,获客成本\n001,"王, 芳",女,上海,2023-01-05,12.5\n002,"Li ""Lee"" Wei",male,"北京\n朝阳",2023-02-30,\n003,=1+1,F,,,-\n',
    encoding: 'utf8',
  },
  { text: 'customer_id,survey_date,nps,csat\nC1,2024-01-01,9,5\nC2,,10,\nC3,2024-01-03,11,3\nC4,2024-01-04,,0\n', encoding: 'utf8' },
  { text: '\uFEFFInvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\r\n536365,17850,12/1/2010 8:26,6,2.55\r\nC536379,14527,12/1/2010 9:41,-1,27.5\r\n', encoding: 'utf8' },
];

type Encoding = 'utf8' | 'gbk' | 'utf16le' | 'utf16be';

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  if (encoding === 'gbk') return new Uint8Array(iconv.encode(text.replace(/¥/g, '￥'), 'gbk'));
  const body = new Uint8Array(iconv.encode(text, 'utf16le'));
  if (encoding === 'utf16be') for (let i = 0; i + 1 < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1], body[i]];
  return new Uint8Array([...(encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the database holds, to compare before and after a case. */
async function state(db: WorkbenchDB) {
  return {
    datasets: await db.datasets.toArray(),
    batches: await db.batches.toArray(),
    chunks: (await db.chunks.toArray()).map((c) => ({ ...c, bytes: Array.from(c.bytes.subarray(0, 64)), size: c.bytes.length })),
  };
}

/** A plain {code, params?} notice with one of the expected codes, as the engine must throw. */
function expectNotice(error: unknown, codes: Set<string>): void {
  if (error instanceof Error) throw new Error(`threw ${error.name}: ${error.message}`, { cause: error });
  expect(error, 'a plain object').toEqual(expect.any(Object));
  const notice = error as Record<string, unknown>;
  expect(Object.getPrototypeOf(notice), 'a plain object').toBe(Object.prototype);
  expect(Object.keys(notice).filter((k) => k !== 'code' && k !== 'params'), 'only code and params').toEqual([]);
  expect(codes.has(String(notice.code)), `expected code, got ${JSON.stringify(notice)}`).toBe(true);
  if (notice.params !== undefined) {
    for (const v of Object.values(notice.params as object)) expect(['string', 'number']).toContain(typeof v);
  }
  expect(structuredClone(notice)).toEqual(notice);
}

function checkPreview(p: FilePreview, file: File): void {
  expect(structuredClone(p)).toEqual(p);
  expect(p).toMatchObject({ fileName: file.name, size: file.size });
  for (const problem of p.problems) expectNotice(problem, PREVIEW_CODES);
  if (p.encoding === null) expect(p.problems.map((x) => x.code)).toEqual([expect.stringMatching(/^import\.(empty|binary)$/)]);
  else expect(ENCODINGS).toContain(p.encoding);
  expect(DELIMITERS).toContain(p.delimiter);
  expect(IMPORT_KINDS).toContain(p.kind);
  expect(['ymd', 'mdy', 'dmy']).toContain(p.dateOrder);
  expect(p.rows.length).toBeLessThanOrEqual(20);
  for (const [field, column] of Object.entries(p.mapping)) {
    expect(FIELDS[p.kind].map((f) => f.field)).toContain(field);
    if (column !== null) expect(column >= 0 && column < p.columnNames.length && Number.isInteger(column), `${field} → ${column}`).toBe(true);
  }
}

/** The importer's pipeline in memory (same slices): what the stored rows must decode to. */
async function referenceRows(file: File, settings: ImportSettings): Promise<TableColumnsByKind[ImportKind] | null> {
  const decoder = new StreamDecoder(settings.encoding);
  const tokenizer = new CsvTokenizer({ delimiter: settings.delimiter });
  const converter = new RowConverter({ ...settings, chunkRows: Number.MAX_SAFE_INTEGER });
  let header = settings.hasHeader;
  const onRow = (fields: string[], line: number) => (header ? (header = false) : converter.accept(fields, line));
  const bytes = new Uint8Array(await file.arrayBuffer());
  for (let pos = 0; pos < bytes.length; pos += SLICE_BYTES) tokenizer.push(decoder.decode(bytes.subarray(pos, pos + SLICE_BYTES)), onRow);
  tokenizer.push(decoder.decode(), onRow);
  tokenizer.finish(onRow);
  return tokenizer.error ? null : converter.take();
}

/** Stored values are within their types' ranges (checked row by row; one assertion names the first bad row). */
function checkValues(kind: ImportKind, t: TableColumnsByKind[ImportKind]): void {
  const dayOk = (d: number, optional: boolean) => (optional && d === NO_DAY) || (Number.isInteger(d) && d >= MIN_DAY && d <= MAX_DAY);
  let ok: (i: number) => boolean;
  let show: (i: number) => unknown;
  if (kind === 'orders') {
    const o = t as TableColumnsByKind['orders'];
    ok = (i) =>
      o.customerId[i].length > 0 && o.orderId[i].length > 0 && dayOk(o.day[i], false) && Number.isFinite(o.amount[i])
      && (Number.isNaN(o.quantity[i]) || o.quantity[i] >= 0) && (o.isReturn[i] === 0 ? o.amount[i] >= 0 : o.isReturn[i] === 1 && o.amount[i] <= 0);
    show = (i) => [o.customerId[i], o.orderId[i], o.day[i], o.amount[i], o.quantity[i], o.isReturn[i]];
  } else if (kind === 'customers') {
    const c = t as TableColumnsByKind['customers'];
    ok = (i) => c.id[i].length > 0 && dayOk(c.birthDay[i], true) && dayOk(c.signupDay[i], true) && !(Math.abs(c.acquisitionCost[i]) === Infinity);
    show = (i) => [c.id[i], c.birthDay[i], c.signupDay[i], c.acquisitionCost[i]];
  } else if (kind === 'surveys') {
    const s = t as TableColumnsByKind['surveys'];
    ok = (i) => s.customerId[i].length > 0 && dayOk(s.day[i], true) && s.nps[i] >= -1 && s.nps[i] <= 10 && s.csat[i] >= 0 && s.csat[i] <= 10;
    show = (i) => [s.customerId[i], s.day[i], s.nps[i], s.csat[i]];
  } else if (kind === 'interactions') {
    const x = t as TableColumnsByKind['interactions'];
    ok = (i) => x.customerId[i].length > 0 && x.id[i].length > 0 && dayOk(x.day[i], false) && ['complaint', 'inquiry', 'praise', 'suggestion'].includes(x.kind[i])
      && x.severity[i] >= 0 && x.severity[i] <= 3 && (x.resolved[i] === 1 ? x.resolvedDay[i] === NO_DAY || x.resolvedDay[i] >= x.day[i] : x.resolved[i] === 0 && x.resolvedDay[i] === NO_DAY)
      && x.text[i].length <= 4000;
    show = (i) => [x.id[i], x.customerId[i], x.day[i], x.kind[i], x.severity[i], x.resolved[i], x.resolvedDay[i]];
  } else if (kind === 'servqual') {
    const q = t as TableColumnsByKind['servqual'];
    ok = (i) => q.customerId[i].length > 0 && dayOk(q.day[i], true) && q.item[i] >= 0 && q.item[i] <= 22 && q.dimension[i] >= 0 && q.dimension[i] <= 4
      && q.expectation[i] >= 1 && q.expectation[i] <= 7 && q.perception[i] >= 1 && q.perception[i] <= 7;
    show = (i) => [q.customerId[i], q.day[i], q.item[i], q.dimension[i], q.expectation[i], q.perception[i]];
  } else {
    const m = t as TableColumnsByKind['importance'];
    const points = (i: number) => [m.tangibles[i], m.reliability[i], m.responsiveness[i], m.assurance[i], m.empathy[i]];
    ok = (i) => m.customerId[i].length > 0 && dayOk(m.day[i], true) && points(i).every((p) => p >= 0 && p <= 100) && points(i).some((p) => p > 0);
    show = (i) => [m.customerId[i], ...points(i)];
  }
  const n = rowCount(kind, t);
  let bad = -1;
  for (let i = 0; i < n && bad < 0; i++) if (!ok(i)) bad = i;
  expect(bad, `stored row ${bad}: ${JSON.stringify(bad < 0 ? null : show(bad))}`).toBe(-1);
}

/** Reported counts agree with each other and with the decoded rows. */
function checkStats(result: ImportResult, settings: ImportSettings, rows: TableColumnsByKind[ImportKind] | null): void {
  expect(result.files).toHaveLength(1);
  const [f] = result.files;
  const s = f.stats;
  expect(f.kind).toBe(settings.kind);
  expect(ENCODINGS).toContain(f.encoding);
  expect(s.accepted + s.rejected + s.duplicatesDropped + s.existingSkipped, 'rows = accepted + rejected + dropped + skipped').toBe(s.rows);
  expect(s.duplicatesDropped).toBe(settings.dropDuplicates ? s.duplicates : 0);
  expect(f.rejects.length).toBe(Math.min(s.rejected, 100_000));
  expect(result.committed, 'committed exactly when a row was accepted').toBe(s.accepted > 0);
  const bad = f.rejects.findIndex((r, i) => !REASONS.has(r.reason) || r.line < Math.max(1, i > 0 ? f.rejects[i - 1].line : 1));
  expect(bad, `reject ${bad} (known reason, lines in order): ${JSON.stringify(f.rejects.slice(Math.max(0, bad - 1), bad + 1))}`).toBe(-1);
  if (!rows) return;
  expect(rowCount(settings.kind, rows)).toBe(s.accepted);
  const ids = settings.kind === 'customers' ? (rows as TableColumnsByKind['customers']).id : (rows as TableColumnsByKind['orders']).customerId;
  expect(new Set(ids).size, 'distinct customers').toBe(s.customers);
  if (settings.kind === 'orders') {
    const o = rows as TableColumnsByKind['orders'];
    expect(o.isReturn.reduce((n, x) => n + x, 0)).toBe(s.returns);
    expect(o.amount.reduce((n, x) => n + x, 0)).toBeCloseTo(s.amount, 4);
    // rows without an order id get `${customerId}|${day}`, which orderIds does not count
    const real = o.orderId.filter((id, i) => id !== `${o.customerId[i]}|${o.day[i]}`);
    if (settings.mapping.orderId != null) expect(new Set(real).size, 'distinct order ids').toBe(s.orderIds);
  }
  if (settings.kind !== 'customers') {
    const days = Array.from((rows as TableColumnsByKind['orders']).day).filter((d) => d !== NO_DAY);
    expect(s.minDay).toBe(days.length ? days.reduce((a, b) => Math.min(a, b)) : null);
    expect(s.maxDay).toBe(days.length ? days.reduce((a, b) => Math.max(a, b)) : null);
  }
}

describe('importer fuzz', () => {
  const db = openDatabase('import-fuzz');
  const engine: EngineApi = createEngine(db);
  const seeds: { name: string; text: string; encoding: Encoding }[] = [];
  let baseId = '';
  let jobs = 0;

  beforeAll(async () => {
    for (const name of SHARED) seeds.push({ name, text: await sharedFile(name).text(), encoding: 'utf8' });
    INLINE.forEach((s, i) => seeds.push({ name: `inline-${i}.csv`, ...s }));
    const base = await engine.importFiles('base', [{
      file: textFile('base.csv', 'customer_id,order_date,amount\nB1,2024-01-01,10\nB2,2024-01-02,20\n'),
      settings: { kind: 'orders', encoding: 'utf-8', delimiter: ',', hasHeader: true, columnNames: ['customer_id', 'order_date', 'amount'], mapping: { customerId: 0, date: 1, amount: 2 }, dateOrder: 'ymd', dropDuplicates: false },
    }], { newDataset: { name: 'base', currency: 'USD' } });
    baseId = base.datasetId;
  });

  afterAll(() => db.close());

  /** How a user might confirm the preview: as proposed, or with columns mapped by hand and options changed. */
  function settingsFor(p: FilePreview, r: Rng): ImportSettings {
    const settings = settingsOf(p, { dropDuplicates: r.chance(0.3) });
    if (r.chance(0.1)) settings.dateOrder = r.pick(['ymd', 'mdy', 'dmy'] as const);
    const width = p.columnNames.length;
    if (width > 0 && missingFields(p.kind, p.mapping).length > 0 && r.chance(0.8)) {
      const mapping = { ...p.mapping };
      const columns = Array.from({ length: width }, (_, i) => i).sort(() => r.next() - 0.5);
      const required = p.kind === 'orders' ? ['customerId', 'date', 'amount'] : ['customerId'];
      required.forEach((field, i) => (mapping[field] = columns[i % width]));
      if (p.kind !== 'orders' && width > 1) mapping[r.pick(FIELDS[p.kind].slice(1)).field] = columns[1];
      settings.mapping = mapping;
    }
    return settings;
  }

  /**
   * One case: preview (maybe with overrides), import into a new or the base dataset, check the
   * outcome. `expected` (generated tables): the rows the importer must accept, and their amounts;
   * `asProposed`: import as the preview proposes (no overrides); `cancelAt`: cancel after that many bytes.
   */
  async function runCase(
    seed: number, label: string, file: File, r: Rng, options: { expected?: CsvTable; asProposed?: boolean; cancelAt?: number } = {},
  ) {
    const asProposed = options.asProposed || options.expected !== undefined;
    const started = performance.now();
    let outcome = '';
    const body = async () => {
      const before = await state(db);
      const overrides: PreviewOverrides = {};
      if (!asProposed && r.chance(0.3)) {
        if (r.chance(0.4)) overrides.encoding = r.pick(ENCODINGS);
        if (r.chance(0.4)) overrides.delimiter = r.pick(DELIMITERS);
        if (r.chance(0.4)) overrides.hasHeader = r.chance(0.5);
        if (r.chance(0.4)) overrides.kind = r.pick(IMPORT_KINDS);
      }
      let preview: FilePreview;
      try {
        preview = await within(engine.preview(file, overrides), CASE_MS, 'preview');
      } catch (error) {
        outcome = `preview rejected ${JSON.stringify(error)}`;
        expectNotice(error, PREVIEW_CODES);
        expect(await state(db)).toEqual(before);
        return;
      }
      checkPreview(preview, file);
      const settings = asProposed ? settingsOf(preview) : settingsFor(preview, r);
      const intoBase = file.size < 1_000_000 && r.chance(0.3);
      const target: ImportTarget = intoBase ? { datasetId: baseId } : { newDataset: { name: file.name, currency: 'USD' } };
      const jobId = `fuzz-${++jobs}`;
      let asked = false;
      const onProgress = options.cancelAt === undefined ? undefined : (p: { done: number }) => {
        if (!asked && p.done >= options.cancelAt!) {
          asked = true;
          engine.cancel(jobId);
        }
      };
      let result: ImportResult;
      try {
        // cases repeat and overlap files on purpose: every row is imported again (the guards against doubling are tested in tests/db/workers/import)
        const again = { file, settings: { ...settings, keepExistingOrders: true }, ifImported: 'anyway' as const };
        result = await within(engine.importFiles(jobId, [again], target, onProgress), CASE_MS, 'import');
      } catch (error) {
        outcome = `import rejected ${(error as { code?: string }).code} [${preview.problems.map((p) => p.code)}]`;
        expectNotice(error, asked ? new Set([...IMPORT_CODES, 'job.cancelled']) : IMPORT_CODES);
        expect(await db.batches.where('status').equals('pending').count(), 'pending batches').toBe(0);
        expect(await state(db), 'database unchanged after a failed import').toEqual(before);
        expect(options.expected, 'a generated table imports').toBeUndefined();
        return;
      }
      outcome = `${result.committed ? 'committed' : 'nothing'} ${JSON.stringify(result.files[0].stats).slice(0, 80)} [${preview.problems.map((p) => p.code)}]`;
      expect(await db.batches.where('status').equals('pending').count(), 'pending batches').toBe(0);
      const after = await state(db);
      if (!result.committed) {
        checkStats(result, settings, null);
        expect(after, 'database unchanged when nothing was imported').toEqual(before);
      } else {
        const kind = settings.kind;
        const { datasetId } = result;
        expect(datasetId).toEqual(intoBase ? baseId : expect.any(String));
        // Everything that was there is still there, unchanged (the target's counts aside).
        const targetBefore = before.datasets.find((d) => d.id === datasetId);
        expect(after.datasets.filter((d) => d.id !== datasetId)).toEqual(before.datasets.filter((d) => d.id !== datasetId));
        const fresh = after.batches.filter((b) => !before.batches.some((o) => o.id === b.id));
        expect(fresh).toHaveLength(1);
        const [batch] = fresh;
        expect(after.batches.filter((b) => b.id !== batch.id)).toEqual(before.batches);
        expect(after.chunks.filter((c) => c.batchId !== batch.id)).toEqual(before.chunks);
        // One new committed batch holding exactly the accepted rows.
        const accepted = result.files[0].stats.accepted;
        expect(batch).toMatchObject({ datasetId, status: 'committed', tables: { [kind]: { rows: accepted } } });
        const newChunks: ChunkRow[] = await db.chunks.where('batchId').equals(batch.id).toArray();
        expect(after.chunks.length).toBe(before.chunks.length + newChunks.length);
        expect(newChunks.reduce((n, c) => n + c.rows, 0)).toBe(accepted);
        // The dataset's counts grew by the accepted rows, and all its rows decode.
        const dataset = after.datasets.find((d) => d.id === datasetId)!;
        const expectedCounts = { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0, ...targetBefore?.counts };
        expectedCounts[kind] += accepted;
        expect(dataset.counts).toEqual(expectedCounts);
        const all = decodeDataset(await readChunks(db, datasetId));
        for (const k of TABLE_KINDS) expect(rowCount(k, all[k]), `${k} rows`).toBe(dataset.counts[k]);
        const rows = decodeDataset(newChunks)[kind];
        checkValues(kind, rows);
        checkStats(result, settings, rows);
        // The stored rows are what the converter made of the file.
        const reference = await referenceRows(file, settings);
        expect(reference, 'reference conversion succeeds').not.toBeNull();
        expect(rows).toEqual(reference);
        if (!intoBase) await deleteDataset(db, datasetId);
      }
      const expected = options.expected;
      if (expected) {
        const s = result.files[0].stats;
        const valid = expected.valid.filter(Boolean).length;
        expect(preview.kind, 'kind guessed from the header').toBe(expected.kind);
        expect(s.rows, 'rows read').toBe(expected.rows.length);
        expect({ accepted: s.accepted, rejected: s.rejected }).toEqual({ accepted: valid, rejected: expected.rows.length - valid });
        expect(s.amount).toBeCloseTo(expected.amounts.reduce((n, x) => n + x, 0), 4);
      }
    };
    try {
      await body();
    } catch (error) {
      const e = error instanceof Error ? error : new Error(JSON.stringify(error));
      e.message = `${label}, case seed ${seed} (replay: FUZZ_CASE=${seed}; base FUZZ_SEED=${fuzzSeed()}): ${e.message}`;
      throw e;
    }
    const ms = performance.now() - started;
    if (process.env.FUZZ_VERBOSE) console.log(`[fuzz] ${label} ${seed} ${Math.round(ms)}ms ${outcome}`);
    expect(ms, `${label}, case seed ${seed}: took ${Math.round(ms)} ms (hang?)`).toBeLessThan(CASE_MS);
  }

  // Found by the fuzzing (see tests/unit/lib/domain/import/fuzz.test.ts → fuzz regressions).
  it('a UTF-8 file with a stray bad byte past the preview keeps its UTF-8 text (was read as GB18030)', async () => {
    const lines = ['客户编号,下单日期,金额'];
    for (let i = 0; lines.length < 40_000; i++) lines.push(`客户${i % 500},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 90}.5`);
    const text = new TextEncoder().encode(lines.join('\n') + '\n');
    expect(text.length).toBeGreaterThan(700_000); // the bad byte lands past the 512 KiB preview, inside the first 2 MiB slice
    const at = text.indexOf(0x0a, 600_000) + 1;
    const file = textFile('utf8-bad-byte.csv', new Uint8Array([...text.subarray(0, at), 0xff, ...text.subarray(at)]));
    const preview = await engine.preview(file);
    expect(preview).toMatchObject({ encoding: 'utf-8', problems: [] });
    const result = await engine.importFiles(`fuzz-${++jobs}`, [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'u', currency: 'USD' } });
    expect(result.files[0].encoding).toBe('utf-8');
    // one id gains the U+FFFD of the bad byte; every other reads as written
    expect(result.files[0].stats).toMatchObject({ rows: 39_999, accepted: 39_999, rejected: 0, customers: 501 });
    const ids = new Set(decodeDataset(await readChunks(db, result.datasetId)).orders.customerId);
    expect([...ids].filter((id) => !/^客户\d+$/.test(id))).toEqual([expect.stringMatching(/^\ufffd客户\d+$/)]);
    await deleteDataset(db, result.datasetId);
  });

  it('a GB18030 file whose last one-byte slice breaks a four-byte sequence keeps every byte and its encoding', async () => {
    // Node's GB18030 decoder throws there although not fatal; the old catch-all then dropped the
    // held bytes and went on in UTF-8. Browsers never throw, so this guards the engine under Node.
    const rows = ['金额,下单日期,客户编号'];
    for (let i = 0; rows.length < 60_000; i++) rows.push(`${i % 70},2024-02-${String(1 + (i % 28)).padStart(2, '0')},客户${i % 300}`);
    const head = new Uint8Array(iconv.encode(rows.join('\n') + '\n5,2024-03-01,', 'gbk'));
    // the first 2 MiB slice ends with 0x81 0x30 (the start of a four-byte sequence); the second is just 'A'
    const filler = new Uint8Array(SLICE_BYTES - head.length - 2).fill(0x78);
    const file = textFile('gb-cut.csv', concat([head, filler, new Uint8Array([0x81, 0x30, 0x41])]));
    expect(file.size).toBe(SLICE_BYTES + 1);
    const preview = await engine.preview(file);
    expect(preview).toMatchObject({ encoding: 'gb18030', problems: [] });
    const result = await engine.importFiles(`fuzz-${++jobs}`, [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'g', currency: 'USD' } });
    expect(result.files[0]).toMatchObject({ encoding: 'gb18030', stats: { rows: rows.length, accepted: rows.length, rejected: 0 } });
    const ids = decodeDataset(await readChunks(db, result.datasetId)).orders.customerId;
    expect(ids.at(-1)).toBe('x'.repeat(filler.length) + '\ufffd0A');
    await deleteDataset(db, result.datasetId);
  });

  it('random bytes', async () => {
    for (const seed of fuzzCases(40, 'db-random')) {
      const r = rng(seed);
      const bytes = randomBytes(r, r.pick([64, 4096, 65_536]));
      await runCase(seed, 'random bytes', textFile(`random-${seed}.csv`, bytes), r);
    }
  });

  it('mutated real and inline files', async () => {
    for (const seed of fuzzCases(70, 'db-mutated')) {
      const r = rng(seed);
      const source = r.pick(seeds);
      // A prefix of the file (most cases small, some whole) keeps the run short.
      const lines = source.text.split('\n');
      let text = r.chance(0.1) && source.text.length < 300_000 ? source.text : lines.slice(0, r.size(2000) + 1).join('\n') + (r.chance(0.7) ? '\n' : '');
      if (r.chance(0.85)) text = mutateCsvText(text, r, { maxEdits: 4 });
      let bytes = encode(text, source.encoding);
      if (r.chance(0.4)) bytes = mutate(bytes, r, { tokens: CSV_TOKENS, maxEdits: 4 });
      await runCase(seed, `mutated ${source.name}`, textFile(source.name.split('/').pop()!, bytes), r);
    }
  });

  it('generated tables import exactly their valid rows', async () => {
    for (const seed of fuzzCases(40, 'db-tables')) {
      const r = rng(seed);
      const kind = r.pick<CsvKind>(['orders', 'customers', 'surveys']);
      const table = randomTable(r, kind);
      let encoding = r.pick<Encoding>(['utf8', 'utf8', 'gbk', 'utf16le', 'utf16be']);
      const text = tableCsv(table, r);
      // GBK bytes that are also valid UTF-8 ('元' is D4 AA, 'Ԫ' in UTF-8) cannot be told apart: write UTF-8 then
      const gbk = encode(text, 'gbk');
      if (encoding === 'gbk' && gbk.some((b) => b >= 0x80) && isUtf8(gbk)) encoding = 'utf8';
      await runCase(seed, `generated ${kind} (${encoding})`, textFile(`${kind}.csv`, encode(text, encoding)), r, { expected: table });
    }
  });

  it('big files: huge fields, long rows, breaks past the first slice, cancel mid-way', async () => {
    for (let shape = 0; shape < 6; shape++) for (const seed of fuzzCases(1, `db-big-${shape}`)) {
      const r = rng(seed);
      const table = randomTable(r, 'orders', 300);
      const rows = tableCsv(table, r, ',').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).slice(1).filter(Boolean);
      const header = 'customer_id,order_id,order_date,amount,quantity\n';
      const body = (bytes: number) => {
        const parts: string[] = [];
        for (let n = 0, k = 0; n < bytes; k++) {
          const line = rows.length ? rows[k % rows.length] : `C${k},SO${k},2024-01-01,1,1`;
          parts.push(line + '\n');
          n += line.length + 1;
        }
        return parts.join('');
      };
      let content: string | Uint8Array;
      let cancelAt: number | undefined;
      switch (shape) {
        case 0: // a field just over the limit
          content = header + body(1000) + `C1,SO1,2024-01-01,"${'x'.repeat(1_000_001)}",1\n` + body(1000);
          break;
        case 1: // a row over the limit
          content = header + body(1000) + 'C1,SO1,2024-01-01,1,1' + ',x'.repeat(2_000_001) + '\n';
          break;
        case 2: // a quote left open near the end of a 2.5 MB file
          content = header + body(2_500_000) + 'C1,SO1,2024-01-01,"12\n' + 'C2,SO2,2024-01-02,5,1\n'.repeat(r.int(50));
          break;
        case 3: // ASCII, then GBK text past the first slice
          content = new Uint8Array([...new TextEncoder().encode(header + body(2_200_000)), ...iconv.encode('C9,SO9,2024-01-01,5,1\n客户,SO10,2024-01-02,6,1\n', 'gbk')]);
          break;
        case 4: // mutations scattered over a 3 MB file
          content = mutate(new TextEncoder().encode(header + body(2_300_000)), r, { tokens: CSV_TOKENS, maxEdits: 8 });
          break;
        default: // cancelled after some slices
          content = header + body(5_000_000);
          cancelAt = r.pick([1, 2 * 1024 * 1024, 4 * 1024 * 1024]);
      }
      await runCase(seed, `big file ${shape}`, textFile(`big-${shape}.csv`, content), r, { asProposed: true, cancelAt });
    }
  });
});
