import { describe, expect, it } from 'vitest';
import { tableFromColumns, tableFromIPC, tableToIPC } from '@uwdata/flechette';
import { readUtf8Column, utf8Column } from '../../../../src/lib/db/utf8-column';

function roundTrip(strings: string[]): string[] {
  const bytes = tableToIPC(tableFromColumns({ s: utf8Column(strings) }), { format: 'stream' })!;
  const table = tableFromIPC(bytes);
  // flechette's own per-value decoding is the independent reference
  expect(table.getChild('s').toArray()).toEqual(strings.map((s) => new TextDecoder().decode(new TextEncoder().encode(s))));
  return readUtf8Column(table.getChild('s'));
}

describe('bulk UTF-8 string columns', () => {
  it('round-trips ASCII ids with leading zeros and empty strings', () => {
    const ids = ['000123', '', 'C0000042', '0', ''];
    expect(roundTrip(ids)).toEqual(ids);
  });

  it('round-trips Chinese, accented and astral characters', () => {
    const s = ['上海', 'Zürich', '😀 emoji', '客户编号', '', 'a𝄞b', '鲸选零售'];
    expect(roundTrip(s)).toEqual(s);
  });

  it('writes lone surrogates as U+FFFD like TextEncoder, even when two would pair up once joined', () => {
    const s = ['x\ud83d', '\ude00y', '\udc00'];
    expect(roundTrip(s)).toEqual(['x\ufffd', '\ufffdy', '\ufffd']);
  });

  it('handles 100,000 values', () => {
    const s = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? `客户${i}` : `C${String(i).padStart(7, '0')}`));
    expect(roundTrip(s)).toEqual(s);
  });
});
