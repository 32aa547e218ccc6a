/**
 * The strategy report as Markdown (CommonMark with GitHub's tables): title, cover lines, contents
 * linking to each section, then each section with what it rests on, its figures, tables, charts
 * (linked PNG files, returned beside the text) and lists. Every text of the model is escaped, so a
 * name like `**x**` or `<script>` shows as written and nothing in the model becomes a link or a tag.
 */

import { sectionAnchors } from './anchors';
import { escapeMarkdownInline, markdownCell, markdownLines } from './markdown-escape';
import type { ReportBlock, ReportModel } from './model';
import { oneLine, plainText } from './plain-text';

/** A chart's PNG, named by its path in the zip beside the Markdown file ('images/segments-1.png'). */
export interface ReportImage {
  name: string;
  bytes: Uint8Array;
}

/** A heading's text: inline markup escaped, and every '#' (a trailing run would close the heading). */
function headingText(text: string): string {
  return escapeMarkdownInline(oneLine(text)).replace(/#/g, '\\#');
}

/** A pipe table: header, delimiter row (`---:` for numeric columns), one line per row. */
function table(block: Extract<ReportBlock, { kind: 'table' }>): string[] {
  const rows = block.rows ?? [];
  let width = block.header.length;
  for (const row of rows) if (row.length > width) width = row.length;
  if (width === 0) return [];
  const line = (cells: readonly string[]) => {
    const out: string[] = [];
    for (let i = 0; i < width; i++) out.push(markdownCell(cells[i] ?? ''));
    return `| ${out.join(' | ')} |`;
  };
  const lines = [line(block.header)];
  const delimiter: string[] = [];
  for (let i = 0; i < width; i++) delimiter.push(block.numeric?.[i] ? '---:' : '---');
  lines.push(`| ${delimiter.join(' | ')} |`);
  for (const row of rows) lines.push(line(row));
  return lines;
}

/** A bullet list, each item's further lines continued under it. */
function bullets(items: readonly string[]): string[] {
  return items.map((item) => `- ${markdownLines(item, '  ')}`.trimEnd());
}

/** A figure as a list item: label, value in bold, hint after a dash ('：' after the label in Chinese). */
function figure(item: { label: string; value: string; hint?: string }, colon: string): string {
  const label = markdownLines(item.label, '  ');
  const value = escapeMarkdownInline(oneLine(item.value));
  const hint = oneLine(item.hint);
  let line = `- ${label}${label && value ? colon : ''}${value ? `**${value}**` : ''}`;
  if (hint) line += ` — ${escapeMarkdownInline(hint)}`;
  return line.trimEnd();
}

/**
 * Writes the report as Markdown.
 * Anchors come from the section ids (see sectionAnchors); each chart with a PNG links to
 * `images/<anchor>-<n>.png`, n counting the section's charts from 1 (a chart without PNG keeps its
 * number and shows its alt text in italics after `labels.chartMissing`).
 * @param model the report model (plain text; the writer escapes it)
 * @returns the Markdown text (ending with one '\n') and the PNG files it links to, in order
 * @example
 * const { markdown, images } = reportMarkdown(model);
 * // markdown: '# Customer strategy report\n\nDemo company\n\n## Contents\n\n- [Summary](#summary)\n…'
 */
export function reportMarkdown(model: ReportModel): { markdown: string; images: ReportImage[] } {
  const anchors = sectionAnchors(model.sections.map((s) => s.id));
  const images: ReportImage[] = [];
  const colon = model.locale === 'zh' ? '：' : ': ';
  const out: string[] = [`# ${headingText(model.title)}`.trimEnd()];
  const para = (lines: string[]) => {
    if (lines.length > 0) out.push('', ...lines);
  };

  for (const line of model.cover ?? []) para([markdownLines(line)].filter(Boolean));
  if (model.sections.length > 0) {
    para([`## ${headingText(model.labels.contents)}`.trimEnd()]);
    para(model.sections.map((s, i) => `- [${escapeMarkdownInline(oneLine(s.title)) || anchors[i]}](#${anchors[i]})`));
  }

  model.sections.forEach((section, si) => {
    const anchor = anchors[si];
    para([`## <a id="${anchor}"></a>${headingText(section.title)}`]);
    const notes = (section.notes ?? []).map((note) => markdownLines(note, '> ')).filter(Boolean);
    para(notes.flatMap((note, i) => (i === 0 ? [`> ${note}`] : ['>', `> ${note}`])));
    let chart = 0;
    for (const block of section.blocks ?? []) {
      switch (block.kind) {
        case 'paragraph':
          for (const text of plainText(block.text).split(/\n\s*\n/)) para([markdownLines(text)].filter(Boolean));
          break;
        case 'figures':
          para(block.items.map((item) => figure(item, colon)));
          break;
        case 'table': {
          const caption = oneLine(block.caption);
          if (caption) para([`**${escapeMarkdownInline(caption)}**`]);
          para(table(block));
          break;
        }
        case 'chart': {
          chart++;
          const title = oneLine(block.title);
          const alt = escapeMarkdownInline(oneLine(block.alt));
          if (title) para([`**${escapeMarkdownInline(title)}**`]);
          if (block.png) {
            const name = `images/${anchor}-${chart}.png`;
            images.push({ name, bytes: block.png });
            para([`![${alt}](${name})`]);
          } else {
            const missing = escapeMarkdownInline(oneLine(model.labels.chartMissing));
            const text = [missing, alt].filter(Boolean).join(colon);
            if (text) para([`*${text}*`]);
          }
          break;
        }
        case 'list':
          para(bullets(block.items));
          break;
      }
    }
  });
  return { markdown: out.join('\n') + '\n', images };
}
