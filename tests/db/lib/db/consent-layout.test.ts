/**
 * Chunk layout 3 (issue 16): customers carry marketing consent and its day. A chunk written now
 * round-trips them; a customers chunk written in layout 2 (issue 14, before consent) still reads,
 * with every consent unknown (0) and no consent day. The layout-2 bytes are made here with the
 * Arrow library directly, exactly the columns layout 2 had, whatever src/lib/db writes today.
 */
import { describe, expect, it } from 'vitest';
import { columnFromArray, float64, int32, tableFromColumns, tableToIPC, utf8 } from '@uwdata/flechette';
import { CURRENT_LAYOUT, decodeChunk, encodeChunk } from '../../../../src/lib/db/columnar';
import { NO_DAY, type CustomerColumns } from '../../../../src/lib/domain';

const customers = (): CustomerColumns => ({
  id: ['C1', 'C2', 'C3'], name: ['张三', 'Li', ''], gender: ['M', 'F', ''], birthDay: Int32Array.of(NO_DAY, 5000, NO_DAY),
  city: ['上海', '', ''], province: ['上海', '', ''], channel: ['store', '', ''], acquisitionCost: Float64Array.of(NaN, 12.5, 3),
  signupDay: Int32Array.of(19_000, 19_010, NO_DAY), referredBy: ['', 'C1', ''],
  consent: Uint8Array.of(1, 2, 0), consentDay: Int32Array.of(19_000, 19_400, NO_DAY),
});

describe('customers chunks with consent', () => {
  it('writes layout 3 and reads consent and its day back', () => {
    expect(CURRENT_LAYOUT).toBe(3);
    const c = customers();
    const back = decodeChunk('customers', CURRENT_LAYOUT, encodeChunk('customers', c, 0, 3));
    expect(Array.from(back.consent)).toEqual([1, 2, 0]);
    expect(back.consent).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.consentDay)).toEqual([19_000, 19_400, NO_DAY]);
    expect(back.referredBy).toEqual(['', 'C1', '']);
    // a slice keeps its rows' consent
    const tail = decodeChunk('customers', CURRENT_LAYOUT, encodeChunk('customers', c, 1, 3));
    expect(Array.from(tail.consent)).toEqual([2, 0]);
  });

  it('reads a layout-2 customers chunk (no consent column) with consent unknown and no consent day', () => {
    const text = (v: string[]) => columnFromArray(v, utf8());
    const layout2 = tableToIPC(tableFromColumns({
      id: text(['C1', 'C2']), name: text(['张三', 'Li']), gender: text(['M', 'F']), birthDay: columnFromArray(Int32Array.of(NO_DAY, 5000), int32()),
      city: text(['上海', '']), province: text(['上海', '']), channel: text(['store', '']),
      acquisitionCost: columnFromArray(Float64Array.of(NaN, 12.5), float64()), signupDay: columnFromArray(Int32Array.of(19_000, 19_010), int32()),
      referredBy: text(['', 'C1']),
    }), { format: 'stream' })!;
    const back = decodeChunk('customers', 2, layout2);
    expect(back.id).toEqual(['C1', 'C2']);
    expect(back.referredBy).toEqual(['', 'C1']);
    expect(back.acquisitionCost[1]).toBe(12.5);
    expect(Array.from(back.consent)).toEqual([0, 0]);
    expect(Array.from(back.consentDay)).toEqual([NO_DAY, NO_DAY]);
  });

  it('still refuses a layout it does not know', () => {
    expect(() => decodeChunk('customers', 99, new Uint8Array(8))).toThrow(/Unknown chunk layout 99/);
  });
});
