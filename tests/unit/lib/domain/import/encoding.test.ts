import { describe, expect, it } from 'vitest';
import { decoderFor, detectEncoding, ENCODINGS } from '../../../../../src/lib/domain/import/encoding';

// Byte sequences checked with Python: `'客户编号'.encode('gbk').hex()` etc.
const GBK = {
  客户编号: [0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5],
  下单日期: [0xcf, 0xc2, 0xb5, 0xa5, 0xc8, 0xd5, 0xc6, 0xda],
  金额: [0xbd, 0xf0, 0xb6, 0xee],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  北京市: [0xb1, 0xb1, 0xbe, 0xa9, 0xca, 0xd0],
};
/** U+20000 '𠀀' in GB18030 (four bytes; not in GBK). */
const GB18030_U20000 = [0x95, 0x32, 0x82, 0x36];
/** '客户' in UTF-8. */
const UTF8_客户 = [0xe5, 0xae, 0xa2, 0xe6, 0x88, 0xb7];

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

/** A GBK-encoded CSV: header '客户编号,下单日期,金额' and one row '001,张三,12.5' (CRLF). */
const gbkCsv = bytes(
  GBK.客户编号, ascii(','), GBK.下单日期, ascii(','), GBK.金额, ascii('\r\n'),
  ascii('001,'), GBK.张三, ascii(',12.5\r\n'),
);

describe('detectEncoding', () => {
  it('reports empty input', () => {
    expect(detectEncoding(new Uint8Array(0), true)).toEqual({ encoding: null, reason: 'empty' });
    expect(detectEncoding(new Uint8Array(0), false)).toEqual({ encoding: null, reason: 'empty' });
  });

  it('reads byte-order marks first', () => {
    expect(detectEncoding(bytes([0xef, 0xbb, 0xbf], ascii('id')), true)).toEqual({ encoding: 'utf-8', bomLength: 3, reason: 'bom' });
    expect(detectEncoding(bytes([0xef, 0xbb, 0xbf]), true)).toEqual({ encoding: 'utf-8', bomLength: 3, reason: 'bom' });
    expect(detectEncoding(bytes([0xff, 0xfe], [0x61, 0x00]), true)).toEqual({ encoding: 'utf-16le', bomLength: 2, reason: 'bom' });
    expect(detectEncoding(bytes([0xfe, 0xff], [0x00, 0x61]), true)).toEqual({ encoding: 'utf-16be', bomLength: 2, reason: 'bom' });
    // A UTF-8 BOM wins even over bytes that are not UTF-8 after it.
    expect(detectEncoding(bytes([0xef, 0xbb, 0xbf], GBK.金额), true).encoding).toBe('utf-8');
  });

  it('calls pure ASCII utf-8 with reason ascii', () => {
    expect(detectEncoding(bytes(ascii('customer_id,date\r\n00001,19970101\r\n\t\f')), true)).toEqual({
      encoding: 'utf-8', bomLength: 0, reason: 'ascii',
    });
  });

  it('accepts strict UTF-8 without BOM', () => {
    expect(detectEncoding(bytes(UTF8_客户, ascii(',id\n')), true)).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'utf8-valid' });
    expect(detectEncoding(bytes([0xf0, 0xa0, 0x80, 0x80]), true).reason).toBe('utf8-valid'); // '𠀀'
  });

  it('falls back to gb18030 for GBK bytes', () => {
    expect(detectEncoding(gbkCsv, true)).toEqual({ encoding: 'gb18030', bomLength: 0, reason: 'fallback' });
    expect(detectEncoding(bytes(GBK.客户编号), true)).toEqual({ encoding: 'gb18030', bomLength: 0, reason: 'fallback' });
    expect(detectEncoding(bytes(ascii('a,'), GB18030_U20000), true).encoding).toBe('gb18030');
  });

  it('ignores a UTF-8 character cut at the end of a partial sample, but not of a whole file', () => {
    const text = bytes(ascii('name\n'), UTF8_客户, [0xf0, 0xa0, 0x80, 0x80]); // 'name\n客户𠀀'
    for (const cut of [1, 2, 3]) {
      const sample = text.subarray(0, text.length - cut); // the 4-byte '𠀀' loses 1–3 bytes
      expect(detectEncoding(sample, false), `cut ${cut}`).toEqual({ encoding: 'utf-8', bomLength: 0, reason: 'utf8-valid' });
      expect(detectEncoding(sample, true).reason, `cut ${cut}`).toBe('fallback');
    }
    const cutIn客 = bytes(ascii('a'), UTF8_客户.slice(0, 4)); // '客' whole, '户' cut after 1 byte
    expect(detectEncoding(cutIn客, false).reason).toBe('utf8-valid');
    const cutInMiddle = bytes(UTF8_客户.slice(0, 2), ascii(',x')); // a cut sequence not at the end
    expect(detectEncoding(cutInMiddle, false).reason).toBe('fallback');
    const tooManyContinuations = bytes(ascii('a'), [0xe5, 0xae, 0xa2, 0xa2]);
    expect(detectEncoding(tooManyContinuations, false).reason).toBe('fallback');
  });

  it('recognises UTF-16 without BOM by its NUL bytes', () => {
    // 'id,客户\r\n' in UTF-16LE and UTF-16BE.
    const le = bytes([0x69, 0, 0x64, 0, 0x2c, 0, 0xa2, 0x5b, 0x37, 0x62, 0x0d, 0, 0x0a, 0]);
    const be = bytes([0, 0x69, 0, 0x64, 0, 0x2c, 0x5b, 0xa2, 0x62, 0x37, 0, 0x0d, 0, 0x0a]);
    expect(detectEncoding(le, true)).toEqual({ encoding: 'utf-16le', bomLength: 0, reason: 'utf16-pattern' });
    expect(detectEncoding(be, true)).toEqual({ encoding: 'utf-16be', bomLength: 0, reason: 'utf16-pattern' });
    expect(detectEncoding(le.subarray(0, 13), false).encoding).toBe('utf-16le'); // odd cut
    expect(decoderFor('utf-16le').decode(le)).toBe('id,客户\r\n');
    expect(decoderFor('utf-16be').decode(be)).toBe('id,客户\r\n');
  });

  it('calls known binary formats binary', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
    const xlsx = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];
    const xls = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0];
    for (const magic of [png, xlsx, xls, ascii('PK\x03\x04'), ascii('%PDF-1.7\n'), [0x1f, 0x8b, 0x08, 0x00]]) {
      expect(detectEncoding(bytes(magic), false), magic.join(' ')).toEqual({ encoding: null, reason: 'binary' });
    }
  });

  it('calls bytes with NULs or many control characters binary', () => {
    expect(detectEncoding(bytes(ascii('id,name\n1,a'), [0], ascii('b\n2,c\n3,d\n')), true).reason).toBe('binary');
    expect(detectEncoding(bytes([0x01, 0x02, 0x03, 0x04], ascii('abcdefgh')), true).reason).toBe('binary');
    expect(detectEncoding(bytes([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]), true).reason).toBe('binary');
    // A NUL pattern like UTF-16 that decodes to control characters.
    expect(detectEncoding(bytes([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]), true).reason).toBe('binary');
    // One stray control character in ordinary text is not binary.
    expect(detectEncoding(bytes(ascii('id,name\n1,a\x1ab\n2,c\n3,d\n4,e\n')), true).reason).toBe('ascii');
  });
});

