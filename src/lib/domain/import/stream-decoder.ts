import { decoderFor, type ImportEncoding } from './encoding';

/**
 * Decodes a file slice by slice. A file whose sample was plain ASCII may still hold GBK text
 * further down: UTF-8 is then decoded strictly, and at the first invalid byte, if everything
 * before was ASCII, decoding switches to GB18030 (ASCII reads the same in both).
 * A real UTF-8 file with a stray bad byte keeps UTF-8, with U+FFFD for the bad byte.
 */
export class StreamDecoder {
  #encoding: ImportEncoding;
  #decoder: TextDecoder;
  #strict: boolean;
  #asciiSoFar = true;

  constructor(encoding: ImportEncoding) {
    this.#encoding = encoding;
    this.#strict = encoding === 'utf-8';
    this.#decoder = this.#strict ? new TextDecoder('utf-8', { fatal: true }) : decoderFor(encoding);
  }

  /** The encoding in use now (may have switched from UTF-8 to GB18030). */
  get encoding(): ImportEncoding {
    return this.#encoding;
  }

  /** Decode the next slice; pass no bytes at the end of the file. */
  decode(bytes?: Uint8Array): string {
    const last = bytes === undefined;
    try {
      const text = last ? this.#decoder.decode() : this.#decoder.decode(bytes, { stream: true });
      if (this.#asciiSoFar && !isAscii(text)) this.#asciiSoFar = false;
      return text;
    } catch {
      // invalid UTF-8 under the strict decoder
      this.#strict = false;
      this.#encoding = this.#asciiSoFar ? 'gb18030' : 'utf-8';
      this.#decoder = decoderFor(this.#encoding);
      return last ? this.#decoder.decode() : this.#decoder.decode(bytes, { stream: true });
    }
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
