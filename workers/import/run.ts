import { CsvTokenizer, missingFields, RowConverter, StreamDecoder } from '../../src/lib/domain/import';
import {
  beginBatch, commitBatch, commitBatchWithMapping, discardBatch, getDataset, newId, pseudonymKey, toNotice, writeChunk,
  type BatchRow, type DatasetRow, type WorkbenchDB,
} from '../../src/lib/db';
import { Pseudonymiser, type TableColumnsByKind, type TableKind } from '../../src/lib/domain';
import type { ProgressCallback } from '../core/api';
import type { FileImportResult, ImportResult, ImportSettings, ImportTarget } from './api';
import { holdBatchLock } from '../core/locks';
import { yieldToEvents } from '../core/jobs';

/** Bytes read from the file at a time (also how often progress is reported and cancel checked). */
const SLICE_BYTES = 2 * 1024 * 1024;

/**
 * Stream files into one pending batch and commit it once, so the import is all or nothing:
 * on any error, on cancel, or when the tab closes, the dataset stays exactly as before.
 * With `target.pseudonymise`, customer ids that are phones or e-mails and customer names are
 * replaced by keyed hashes before anything is stored; a kept mapping is written with the commit.
 */
export async function importFiles(
  db: WorkbenchDB,
  files: { file: File; settings: ImportSettings }[],
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
  const pseudonymiser = target.pseudonymise ? new Pseudonymiser(await pseudonymKey(db)) : undefined;
  const total = files.reduce((n, f) => n + f.file.size, 0);
  let before = 0;
  let batch: BatchRow | undefined;
  try {
    batch = await beginBatch(db, datasetId, files.map((f) => f.file.name).join(', ').slice(0, 500));
    const b = batch;
    return await holdBatchLock(b.id, async () => {
      const results: FileImportResult[] = [];
      for (const { file, settings } of files) {
        results.push(await importOne(
          db, b, file, settings, checkpoint, (done) => onProgress?.({ phase: 'importing', done: before + done, total }), pseudonymiser,
        ));
        before += file.size;
      }
      checkpoint();
      const accepted = results.reduce((n, r) => n + r.stats.accepted, 0);
      if (accepted === 0) {
        await discardBatch(db, b.id);
        return { committed: false, datasetId: existing?.id ?? '', files: results };
      }
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
            counts: { customers: 0, orders: 0, surveys: 0, interactions: 0 },
          };
      if (!pseudonymiser) {
        await commitBatch(db, b, { dataset });
        return { committed: true, datasetId, files: results };
      }
      const marked: DatasetRow = { ...(dataset ?? existing!), pseudonymised: true };
      const keepMapping = target.pseudonymise?.keepMapping === true;
      if (keepMapping) await commitBatchWithMapping(db, b, pseudonymiser.mapping(), { dataset: marked });
      else await commitBatch(db, b, { dataset: marked });
      return {
        committed: true, datasetId, files: results,
        pseudonymised: { ids: pseudonymiser.idsReplaced, names: pseudonymiser.namesReplaced, keptMapping: keepMapping },
      };
    });
  } catch (error) {
    if (batch && batch.status === 'pending') await discardBatch(db, batch.id).catch(() => undefined);
    throw toNotice(error);
  }
}

async function importOne(
  db: WorkbenchDB, batch: BatchRow, file: File, settings: ImportSettings, checkpoint: () => void, progress: (bytes: number) => void,
  pseudonymiser?: Pseudonymiser,
): Promise<FileImportResult> {
  const decoder = new StreamDecoder(settings.encoding);
  const tokenizer = new CsvTokenizer({ delimiter: settings.delimiter });
  const converter = new RowConverter({
    kind: settings.kind, mapping: settings.mapping, columnNames: settings.columnNames, dateOrder: settings.dateOrder,
    dropDuplicates: settings.dropDuplicates,
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
  const flush = async (all: boolean) => {
    for (const chunk of converter.takeFull()) await write(chunk as never);
    if (all && converter.pending > 0) await write(converter.take() as never);
  };
  const fail = () => {
    const e = tokenizer.error;
    if (e) throw { code: e.code, params: { line: e.line, file: file.name } };
  };
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
  return { fileName: file.name, kind: settings.kind, encoding: decoder.encoding, stats: { ...converter.stats }, rejects: converter.rejects };
}
