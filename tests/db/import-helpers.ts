import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineApi, FilePreview, ImportSettings, ImportTarget } from '../../workers/api';

/** A file from ../shared/data (read at run time, never copied into the project). */
export function sharedFile(relative: string): File {
  const path = fileURLToPath(new URL(`../../../shared/data/${relative}`, import.meta.url));
  return new File([readFileSync(path)], relative.split('/').pop()!);
}

export function textFile(name: string, content: string | Uint8Array): File {
  return new File([content as BlobPart], name);
}

/** Settings as the UI builds them from a preview (nothing changed by the user). */
export function settingsOf(p: FilePreview, overrides: Partial<ImportSettings> = {}): ImportSettings {
  return {
    kind: p.kind, encoding: p.encoding ?? 'utf-8', delimiter: p.delimiter, hasHeader: p.hasHeader, columnNames: p.columnNames,
    mapping: p.mapping, dateOrder: p.dateOrder, dropDuplicates: false, ...(p.format ? { format: p.format, sheet: p.sheet } : {}), ...overrides,
  };
}

let job = 0;

/** Preview then import one file the way a user accepting the proposal would. */
export async function importOne(
  engine: EngineApi, file: File, target: ImportTarget = { newDataset: { name: file.name, currency: 'USD' } },
  overrides: Partial<ImportSettings> = {},
) {
  const preview = await engine.preview(file);
  return engine.importFiles(`import-${++job}`, [{ file, settings: settingsOf(preview, overrides) }], target);
}
