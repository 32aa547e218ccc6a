import { CsvTokenizer, emptyStats, ExistingOrders, missingFields, RowConverter, StreamDecoder } from '../../src/lib/domain/import';
import { GENDER_CODINGS } from '../../src/lib/domain/gender';
import {
  beginBatch, commitBatch, commitBatchWithMapping, decodeChunk, discardBatch, getDataset, listImports, newId, pseudonymKey,
  readChunks, toNotice, writeChunk, type BatchFile, type BatchRow, type DatasetRow, type ImportRecord, type WorkbenchDB,
} from '../../src/lib/db';
import { emptyTableCounts, Pseudonymiser, type TableColumnsByKind, type TableKind } from '../../src/lib/domain';
import type { ProgressCallback } from '../core/api';
import type { FileImportResult, ImportFile, ImportResult, ImportSettings, ImportTarget } from './api';
import { holdBatchLock } from '../core/locks';
import { yieldToEvents } from '../core/jobs';
import { fileSha256 } from './hash';
import { parquetColumns, workbookRows } from './tables';

/** Bytes read from the file at a time (also how often progress is reported and cancel checked). */
const SLICE_BYTES = 2 * 1024 * 1024;

/** A file of the request with what was decided for it before reading its rows. */
interface Planned extends ImportFile {
  sha256: string;
  outcome: FileImportResult['outcome'];
  earlier: ImportRecord[];
}

/**
 * Stream files into one pending batch and commit it once, so the import is all or nothing:
 * on any error, on cancel, or when the tab closes, the dataset stays exactly as before.
 * Into an existing dataset, a file whose content (SHA-256) was imported before is skipped,
 * replaces that earlier import in the same commit, or is imported again (`ifImported`); order
 * lines of orders the dataset already held are skipped unless `keepExistingOrders`.
 * With `target.pseudonymise`, customer ids that are phones or e-mails and customer names are
 * replaced by keyed hashes before anything is stored; a kept mapping is written with the commit.
 */
export async function importFiles(
  db: WorkbenchDB,
  files: ImportFile[],
  target: ImportTarget,
  checkpoint: () => void,
  onProgress?: ProgressCallback,
): Promise<ImportResult> {
  for (const { settings } of files) {
    const missing = missingFields(settings.kind, settings.mapping);
    if (missing.length) throw { code: 'import.missingColumns', params: { fields: missing.join(', ') } };
  }
  const existing = 'datasetId' in target ? await getDataset(db, target.datasetId) : undefined;
  if ('datasetId' in target && !existing) throw { code: 'error.notLoaded', params: { id: target.datasetId } };
  const datasetId = existing?.id ?? newId('ds');
  const planned = await plan(db, existing ? datasetId : null, files, checkpoint);
  const imported = planned.filter((p) => p.outcome !== 'skipped');
  if (imported.length === 0) {
    return { committed: false, datasetId: existing?.id ?? '', files: planned.map(skippedResult), replaced: [], reason: 'alreadyImported' };
  }
  const replaced = uniqueImports(planned.filter((p) => p.outcome === 'replaced').flatMap((p) => p.earlier));
  // counted even when kept (the result says how many lines were already there)
  const known = existing && existing.counts.orders > 0 && imported.some((p) => p.settings.kind === 'orders')
    ? await existingOrders(db, datasetId, new Set(replaced.map((r) => r.id)), checkpoint)
    : undefined;
  const pseudonymiser = target.pseudonymise ? new Pseudonymiser(await pseudonymKey(db)) : undefined;
  const lookup = known && storedOrderIds(known, pseudonymiser);
  const total = imported.reduce((n, f) => n + f.file.size, 0);
  let before = 0;
  let batch: BatchRow | undefined;
  try {
    batch = await beginBatch(db, datasetId, imported.map((f) => f.file.name).join(', ').slice(0, 500));
    const b = batch;
    b.files = imported.map((p): BatchFile => ({ name: p.file.name, size: p.file.size, kind: p.settings.kind, sha256: p.sha256 }));
    return await holdBatchLock(b.id, async () => {
      const byFile = new Map<Planned, FileImportResult>();
      for (const p of imported) {
        // 'anyway' asks for every row a second time: lines of orders already there are kept too
        const settings: ImportSettings = p.outcome === 'anyway' ? { ...p.settings, keepExistingOrders: true } : p.settings;
        const read = await importOne(
          db, b, p.file, settings, checkpoint, (done) => onProgress?.({ phase: 'importing', done: before + done, total }), pseudonymiser, lookup,
          `${b.id}-${imported.indexOf(p) + 1}-`,
        );
        byFile.set(p, { ...read, sha256: p.sha256, outcome: p.outcome, earlier: p.earlier });
        before += p.file.size;
      }
      const results = planned.map((p) => byFile.get(p) ?? skippedResult(p));
      checkpoint();
      const accepted = results.reduce((n, r) => n + r.stats.accepted, 0);
      // an earlier import is only ever replaced by rows: a replacing file of which no row could be read changes nothing
      const emptyReplacement = results.some((r) => r.outcome === 'replaced' && r.stats.accepted === 0);
      if (accepted === 0 || emptyReplacement) {
        await discardBatch(db, b.id);
        const nothingNew = results.some((r) => r.outcome === 'skipped' || r.stats.existingSkipped > 0);
        const reason = emptyReplacement ? 'replaceWithoutRows' : nothingNew ? 'nothingNew' : 'noRows';
        return { committed: false, datasetId: existing?.id ?? '', files: results, replaced: [], reason };
      }
      const removeBatches = replaced.map((r) => r.id);
      const now = Date.now();
      const dataset: DatasetRow | undefined = existing
        ? undefined
        : {
            id: datasetId,
            name: 'newDataset' in target ? target.newDataset.name.trim().slice(0, 120) || files[0].file.name : files[0].file.name,
            currency: 'newDataset' in target && /^[A-Z]{3}$/.test(target.newDataset.currency) ? target.newDataset.currency : 'XXX',
            origin: 'import',
            createdAt: now,
            updatedAt: now,
            counts: emptyTableCounts(),
          };
      if (!pseudonymiser) {
        await commitBatch(db, b, { dataset, removeBatches });
        return { committed: true, datasetId, files: results, replaced };
      }
      const marked: DatasetRow = { ...(dataset ?? existing!), pseudonymised: true };
      const keepMapping = target.pseudonymise?.keepMapping === true;
      if (keepMapping) await commitBatchWithMapping(db, b, pseudonymiser.mapping(), { dataset: marked, removeBatches });
      else await commitBatch(db, b, { dataset: marked, removeBatches });
      return {
        committed: true, datasetId, files: results, replaced,
        pseudonymised: { ids: pseudonymiser.idsReplaced, names: pseudonymiser.namesReplaced, keptMapping: keepMapping },
      };
    });
  } catch (error) {
    if (batch && batch.status === 'pending') await discardBatch(db, batch.id).catch(() => undefined);
    throw toNotice(error);
  }
}

