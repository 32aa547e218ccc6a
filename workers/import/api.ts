/** Importing files: a first look at a file, and the streamed, all-or-nothing import. */
import type { Notice } from '../../src/lib/domain';
import type { ConvertStats, DateOrder, Delimiter, ImportKind, Reject, TextEncodingName } from '../../src/lib/domain/import';
import type { EngineContext } from '../core/context';
import type { ProgressCallback } from '../core/api';
import { previewFile } from './preview';
import { importFiles } from './run';

/** What the user may override when previewing a file. */
export interface PreviewOverrides {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  kind?: ImportKind;
}

/** First look at a file: how it will be read, and its first rows. */
export interface FilePreview {
  fileName: string;
  size: number;
  encoding: TextEncodingName | null;
  /** Why that encoding: 'bom', 'utf8-valid', 'ascii', 'fallback', or 'user'. */
  encodingReason: string;
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
  /** Problems that stop the import (empty, binary, no data rows, missing columns…). */
  problems: Notice[];
}

/** How to read one file, as confirmed by the user. */
export interface ImportSettings {
  kind: ImportKind;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  columnNames: string[];
  mapping: Record<string, number | null>;
  dateOrder: DateOrder;
  dropDuplicates: boolean;
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
}

export interface ImportResult {
  /** False when no row could be imported: nothing was stored. */
  committed: boolean;
  datasetId: string;
  files: FileImportResult[];
  /** With pseudonymisation: distinct customer ids and names replaced, and whether the mapping was kept. */
  pseudonymised?: { ids: number; names: number; keptMapping: boolean };
}

export interface ImportApi {
  preview(file: File, overrides?: PreviewOverrides): Promise<FilePreview>;
  importFiles(
    jobId: string, files: { file: File; settings: ImportSettings }[], target: ImportTarget, onProgress?: ProgressCallback,
  ): Promise<ImportResult>;
}

export function importApi(ctx: EngineContext): ImportApi {
  return {
    async preview(file, overrides) {
      return previewFile(file, overrides);
    },

    importFiles(jobId, files, target, onProgress) {
      return ctx.run(jobId, async (checkpoint) => {
        const result = await importFiles(ctx.db, files, target, checkpoint, onProgress);
        if (result.committed) ctx.invalidate(result.datasetId);
        return result;
      });
    },
  };
}
