import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../../../src/lib/domain/report/base64';

describe('toBase64', () => {
  it('matches the RFC 4648 examples', () => {
    const enc = (s: string) => toBase64(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
  });

  it("agrees with Node's Buffer for every length around its chunk size and for all byte values", () => {
    let seed = 7;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (const n of [1, 2, 3, 4, 5, 255, 256, 257, 12_287, 12_288, 12_289, 24_576, 24_577, 100_001]) {
      const b = bytes(n);
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64(all)).toBe(Buffer.from(all).toString('base64'));
    const view = new Uint8Array(all.buffer, 10, 20);
    expect(toBase64(view)).toBe(Buffer.from(view).toString('base64'));
  });
});