/**
 * Hash every file and decide, before any row is read, what happens to it: into an existing
 * dataset, a file whose content was imported before follows its `ifImported` choice, and so
 * does a file repeating an earlier file of the same request (which cannot be replaced: skipped).
 */
async function plan(db: WorkbenchDB, datasetId: string | null, files: ImportFile[], checkpoint: () => void): Promise<Planned[]> {
  const imports = datasetId ? await listImports(db, datasetId) : [];
  const seen = new Set<string>();
  const out: Planned[] = [];
  for (const f of files) {
    checkpoint();
    const sha256 = await fileSha256(f.file, checkpoint);
    const earlier = imports.filter((r) => r.files.some((x) => x.sha256 === sha256));
    const choice = f.ifImported ?? 'skip';
    const again = seen.has(sha256);
    seen.add(sha256);
    let outcome: Planned['outcome'] = 'imported';
    if (earlier.length || again) {
      if (choice === 'anyway') outcome = 'anyway';
      else if (choice === 'replace' && earlier.length && !again) outcome = 'replaced';
      else outcome = 'skipped';
    }
    out.push({ ...f, sha256, outcome, earlier });
  }
  return out;
}

function skippedResult(p: Planned): FileImportResult {
  return {
    fileName: p.file.name, kind: p.settings.kind, encoding: p.settings.encoding, stats: emptyStats(), rejects: [], columnNames: p.settings.columnNames,
    sha256: p.sha256, outcome: 'skipped', earlier: p.earlier,
  };
}

function uniqueImports(list: ImportRecord[]): ImportRecord[] {
  return [...new Map(list.map((r) => [r.id, r])).values()];
}

/** The order lines the dataset holds, leaving out the imports about to be replaced. */
async function existingOrders(db: WorkbenchDB, datasetId: string, except: ReadonlySet<string>, checkpoint: () => void): Promise<ExistingOrders> {
  const known = new ExistingOrders();
  for (const chunk of await readChunks(db, datasetId, { kind: 'orders', except })) {
    checkpoint();
    const orders = decodeChunk('orders', chunk.layout, chunk.bytes);
    known.add(orders.orderId, orders.isReturn);
  }
  return known;
}

/**
 * Lines are compared with stored order ids. Pseudonymised, an order without an order id is
 * stored as `pseudonym|day` (Pseudonymiser.table), so the file's `customer|day` is compared in that form.
 */
