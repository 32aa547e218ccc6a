/**
 * When to remind someone to back up. Data only lives in this browser: imported data changed
 * since the last backup is at risk (a demo can be regenerated, so it never prompts).
 */

export interface ReminderInput {
  /** When the last backup was made in this browser (ms), or null. */
  lastBackupAt: number | null;
  /** Datasets with their origin and last change (ms). */
  datasets: readonly { origin: 'demo' | 'import'; updatedAt: number }[];
  /** Whether the browser granted persistent storage (null: cannot tell). */
  persisted: boolean | null;
  /** From the user agent: a browser known to evict site data (Safari's 7-day rule). */
  evictingBrowser: boolean;
}

export interface Reminder {
  /** 'none': nothing to protect; 'never': imported data never backed up; 'stale': changed since the last backup; 'ok'. */
  status: 'none' | 'never' | 'stale' | 'ok';
  /** Imported data that is not in a backup, in a browser that may delete it without asking. */
  evictionRisk: boolean;
}

export function backupReminder(input: ReminderInput): Reminder {
  const imported = input.datasets.filter((d) => d.origin === 'import');
  let status: Reminder['status'] = 'ok';
  if (imported.length === 0) status = 'none';
  else if (input.lastBackupAt === null) status = 'never';
  else if (imported.some((d) => d.updatedAt > input.lastBackupAt!)) status = 'stale';
  const atRisk = status === 'never' || status === 'stale';
  return { status, evictionRisk: atRisk && (input.evictingBrowser || input.persisted === false) };
}

/**
 * Safari (macOS and iOS, and every iOS browser, which runs WebKit) deletes a site's script-writable
 * storage after 7 days of use without a visit, unless the site was added to the home screen.
 */
export function isEvictingBrowser(userAgent: string): boolean {
  const ios = /\b(iPhone|iPad|iPod)\b/.test(userAgent);
  const safari = /\bSafari\//.test(userAgent) && /\bVersion\//.test(userAgent) && !/\b(Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS)\//.test(userAgent);
  return ios || safari;
}

/** e.g. cswb-backup-2026-11-22.cswb, or with a dataset's name (characters unsafe in file names dropped). */
export function backupFileName(datasetName?: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const name = (datasetName ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return name ? `cswb-backup-${name}-${day}.cswb` : `cswb-backup-${day}.cswb`;
}
