/**
 * The import flow's state: files picked, their previews and settings (encoding, delimiter,
 * mapping, date order), the target dataset, and the result with its rejects.
 */
import type { Notice } from '../domain/types';
import { missingFields, toCsv, type DateOrder, type ImportKind } from '../domain/import';
import { getSetting, setSetting, toNotice } from '../db';
import type { FilePreview, ImportResult, ImportSettings, ImportTarget, PreviewOverrides } from '../../../workers/api';
import type { DatasetsContext } from './context';

export interface PendingFile {
  key: string;
  file: File;
  preview: FilePreview;
  settings: ImportSettings;
}

export type TargetChoice = 'current' | 'new';

let nextKey = 0;

function settingsFrom(preview: FilePreview, previous?: ImportSettings): ImportSettings {
  return {
    kind: preview.kind,
    encoding: preview.encoding ?? 'utf-8',
    delimiter: preview.delimiter,
    hasHeader: preview.hasHeader,
    columnNames: preview.columnNames,
    mapping: { ...preview.mapping },
    dateOrder: preview.dateOrder,
    dropDuplicates: previous?.dropDuplicates ?? false,
  };
}

export class Importer {
  #ctx: DatasetsContext;
  #files = $state.raw<PendingFile[]>([]);
  #target = $state<TargetChoice>('new');
  #newName = $state('');
  #currency = $state('CNY');
  #result = $state.raw<ImportResult | null>(null);
  #error = $state.raw<Notice | null>(null);
  #reading = $state(false);
  /** The user's choice; null until they make one (then a pseudonymised target dataset decides). */
  #pseudonymise = $state<boolean | null>(null);
  #keepMapping = $state(true);

  constructor(ctx: DatasetsContext) {
    this.#ctx = ctx;
  }

