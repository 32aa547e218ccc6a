/** Base64 (RFC 4648, with padding) of bytes, in Node and browsers alike (no Buffer, no btoa of binary strings). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Bytes per chunk of output (a multiple of 3, so only the last chunk is padded). */
const CHUNK = 3 * 4096;

/**
 * Encodes bytes as base64.
 * @param bytes the bytes
 * @returns their base64 text, padded with '='
 * @example
 * toBase64(new Uint8Array([104, 105])); // 'aGk='
 */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes: number[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    codes.length = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63), ALPHABET.charCodeAt((n >>> 6) & 63), ALPHABET.charCodeAt(n & 63));
    }
    if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63), ALPHABET.charCodeAt((n >>> 6) & 63), 61);
    } else if (end - i === 1) {
      const n = bytes[i] << 16;
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63), 61, 61);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
