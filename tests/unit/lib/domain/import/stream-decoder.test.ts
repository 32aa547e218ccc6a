import { describe, expect, it } from 'vitest';
import { StreamDecoder } from '../../../../../src/lib/domain/import';

// '客户' in GBK is BF CD BB A7 (checked with Python: '客户'.encode('gbk').hex()).
const GBK_KEHU = [0xbf, 0xcd, 0xbb, 0xa7];
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('StreamDecoder', () => {
  it('switches from UTF-8 to GB18030 when GBK text appears after an ASCII start', () => {
    const d = new StreamDecoder('utf-8');
    expect(d.decode(new Uint8Array(ascii('id,city\n1,')))).toBe('id,city\n1,');
    expect(d.decode(new Uint8Array([...GBK_KEHU, 0x0a]))).toBe('客户\n');
    expect(d.decode()).toBe('');
    expect(d.encoding).toBe('gb18030');
  });

  it('keeps UTF-8 across a character split between slices', () => {
    const bytes = new TextEncoder().encode('城市,上海\n');
    const d = new StreamDecoder('utf-8');
    const text = d.decode(bytes.subarray(0, 4)) + d.decode(bytes.subarray(4)) + d.decode();
    expect(text).toBe('城市,上海\n');
    expect(d.encoding).toBe('utf-8');
  });

  it('keeps UTF-8 with a replacement character when real UTF-8 has one bad byte', () => {
    const d = new StreamDecoder('utf-8');
    const good = new TextEncoder().encode('上海,');
    expect(d.decode(good)).toBe('上海,');
    expect(d.decode(new Uint8Array([0xff, 0x41]))).toBe('\ufffdA');
    expect(d.encoding).toBe('utf-8');
  });
});