  get files(): PendingFile[] { return this.#files; }
  get result(): ImportResult | null { return this.#result; }
  get error(): Notice | null { return this.#error; }
  get reading(): boolean { return this.#reading; }
  get target(): TargetChoice { return this.#ctx.current ? this.#target : 'new'; }
  set target(v: TargetChoice) { this.#target = v; }
  get newName(): string { return this.#newName; }
  set newName(v: string) { this.#newName = v; }
  get currency(): string { return this.#currency; }
  set currency(v: string) { this.#currency = v; }
  /** Replace phones, e-mails and names by keyed hashes in every file of the import (off by default). */
  /** Pseudonymise this import: by default, exactly when adding to a dataset that was pseudonymised. */
  get pseudonymise(): boolean { return this.#pseudonymise ?? this.#targetPseudonymised; }
  set pseudonymise(v: boolean) { this.#pseudonymise = v; }
  /** Real identities would be added to a pseudonymised dataset: the view warns. */
  get mixesIdentities(): boolean { return this.#targetPseudonymised && !this.pseudonymise; }
  get #targetPseudonymised(): boolean { return this.target === 'current' && this.#ctx.current?.pseudonymised === true; }
  /** With pseudonymise: keep the mapping pseudonym → identity on this device (else it is not stored). */
  get keepMapping(): boolean { return this.#keepMapping; }
  set keepMapping(v: boolean) { this.#keepMapping = v; }

  /** Problems that block the import of one file (preview problems, then missing columns). */
  problems(f: PendingFile): Notice[] {
    const own = f.preview.problems.filter((p) => p.code !== 'import.missingColumns');
    const missing = missingFields(f.settings.kind, f.settings.mapping);
    return missing.length ? [...own, { code: 'import.missingColumns', params: { fields: missing.join(', ') } }] : own;
  }

  get ready(): boolean {
    return this.#files.length > 0 && this.#files.every((f) => this.problems(f).length === 0) && !this.#ctx.engine.job;
  }

  /** Preview newly picked files. */
  async add(files: File[]): Promise<void> {
    this.#error = null;
    this.#result = null;
    this.#reading = true;
    try {
      for (const file of files) {
        const preview = await this.#ctx.engine.api.preview(file);
        const pending: PendingFile = { key: `f${++nextKey}`, file, preview, settings: settingsFrom(preview) };
        await this.#remembered(pending);
        this.#files = [...this.#files, pending];
        if (!this.#newName) this.#newName = file.name.replace(/\.[^.]+$/, '');
      }
    } catch (error) {
      this.#error = toNotice(error);
    } finally {
      this.#reading = false;
    }
  }

  /** Read a file again with the user's encoding, delimiter, header or kind choice. */
  async reread(key: string, overrides: PreviewOverrides): Promise<void> {
    const f = this.#files.find((x) => x.key === key);
    if (!f) return;
    const current: PreviewOverrides = {
      encoding: f.settings.encoding, delimiter: f.settings.delimiter, hasHeader: f.settings.hasHeader, kind: f.settings.kind,
    };
    try {
      const preview = await this.#ctx.engine.api.preview(f.file, { ...current, ...overrides });
      const next: PendingFile = { ...f, preview, settings: settingsFrom(preview, f.settings) };
      await this.#remembered(next);
      this.#replace(next);
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  setMapping(key: string, field: string, column: number | null): void {
    this.#update(key, (s) => {
      const mapping = { ...s.mapping };
      // a column feeds one field: taking it elsewhere frees it here
      if (column !== null) for (const [k, v] of Object.entries(mapping)) if (v === column) mapping[k] = null;
      mapping[field] = column;
      return { ...s, mapping };
    });
  }

  setDateOrder(key: string, dateOrder: DateOrder): void {
    this.#update(key, (s) => ({ ...s, dateOrder }));
  }

  setDropDuplicates(key: string, dropDuplicates: boolean): void {
    this.#update(key, (s) => ({ ...s, dropDuplicates }));
  }

  async setKind(key: string, kind: ImportKind): Promise<void> {
    await this.reread(key, { kind });
  }

  remove(key: string): void {
    this.#files = this.#files.filter((f) => f.key !== key);
  }

  clear(): void {
    this.#files = [];
    this.#result = null;
    this.#error = null;
    this.#newName = '';
  }

  /** Import every file in one all-or-nothing batch, then open the dataset. */
  async run(): Promise<void> {
    if (!this.ready) return;
    this.#error = null;
    const current = this.#ctx.current;
    const where: ImportTarget =
      this.target === 'current' && current
        ? { datasetId: current.id }
        : { newDataset: { name: this.#newName || this.#files[0].file.name, currency: this.#currency } };
    const target: ImportTarget = this.pseudonymise ? { ...where, pseudonymise: { keepMapping: this.#keepMapping } } : where;
    try {
      const result = await this.#ctx.engine.run('job.importing', (jobId, onProgress) =>
        this.#ctx.engine.api.importFiles(jobId, this.#files.map((f) => ({ file: f.file, settings: f.settings })), target, onProgress),
      );
      this.#result = result;
      if (result.committed) {
        for (const f of this.#files) {
          if (f.preview.signature) await setSetting(this.#ctx.db, `mapping:${f.preview.signature}`, f.settings.mapping);
        }
        const label = this.#files.map((f) => f.file.name).join(', ').slice(0, 120);
        this.#files = [];
        await this.#ctx.select(result.datasetId);
        // a dated snapshot of the default RFM segments at each import, for later migration views
        await this.#ctx.engine.api.snapshotAfterImport(result.datasetId, label).catch(() => undefined);
      }
    } catch (error) {
      const notice = toNotice(error);
      this.#error = notice;
    }
  }

  /** The rejected rows of one imported file as CSV text (safe to open in Excel). */
  rejectsCsv(index: number, words: { line: string; column: string; value: string; reason: string }, reason: (code: string) => string): string {
    const file = this.#result?.files[index];
    if (!file) return '';
    return toCsv(
      [words.line, words.column, words.value, words.reason],
      file.rejects.map((r) => [r.line, r.column, r.value, reason(r.reason)]),
    );
  }

  async #remembered(f: PendingFile): Promise<void> {
    if (!f.preview.signature) return;
    const saved = await getSetting<Record<string, number | null> | null>(this.#ctx.db, `mapping:${f.preview.signature}`, null);
    if (!saved) return;
    const width = f.settings.columnNames.length;
    const valid = Object.entries(saved).filter(([, c]) => c === null || (Number.isInteger(c) && c >= 0 && c < width));
    f.settings = { ...f.settings, mapping: { ...f.settings.mapping, ...Object.fromEntries(valid) } };
  }

  #update(key: string, change: (s: ImportSettings) => ImportSettings): void {
    const f = this.#files.find((x) => x.key === key);
    if (f) this.#replace({ ...f, settings: change(f.settings) });
  }

  #replace(next: PendingFile): void {
    this.#files = this.#files.map((x) => (x.key === next.key ? next : x));
  }
}
