/**
 * Plain text as Markdown that shows that text and nothing else (CommonMark with GitHub's
 * extensions: tables, strikethrough, autolinks, math). Backslash escapes are valid before any ASCII
 * punctuation, so escaping too much is safe; Chinese text (full-width punctuation) is untouched.
 */

import { plainText } from './plain-text';

/**
 * Characters that start inline markup anywhere in a line: code, emphasis, links and images, raw
 * HTML and autolinks, table cells, strikethrough, math, and the escape character itself.
 */
const INLINE = /[\\`*_[\]<>|~$]/g;
/** An entity or numeric character reference ('&lt;' would show as '<'). */
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;
/** GitHub's extended autolinks: 'http://…', 'www.…' become links in plain text. */
const AUTOLINK_SCHEME = /(\b[A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g;
const AUTOLINK_WWW = /\b(www)\./gi;

/**
 * Escapes inline markup in one line (no block markup: use {@link escapeMarkdownLine} at a line start).
 * @example
 * escapeMarkdownInline('[x](http://evil) **b**'); // '\\[x\\](http\\://evil) \\*\\*b\\*\\*'
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(AUTOLINK_SCHEME, '$1\\:')
    .replace(AUTOLINK_WWW, '$1\\.');
}

/**
 * Escapes one line that starts a Markdown line (or a list item's or quote's content): inline markup,
 * then what would start a block there — a heading '#', a list '-', '+' or '1.', a setext underline
 * or thematic break ('===', '---'), a code fence or indented code (leading white space is dropped).
 * @example
 * escapeMarkdownLine('# 1. <b>'); // '\\# 1. \\<b\\>'
 * escapeMarkdownLine('1. first'); // '1\\. first'
 */
export function escapeMarkdownLine(line: string): string {
  const s = escapeMarkdownInline(line.trim());
  return s
    .replace(/^#/, '\\#')
    .replace(/^([-+=])(?=\s|$|\1)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Text of several lines as Markdown lines, each escaped as a line start, joined by hard line
 * breaks ('\\' at the end of a line); blank lines are dropped.
 * @param text the model's text
 * @param indent what continues the block on each following line ('  ' in a list item, '> ' in a quote)
 * @example
 * markdownLines('a\n\n# b', '  '); // 'a\\\n  \\# b'
 */
export function markdownLines(text: string, indent = ''): string {
  return plainText(text)
    .split('\n')
    .map(escapeMarkdownLine)
    .filter((line) => line !== '')
    .join(`\\\n${indent}`);
}

/**
 * One cell of a GitHub pipe table: inline markup and '|' escaped, line breaks as `<br>`.
 * @example
 * markdownCell('a | b\nc'); // 'a \\| b<br>c'
 */
export function markdownCell(text: string): string {
  return plainText(text)
    .split('\n')
    .map((line) => escapeMarkdownInline(line.trim()))
    .join('<br>')
    .trim();
}
