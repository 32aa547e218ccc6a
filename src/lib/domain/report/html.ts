/**
 * The strategy report as ONE self-contained HTML5 document: styles and charts inline (PNG as data
 * URLs), no script, no event handler, no URL of any origin — a strict Content-Security-Policy says
 * so to the browser too. It opens anywhere and prints as the report: cover with the contents, each
 * section from a new page, tables with repeated headers and rows kept whole.
 */

import { sectionAnchors } from './anchors';
import { toBase64 } from './base64';
import { escapeHtml, htmlLines } from './html-escape';
import { reportCss } from './html-style';
import type { ReportBlock, ReportModel } from './model';
import { oneLine, plainText } from './plain-text';

/** Nothing may load but inline styles and data: images. */
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** A size attribute's value: a positive whole number of CSS pixels, or none. */
function size(name: string, value: number): string {
  return Number.isFinite(value) && value > 0 ? ` ${name}="${Math.max(1, Math.round(value))}"` : '';
}

function figures(block: Extract<ReportBlock, { kind: 'figures' }>): string {
  const cards = block.items.map((item) => {
    const hint = plainText(item.hint).trim();
    return (
      `<div class="card"><div class="label">${htmlLines(item.label)}</div><div class="value">${htmlLines(item.value)}</div>` +
      (hint ? `<div class="hint">${htmlLines(hint)}</div>` : '') +
      '</div>'
    );
  });
  return `<div class="figures">${cards.join('')}</div>`;
}

function table(block: Extract<ReportBlock, { kind: 'table' }>): string {
  const rows = block.rows ?? [];
  let width = block.header.length;
  for (const row of rows) if (row.length > width) width = row.length;
  if (width === 0) return '';
  const cls: string[] = [];
  for (let i = 0; i < width; i++) cls.push(block.numeric?.[i] ? ' class="num"' : '');
  const out: string[] = ['<table>'];
  const caption = oneLine(block.caption);
  if (caption) out.push(`<caption>${escapeHtml(caption)}</caption>`);
  let head = '<thead><tr>';
  for (let i = 0; i < width; i++) head += `<th scope="col"${cls[i]}>${htmlLines(block.header[i] ?? '')}</th>`;
  out.push(head + '</tr></thead>', '<tbody>');
  for (const row of rows) {
    let tr = '<tr>';
    for (let i = 0; i < width; i++) tr += `<td${cls[i]}>${htmlLines(row[i] ?? '')}</td>`;
    out.push(tr + '</tr>');
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

function chart(block: Extract<ReportBlock, { kind: 'chart' }>, missing: string, colon: string): string {
  const title = oneLine(block.title);
  const alt = oneLine(block.alt);
  const caption = title ? `<figcaption>${escapeHtml(title)}</figcaption>` : '';
  if (!block.png) {
    const text = [oneLine(missing), alt].filter(Boolean).join(colon);
    return `<figure class="chart">${caption}<p class="chart-missing">${escapeHtml(text)}</p></figure>`;
  }
  const src = `data:image/png;base64,${toBase64(block.png)}`;
  return `<figure class="chart">${caption}<img src="${src}" alt="${escapeHtml(alt)}"${size('width', block.width)}${size('height', block.height)}></figure>`;
}

function blockHtml(block: ReportBlock, missing: string, colon: string): string {
  switch (block.kind) {
    case 'paragraph':
      return plainText(block.text)
        .split(/\n\s*\n/)
        .filter((text) => text.trim() !== '')
        .map((text) => `<p>${htmlLines(text.trim())}</p>`)
        .join('\n');
    case 'figures':
      return figures(block);
    case 'table':
      return table(block);
    case 'chart':
      return chart(block, missing, colon);
    case 'list':
      return block.items.length > 0 ? `<ul>${block.items.map((item) => `<li>${htmlLines(item)}</li>`).join('')}</ul>` : '';
  }
}

/**
 * Writes the report as a self-contained HTML document.
 * @param model the report model (plain text; the writer escapes it)
 * @returns the document's text (save as UTF-8 .html)
 * @example
 * reportHtml(model); // '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">…'
 */
export function reportHtml(model: ReportModel): string {
  const lang = model.locale === 'zh' ? 'zh-CN' : 'en';
  const anchors = sectionAnchors(model.sections.map((s) => s.id));
  const missing = model.labels.chartMissing;
  const colon = model.locale === 'zh' ? '：' : ': ';
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(oneLine(model.title))}</title>`,
    `<style>${reportCss(model.locale === 'zh' ? 'zh' : 'en')}</style>`,
    '</head>',
    '<body>',
    '<header class="cover">',
    `<h1>${escapeHtml(oneLine(model.title))}</h1>`,
    ...(model.cover ?? []).filter((line) => plainText(line).trim() !== '').map((line) => `<p>${htmlLines(line.trim())}</p>`),
  ];
  if (model.sections.length > 0) {
    out.push(`<nav class="toc"><h2>${escapeHtml(oneLine(model.labels.contents))}</h2><ol>`);
    model.sections.forEach((s, i) => out.push(`<li><a href="#${anchors[i]}">${escapeHtml(oneLine(s.title)) || anchors[i]}</a></li>`));
    out.push('</ol></nav>');
  }
  out.push('</header>');
  model.sections.forEach((section, i) => {
    out.push(`<section class="section" id="${anchors[i]}">`, `<h2>${escapeHtml(oneLine(section.title))}</h2>`);
    const notes = (section.notes ?? []).filter((note) => plainText(note).trim() !== '');
    if (notes.length > 0) out.push(`<div class="notes">${notes.map((note) => `<p>${htmlLines(note.trim())}</p>`).join('')}</div>`);
    for (const block of section.blocks ?? []) {
      const html = blockHtml(block, missing, colon);
      if (html) out.push(html);
    }
    out.push('</section>');
  });
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
