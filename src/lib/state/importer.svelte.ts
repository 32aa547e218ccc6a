/**
 * The import flow's state: files picked, their previews and settings (encoding, delimiter,
 * mapping, date order), the target dataset, and the result with its rejects. Each file's content
 * hash tells, before the import runs, whether it was imported into the target dataset already
 * (the user then chooses to skip it, replace that import, or import it anyway).
 */
import type { Notice } from '../domain/types';
import { missingFields, rejectsCsv, type DateOrder, type ImportKind } from '../domain/import';
import type { GenderCoding } from '../domain/gender';
import { getSetting, listAllImports, setSetting, toNotice, type DatasetRow, type ImportRecord } from '../db';
import type { FilePreview, ImportResult, ImportSettings, ImportTarget, PreviewOverrides, RepeatChoice } from '../../../workers/api';
import type { DatasetsContext } from './context';

export interface PendingFile {
  key: string;
  file: File;
  preview: FilePreview;
  settings: ImportSettings;
  /** SHA-256 of the file's bytes; null while it is being computed. */
  sha256: string | null;
  /** What to do if the target dataset already holds an import of this content (default 'skip'). */
  ifImported: RepeatChoice;
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
    keepExistingOrders: previous?.keepExistingOrders ?? false,
    genderCoding: previous?.genderCoding,
    ...(preview.format ? { format: preview.format, sheet: preview.sheet } : {}),
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
  /** The imports of every dataset, to recognise files imported before. */
  #imports = $state.raw<Readonly<Record<string, ImportRecord[]>>>({});
  #importsRequest = 0;

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
    return this.#files.length > 0 && this.#files.every((f) => this.problems(f).length === 0 && f.sha256 !== null)
      && !this.allSkipped && !this.#ctx.engine.job;
  }

  /** The import goes into the current dataset (the one files are compared with). */
  get #intoCurrent(): DatasetRow | null {
    return this.target === 'current' ? this.#ctx.current : null;
  }

  /** The existing dataset the files go into; null for a new dataset. */
  get targetDataset(): DatasetRow | null {
    return this.#intoCurrent;
  }

  /** Earlier imports of this file's content into the target dataset, oldest first (none for a new dataset). */
  earlier(f: PendingFile): ImportRecord[] {
    const into = this.#intoCurrent;
    if (!into || f.sha256 === null) return [];
    return (this.#imports[into.id] ?? []).filter((r) => r.files.some((x) => x.sha256 === f.sha256));
  }

  /** With a new dataset as target: an existing dataset that already holds this file (the newest import), if any. */
  elsewhere(f: PendingFile): { dataset: DatasetRow; record: ImportRecord } | null {
    if (this.#intoCurrent || f.sha256 === null) return null;
    let found: { dataset: DatasetRow; record: ImportRecord } | null = null;
    for (const dataset of this.#ctx.datasets) {
      for (const record of this.#imports[dataset.id] ?? []) {
        if (record.files.some((x) => x.sha256 === f.sha256) && (!found || record.importedAt > found.record.importedAt)) found = { dataset, record };
      }
    }
    return found;
  }

  /** An earlier file of this list with the same content (it is imported once). */
  sameAs(f: PendingFile): PendingFile | null {
    if (f.sha256 === null) return null;
    const i = this.#files.findIndex((x) => x.key === f.key);
    return this.#files.slice(0, Math.max(0, i)).find((x) => x.sha256 === f.sha256) ?? null;
  }

  /** The file would be left out: imported before and set to skip, or a copy of a file above. */
  skipped(f: PendingFile): boolean {
    return (this.earlier(f).length > 0 && f.ifImported === 'skip') || (this.sameAs(f) !== null && f.ifImported !== 'anyway');
  }

  /** Every file would be left out: there is nothing to import. */
  get allSkipped(): boolean {
    return this.#files.length > 0 && this.#files.every((f) => this.skipped(f));
  }

  /** Lines of orders already in the dataset are compared (an orders file into the current dataset). */
  checksExistingOrders(f: PendingFile): boolean {
    return f.settings.kind === 'orders' && this.#intoCurrent !== null && !this.skipped(f) && f.ifImported !== 'anyway';
  }

  /** Read again which imports every dataset holds (after an import, a removal, another dataset). */
  async loadImports(): Promise<void> {
    const request = ++this.#importsRequest;
    try {
      const all = await listAllImports(this.#ctx.db);
      if (request === this.#importsRequest) this.#imports = all;
    } catch (error) {
      if (request === this.#importsRequest) this.#error = toNotice(error);
    }
  }

  /** Preview newly picked files. */
  async add(files: File[]): Promise<void> {
    this.#error = null;
    this.#result = null;
    this.#reading = true;
    try {
      const added: PendingFile[] = [];
      for (const file of files) {
        const preview = await this.#ctx.engine.api.preview(file);
        const pending: PendingFile = { key: `f${++nextKey}`, file, preview, settings: settingsFrom(preview), sha256: null, ifImported: 'skip' };
        await this.#remembered(pending);
        this.#files = [...this.#files, pending];
        added.push(pending);
        if (!this.#newName) this.#newName = file.name.replace(/\.[^.]+$/, '');
      }
      await this.loadImports();
      for (const pending of added) {
        const sha256 = await this.#ctx.engine.api.hashFile(pending.file);
        const now = this.#files.find((x) => x.key === pending.key);
        if (now) this.#replace({ ...now, sha256 });
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
      encoding: f.settings.encoding, delimiter: f.settings.delimiter, hasHeader: f.settings.hasHeader, kind: f.settings.kind, sheet: f.settings.sheet,
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

  /** Import lines of orders that the dataset already holds, too (default: skip them). */
  setKeepExistingOrders(key: string, keepExistingOrders: boolean): void {
    this.#update(key, (s) => ({ ...s, keepExistingOrders }));
  }

  /** What 1 / 2 (or 0 / 1) mean in a customers file's gender column (undefined: keep them as they are). */
  setGenderCoding(key: string, genderCoding: GenderCoding | undefined): void {
    this.#update(key, (s) => ({ ...s, genderCoding }));
  }

  /** What to do with a file imported before: skip it, replace that import, or import it anyway. */
  setIfImported(key: string, ifImported: RepeatChoice): void {
    const f = this.#files.find((x) => x.key === key);
    if (f) this.#replace({ ...f, ifImported });
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
        this.#ctx.engine.api.importFiles(
          jobId, this.#files.map((f) => ({ file: f.file, settings: f.settings, ifImported: f.ifImported })), target, onProgress,
        ),
      );
      this.#result = result;
      if (result.committed) {
        for (const f of this.#files) {
          if (f.preview.signature) await setSetting(this.#ctx.db, `mapping:${f.preview.signature}`, f.settings.mapping);
        }
        const label = result.files.filter((f) => f.outcome !== 'skipped').map((f) => f.fileName).join(', ').slice(0, 120);
        this.#files = [];
        await this.#ctx.select(result.datasetId);
        await this.loadImports();
        // a dated snapshot of the default RFM segments at each import, for later migration views
        await this.#ctx.engine.api.snapshotAfterImport(result.datasetId, label).catch(() => undefined);
      }
    } catch (error) {
      const notice = toNotice(error);
      this.#error = notice;
    }
  }

  /**
   * The rejected rows of one imported file as CSV text (safe to open in Excel): line, column and
   * reason, then each row as it was, under the file's column names, to fix and import again.
   */
  rejectsCsv(index: number, words: { line: string; column: string; reason: string }, reason: (code: string) => string): string {
    const file = this.#result?.files[index];
    if (!file) return '';
    return rejectsCsv(file.columnNames ?? [], file.rejects.map((r) => ({ line: r.line, column: r.column, reason: reason(r.reason), row: r.row })), words);
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
