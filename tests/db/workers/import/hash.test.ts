// A file's content hash is SHA-256 of its bytes, the same for small files (hashed at once) and
// large ones (hashed slice by slice).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileSha256 } from '../../../../workers/import/hash';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fileSha256', () => {
  it('is SHA-256 of the bytes, for an empty, a small and a large file', async () => {
    expect(await fileSha256(new Blob([]))).toBe(sha256(new Uint8Array(0)));
    const small = new TextEncoder().encode('customer_id,order_date,amount\nA,2024-01-01,5\n');
    expect(await fileSha256(new Blob([small]))).toBe(sha256(small));
    const large = new Uint8Array(70 * 1024 * 1024 + 3); // above the one-call limit: read in slices
    for (let i = 0; i < large.length; i += 4096) large[i] = (i / 4096) & 255;
    let checks = 0;
    expect(await fileSha256(new Blob([large]), () => void checks++)).toBe(sha256(large));
    expect(checks).toBeGreaterThan(1);
  });

  it('stops between slices when cancelled', async () => {
    const large = new Blob([new Uint8Array(70 * 1024 * 1024)]);
    await expect(fileSha256(large, () => { throw { code: 'job.cancelled' }; })).rejects.toEqual({ code: 'job.cancelled' });
  });
});