function storedOrderIds(known: ExistingOrders, pseudonymiser: Pseudonymiser | undefined) {
  if (!pseudonymiser) return known;
  return {
    has(orderId: string, isReturn: boolean, customerId: string): boolean {
      if (orderId.charCodeAt(customerId.length) !== 124 /* | */ || !orderId.startsWith(customerId)) return known.has(orderId, isReturn);
      const stored = pseudonymiser.id(customerId);
      return known.has(stored === customerId ? orderId : stored + orderId.slice(customerId.length), isReturn);
    },
  };
}

async function importOne(
  db: WorkbenchDB, batch: BatchRow, file: File, settings: ImportSettings, checkpoint: () => void, progress: (bytes: number) => void,
  pseudonymiser?: Pseudonymiser, existing?: { has(orderId: string, isReturn: boolean, customerId: string): boolean },
  /** Feedback entries without a ticket number get this prefix and their line as id (unique in the dataset). */
  idPrefix?: string,
): Promise<Omit<FileImportResult, 'sha256' | 'outcome' | 'earlier'>> {
  const decoder = new StreamDecoder(settings.encoding);
  const tokenizer = new CsvTokenizer({ delimiter: settings.delimiter });
  // a Parquet file's footer first: its row count sizes the converter's sets
  const parquet = settings.format === 'parquet' ? await parquetColumns(file) : undefined;
  const converter = new RowConverter({
    kind: settings.kind, mapping: settings.mapping, columnNames: settings.columnNames, dateOrder: settings.dateOrder,
    dropDuplicates: settings.dropDuplicates, existing: settings.kind === 'orders' ? existing : undefined,
    keepExisting: settings.keepExistingOrders === true,
    genderCoding: settings.kind === 'customers' && settings.genderCoding && Object.hasOwn(GENDER_CODINGS, settings.genderCoding) ? settings.genderCoding : undefined,
    expectedRows: parquet?.total, idPrefix,
  });
  let skipHeader = settings.hasHeader;
  const onRow = (fields: string[], line: number) => {
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    converter.accept(fields, line);
  };
  const kind = settings.kind as TableKind;
  // pseudonymised before it is stored: no original id or name is ever written
  const write = (chunk: TableColumnsByKind[TableKind]) =>
    writeChunk(db, batch, kind, (pseudonymiser ? pseudonymiser.table(kind, chunk) : chunk) as never);
  // A flush's chunks are written one after another while the next rows are read (a write mostly
  // waits on the database); the next flush waits for them first, so one batch at most is behind.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (all: boolean) => {
    await writing;
    const chunks = converter.takeFull();
    if (all && converter.pending > 0) chunks.push(converter.take());
    if (chunks.length === 0) return;
    writing = (async () => {
      for (const chunk of chunks) await write(chunk as never);
    })();
    writing.catch(() => undefined); // seen by the next flush, or by the end of the file
    if (all) await writing;
  };
  const fail = () => {
    const e = tokenizer.error;
    if (e) throw { code: e.code, params: { line: e.line, file: file.name } };
  };
  try {
    return await readRows();
  } finally {
    // nothing is left writing when the batch is committed or discarded
    await writing.catch(() => undefined);
  }

  async function readRows(): Promise<Omit<FileImportResult, 'sha256' | 'outcome' | 'earlier'>> {
    if (settings.format) {
      // a workbook's sheet (its rows as text) or a Parquet file (a row group's typed columns), through the same converter
      checkpoint();
      const table = parquet ?? await workbookRows(file, settings.sheet);
      let done = 0;
      for await (const batch of table.batches()) {
        checkpoint();
        if (Array.isArray(batch)) {
          for (const r of batch) onRow(r.fields, r.line);
          done += batch.length;
        } else {
          converter.acceptColumns(batch);
          done += batch.count;
        }
        await flush(false);
        progress(Math.round(file.size * Math.min(1, done / Math.max(1, table.total))));
        await yieldToEvents();
      }
      await flush(true);
      return { fileName: file.name, kind: settings.kind, encoding: settings.encoding, stats: { ...converter.stats }, rejects: converter.rejects, columnNames: settings.columnNames };
    }
    for (let pos = 0; pos < file.size; pos += SLICE_BYTES) {
      checkpoint();
      const bytes = new Uint8Array(await file.slice(pos, pos + SLICE_BYTES).arrayBuffer());
      tokenizer.push(decoder.decode(bytes), onRow);
      fail();
      await flush(false);
      progress(Math.min(file.size, pos + SLICE_BYTES));
      await yieldToEvents();
    }
    tokenizer.push(decoder.decode(), onRow);
    tokenizer.finish(onRow);
    fail();
    await flush(true);
    return { fileName: file.name, kind: settings.kind, encoding: decoder.encoding, stats: { ...converter.stats }, rejects: converter.rejects, columnNames: settings.columnNames };
  }
}