describe('decoderFor', () => {
  it('offers the encodings the decoder handles', () => {
    expect([...ENCODINGS].sort()).toEqual(['gb18030', 'utf-16be', 'utf-16le', 'utf-8']);
    for (const encoding of ENCODINGS) expect(decoderFor(encoding).encoding).toBe(encoding);
  });

  it('decodes real GBK bytes with gb18030, including a four-byte GB18030 character', () => {
    expect(decoderFor('gb18030').decode(gbkCsv)).toBe('客户编号,下单日期,金额\r\n001,张三,12.5\r\n');
    expect(decoderFor('gb18030').decode(bytes(GBK.北京市, GB18030_U20000))).toBe('北京市𠀀');
  });

  it('decodes GBK split inside a character when streaming', () => {
    const decoder = decoderFor('gb18030');
    const text = decoder.decode(gbkCsv.subarray(0, 3), { stream: true }) + decoder.decode(gbkCsv.subarray(3), { stream: true }) + decoder.decode();
    expect(text).toBe('客户编号,下单日期,金额\r\n001,张三,12.5\r\n');
  });

  it('drops the BOM itself', () => {
    expect(decoderFor('utf-8').decode(bytes([0xef, 0xbb, 0xbf], UTF8_客户))).toBe('客户');
    // '客,a' in UTF-16LE with BOM: 客 = U+5BA2.
    expect(decoderFor('utf-16le').decode(bytes([0xff, 0xfe, 0xa2, 0x5b, 0x2c, 0x00, 0x61, 0x00]))).toBe('客,a');
    expect(decoderFor('utf-16be').decode(bytes([0xfe, 0xff, 0x5b, 0xa2, 0x00, 0x2c, 0x00, 0x61]))).toBe('客,a');
  });

  it('replaces bytes it cannot read instead of throwing', () => {
    expect(decoderFor('utf-8').decode(bytes(GBK.金额))).toContain('\uFFFD');
  });
});
