/**
 * The Markdown report as a .zip: `<baseName>.md` and the charts it links to under `images/`.
 * The same model gives the same bytes (fixed modification time), so a download can be compared.
 */

import { strToU8, zipSync, type Zippable } from 'fflate';
import { reportBaseName } from './file-name';
import { reportMarkdown } from './markdown';
import type { ReportModel } from './model';

/**
 * Every entry's modification time: fixed, so output depends on the model only. Built from local
 * date parts because zip (DOS) times are local: the same entry bytes in every time zone.
 */
const MTIME = new Date(2000, 0, 1, 0, 0, 0);

/**
 * Writes the report's zip.
 * @param model the report model
 * @param baseName the Markdown file's name without extension (sanitised by reportBaseName: no path separators, no '..')
 * @returns the zip file's bytes: the .md deflated, the PNGs stored (they are compressed already)
 * @example
 * const bytes = reportZip(model, '战略报告 2026-12-02'); // entries '战略报告 2026-12-02.md', 'images/summary-1.png', …
 */
export function reportZip(model: ReportModel, baseName: string): Uint8Array {
  const { markdown, images } = reportMarkdown(model);
  const files: Zippable = { [`${reportBaseName(baseName)}.md`]: [strToU8(markdown), { level: 6 }] };
  for (const image of images) files[image.name] = [image.bytes, { level: 0 }];
  return zipSync(files, { mtime: MTIME });
}
