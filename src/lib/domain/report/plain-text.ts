/**
 * Text of the report model as the writers take it: any value as a string, line ends as '\n', and
 * no control characters (a NUL or an escape sequence in a dataset name means nothing in a document).
 */

// eslint-disable-next-line no-control-regex -- control characters (all but tab and line feed) are exactly what must go
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Normalises one text of the model.
 * @param text the model's text (null or undefined read as empty)
 * @returns the text with CRLF and CR as '\n' and control characters other than tab and '\n' removed
 * @example
 * plainText('a\r\nb\u0000'); // 'a\nb'
 */
export function plainText(text: string | null | undefined): string {
  return String(text ?? '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * A text on one line (headings, captions, alt text): line breaks and runs of white space become one space.
 * @example
 * oneLine(' a\n\n b '); // 'a b'
 */
export function oneLine(text: string | null | undefined): string {
  return plainText(text).replace(/\s+/g, ' ').trim();
}
