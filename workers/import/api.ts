/** Importing files: a first look at a file, and the streamed, all-or-nothing import. */
import type { Notice } from '../../src/lib/domain';
import type { GenderCoding } from '../../src/lib/domain/gender';
import type { ConvertStats, DateOrder, Delimiter, ImportKind, Reject, TextEncodingName } from '../../src/lib/domain/import';
import { listImports, removeImport, toNotice, type DatasetRow, type ImportRecord } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import type { ProgressCallback } from '../core/api';
import { fileSha256 } from './hash';
import { previewFile } from './preview';
import { importFiles } from './run';
import type { TableFormat } from './tables';

/** What the user may override when previewing a file. */
export interface PreviewOverrides {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  kind?: ImportKind;
  /** A workbook's sheet to read (default: the one that holds a table). */
  sheet?: string;
}

/** First look at a file: how it will be read, and its first rows. */
export interface FilePreview {
  fileName: string;
  size: number;
  encoding: TextEncodingName | null;
  /** Why that encoding: 'bom', 'utf8-valid', 'ascii', 'fallback', 'user', or 'table' (a workbook or Parquet file has none to choose). */
  encodingReason: string;
  /** A workbook or a Parquet file (read as tables, not as text); absent for text files. */
  format?: TableFormat;
  /** A workbook's sheets and the one read. */
  sheets?: string[];
  sheet?: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  columnNames: string[];
  /** First data rows, as text. */
  rows: string[][];
  kind: ImportKind;
  mapping: Record<string, number | null>;
  dateOrder: DateOrder;
  dateAmbiguous: boolean;
  /** Stable key of the header, for remembering the user's mapping. */
  signature: string;
  /** The file has no header: the mapping was guessed from the columns' content, for the user to check. */
  guessed?: boolean;
  /** Problems that stop the import (empty, binary, no data rows, missing columns…). */
  problems: Notice[];
}

/** How to read one file, as confirmed by the user. */
export interface ImportSettings {
  kind: ImportKind;
  /** A workbook or Parquet file (as the preview found); absent for text. */
  format?: TableFormat;
  /** The workbook's sheet to read. */
  sheet?: string;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  columnNames: string[];
  mapping: Record<string, number | null>;
  dateOrder: DateOrder;
  dropDuplicates: boolean;
  /**
   * Orders files: also import lines of orders that were already in the dataset before this
   * import (by default they are skipped and counted; lines of one order within the file are all kept).
   */
  keepExistingOrders?: boolean;
  /** Customers files: what 1 / 2 (or 0 / 1) in the gender column mean, as the user declared it; unset, they are kept as they are. */
  genderCoding?: GenderCoding;
}

/**
 * What to do with a file whose content (SHA-256) was already imported into the target dataset:
 * leave it out ('skip', the default), remove that earlier import and import this file instead in
 * the same commit ('replace'), or import all its rows a second time ('anyway').
 */
export type RepeatChoice = 'skip' | 'replace' | 'anyway';

/** One file of an import request. */
export interface ImportFile {
  file: File;
  settings: ImportSettings;
  /** When its content was imported into the dataset before (default 'skip'). */
  ifImported?: RepeatChoice;
}

/** Replace personal data by keyed hashes while importing (DESIGN.md → Import; domain/privacy/pseudonym.ts). */
export interface PseudonymiseOptions {
  /** Keep the mapping pseudonym → identity on this device (settings `pseudonym.map:<datasetId>`). */
  keepMapping: boolean;
}

/** Where the rows go: an existing dataset, or a new one; optionally pseudonymised. */
export type ImportTarget = (
  | { datasetId: string }
  | { newDataset: { name: string; currency: string } }
) & { pseudonymise?: PseudonymiseOptions };

export interface FileImportResult {
  fileName: string;
  kind: ImportKind;
  /** Encoding the file was read with (UTF-8 may have switched to GB18030 past the preview). */
  encoding: TextEncodingName;
  stats: ConvertStats;
  /** Rejected rows in detail (capped; stats.rejected has the full count). */
  rejects: Reject[];
  /** The file's column names as read (header, or #1, #2 …): the rejected rows' columns. */
  columnNames: string[];
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  /**
   * 'imported'; 'skipped': its content was imported before (or earlier in this request) and it
   * was left out; 'replaced': the earlier import was removed and this file imported instead;
   * 'anyway': imported a second time as asked.
   */
  outcome: 'imported' | 'skipped' | 'replaced' | 'anyway';
  /** The earlier imports of the same content into the dataset, when there were any. */
  earlier: ImportRecord[];
}

export interface ImportResult {
  /** False when nothing was stored (`reason` says why). */
  committed: boolean;
  /**
   * Why nothing was stored: every file was imported before and skipped ('alreadyImported'); no
   * row was new, the others being skipped or rejected ('nothingNew'); no row could be read
   * ('noRows'); a file meant to replace an earlier import had no row to replace it with
   * ('replaceWithoutRows': the earlier import is kept).
   */
  reason?: 'alreadyImported' | 'nothingNew' | 'noRows' | 'replaceWithoutRows';
  datasetId: string;
  files: FileImportResult[];
  /** Earlier imports removed in the same commit (files imported with 'replace'). */
  replaced: ImportRecord[];
  /** With pseudonymisation: distinct customer ids and names replaced, and whether the mapping was kept. */
  pseudonymised?: { ids: number; names: number; keptMapping: boolean };
}

/** A dataset after one of its imports was removed. */
export interface RemovedImport {
  dataset: DatasetRow;
  /** No import is left: the dataset is empty. */
  empty: boolean;
}

export interface ImportApi {
  preview(file: File, overrides?: PreviewOverrides): Promise<FilePreview>;
  /** SHA-256 of a file's bytes (hex), to tell before importing whether it was imported already. */
  hashFile(file: File): Promise<string>;
  importFiles(jobId: string, files: ImportFile[], target: ImportTarget, onProgress?: ProgressCallback): Promise<ImportResult>;
  /** Remove one import of a dataset (its batch, chunks and counts) in one transaction. */
  removeImport(datasetId: string, batchId: string): Promise<RemovedImport>;
}

export function importApi(ctx: EngineContext): ImportApi {
  return {
    async preview(file, overrides) {
      return previewFile(file, overrides);
    },

    async hashFile(file) {
      return fileSha256(file);
    },

    importFiles(jobId, files, target, onProgress) {
      return ctx.run(jobId, async (checkpoint) => {
        const result = await importFiles(ctx.db, files, target, checkpoint, onProgress);
        if (result.committed) ctx.invalidate(result.datasetId);
        return result;
      });
    },

    async removeImport(datasetId, batchId) {
      try {
        const dataset = await removeImport(ctx.db, datasetId, batchId);
        return { dataset, empty: (await listImports(ctx.db, datasetId)).length === 0 };
      } catch (error) {
        throw toNotice(error);
      } finally {
        ctx.invalidate(datasetId);
      }
    },
  };
}
