// The backup file format: frames, encryption, and every way a file can be wrong.
// Node's own crypto (OpenSSL) is the independent reference for the encryption claims.
import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BackupWriter, MAGIC, MIN_ITERATIONS, readBackupFrames, readBackupHeader, type WriterOptions,
} from '../../../../../src/lib/domain/backup/frames';
import { encodeRecord, readRecords } from '../../../../../src/lib/domain/backup/records';

async function write(chunks: Uint8Array[], options: WriterOptions = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = await BackupWriter.create((p) => void parts.push(p), options);
  for (const c of chunks) await writer.write(c);
  await writer.finish();
  return new Uint8Array(Buffer.concat(parts));
}

const streamOf = (bytes: Uint8Array, pieceSize = 7919) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += pieceSize) controller.enqueue(bytes.slice(i, i + pieceSize));
      controller.close();
    },
  });

async function readAll(bytes: Uint8Array, passphrase?: string): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  for await (const plain of readBackupFrames(streamOf(bytes), { passphrase })) out.push(plain);
  return new Uint8Array(Buffer.concat(out));
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

/** Offsets where frames start, and the header's end. */
function frameStarts(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let at = MAGIC.length + 4 + view.getUint32(MAGIC.length, true);
  const starts = [];
  while (at < bytes.length) {
    starts.push(at);
    at += 5 + view.getUint32(at + 1, true);
  }
  return starts;
}

const data = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) & 255);

describe('backup frames', () => {
  it('round-trips plain and encrypted content of any size, across frame boundaries', async () => {
    for (const size of [0, 1, 1023, 1024, 1025, 5000]) {
      const content = data(size);
      const plain = await write([content.subarray(0, size >> 1), content.subarray(size >> 1)], { frameBytes: 1024 });
      expect(await readAll(plain)).toEqual(content);
      const sealed = await write([content], { frameBytes: 1024, passphrase: 'correct horse' });
      expect(await readAll(sealed, 'correct horse')).toEqual(content);
      // frames: ceil(size / 1024), and always one with the last flag (an empty one if the content filled the frames)
      expect(frameStarts(sealed)).toHaveLength(Math.max(1, Math.ceil(size / 1024)));
    }
  });

  it('is AES-256-GCM with a PBKDF2-SHA-256 key, a counter nonce and the place of the frame in the associated data', async () => {
    const content = data(3000, 5);
    const passphrase = 'pässwörd 密码';
    const bytes = await write([content], { frameBytes: 1024, passphrase });
    const header = await readBackupHeader(streamOf(bytes));
    expect(header.encryption).toMatchObject({ cipher: 'AES-GCM-256', kdf: 'PBKDF2-SHA-256', iterations: MIN_ITERATIONS });
    expect(MIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const salt = Buffer.from(header.encryption!.salt, 'base64');
    expect(salt).toHaveLength(16);
    // Node's PBKDF2 and AES-GCM decrypt our frames
    const key = pbkdf2Sync(passphrase.normalize('NFC'), salt, header.encryption!.iterations, 64, 'sha256').subarray(0, 32);
    const starts = frameStarts(bytes);
    const headerDigest = createHash('sha256').update(bytes.subarray(0, starts[0])).digest();
    const plain: Buffer[] = [];
    starts.forEach((start, counter) => {
      const flags = bytes[start];
      expect(flags).toBe(counter === starts.length - 1 ? 1 : 0);
      const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(start + 1, true);
      const payload = bytes.subarray(start + 5, start + 5 + length);
      const iv = Buffer.alloc(12);
      iv.writeBigUInt64BE(BigInt(counter), 4);
      const counterBytes = Buffer.alloc(8);
      counterBytes.writeBigUInt64BE(BigInt(counter));
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.concat([headerDigest, counterBytes, Buffer.of(flags)]));
      decipher.setAuthTag(payload.subarray(payload.length - 16));
      plain.push(decipher.update(payload.subarray(0, payload.length - 16)), decipher.final());
    });
    expect(Buffer.concat(plain)).toEqual(Buffer.from(content));
  });

  it('uses a fresh salt per file', async () => {
    const a = await readBackupHeader(streamOf(await write([data(10)], { passphrase: 'x' })));
    const b = await readBackupHeader(streamOf(await write([data(10)], { passphrase: 'x' })));
    expect(a.encryption!.salt).not.toBe(b.encryption!.salt);
  });

  it('tells a wrong or missing passphrase apart from damage', async () => {
    const bytes = await write([data(100)], { passphrase: 'right' });
    expect(await failure(readAll(bytes, 'wrong'))).toBe('backup.wrongPassphrase');
    expect(await failure(readAll(bytes))).toBe('backup.needsPassphrase');
  });

  it('rejects a file cut anywhere, also exactly at a frame boundary', async () => {
    for (const passphrase of [undefined, 'pw']) {
      const bytes = await write([data(4000)], { frameBytes: 1024, passphrase });
      const starts = frameStarts(bytes);
      for (const cut of [...starts.slice(1), starts[1] - 1, starts[1] + 3, bytes.length - 1, starts[0], 20, 3]) {
        const code = await failure(readAll(bytes.subarray(0, cut), passphrase));
        expect(['backup.truncated', 'backup.notBackup'], `cut at ${cut}`).toContain(code);
      }
    }
  });

  it('rejects a flipped byte in any frame, in the header, or a reordered frame', async () => {
    for (const passphrase of [undefined, 'pw']) {
      const bytes = await write([data(3000)], { frameBytes: 1024, passphrase });
      const starts = frameStarts(bytes);
      for (const at of [starts[0] + 5, starts[1] + 100, bytes.length - 1, starts[2] - 1]) {
        const copy = bytes.slice();
        copy[at] ^= 0x01;
        expect(await failure(readAll(copy, passphrase)), `flip at ${at}`).toBe('backup.damaged');
      }
      // header: the app field changed (same length) — bound to every frame
      const text = Buffer.from(bytes).toString('latin1').replace('"createdAt":', '"createdAt":'.toUpperCase());
      expect(await failure(readAll(Buffer.from(text, 'latin1'), passphrase))).toMatch(/backup\.(damaged|wrongPassphrase)/);
      // frames 0 and 1 swapped (same size)
      const swapped = Buffer.concat([bytes.subarray(0, starts[0]), bytes.subarray(starts[1], starts[2]), bytes.subarray(starts[0], starts[1]), bytes.subarray(starts[2])]);
      expect(await failure(readAll(swapped, passphrase))).toBe('backup.damaged');
      // bytes after the last frame
      expect(await failure(readAll(Buffer.concat([bytes, Buffer.of(0)]), passphrase))).toBe('backup.damaged');
    }
  });

  it('refuses a newer format, other files, and hostile lengths or iteration counts without trying them', async () => {
    const bytes = await write([data(10)]);
    const newer = Buffer.from(Buffer.from(bytes).toString('latin1').replace('"format":1', '"format":2'), 'latin1');
    expect(await failure(readAll(newer))).toBe('backup.newerFormat');
    expect(await failure(readAll(new TextEncoder().encode('id,amount\n1,2\n')))).toBe('backup.notBackup');
    expect(await failure(readAll(new Uint8Array(0)))).toBe('backup.notBackup');
    // a frame claiming 4 GB
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(frameStarts(bytes)[0] + 1, 0xffffffff, true);
    expect(await failure(readAll(huge))).toBe('backup.damaged');
    // an encrypted header asking for 10^12 PBKDF2 iterations
    const sealed = await write([data(10)], { passphrase: 'pw' });
    const slow = Buffer.from(Buffer.from(sealed).toString('latin1').replace(`"iterations":${MIN_ITERATIONS}`, '"iterations":999999999999'), 'latin1');
    // the header length changed: fix it
    const json = slow.subarray(12, slow.indexOf('}}', 12) + 2);
    new DataView(slow.buffer, slow.byteOffset).setUint32(8, json.length, true);
    expect(await failure(readAll(slow, 'pw'))).toBe('backup.damaged');
  });
});

describe('backup records', () => {
  async function* framesOf(parts: Uint8Array[], size: number): AsyncGenerator<Uint8Array> {
    const all = new Uint8Array(Buffer.concat(parts));
    for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
  }

  it('splits records back out of frames of any size, with binaries and byte arrays in JSON', async () => {
    const key = Uint8Array.of(0, 1, 2, 250, 255);
    const records = [
      encodeRecord(1, { hello: '世界' }),
      encodeRecord(2, { t: 'settings', r: { key: 'k', value: { raw: key } } }),
      encodeRecord(2, { t: 'chunks', r: { seq: 1 } }, data(5000)),
      encodeRecord(3, { records: 2 }),
    ].flat();
    for (const size of [1, 3, 100, 100_000]) {
      const out = [];
      for await (const r of readRecords(framesOf(records, size))) out.push(r);
      expect(out.map((r) => r.tag)).toEqual([1, 2, 2, 3]);
      expect(out[0].json).toEqual({ hello: '世界' });
      expect((out[1].json as { r: { value: { raw: Uint8Array } } }).r.value.raw).toEqual(key);
      expect(out[2].binary).toEqual(data(5000));
      expect(out[3].binary).toBeNull();
    }
  });

  it('rejects a record cut short or with a length beyond reason', async () => {
    const parts = encodeRecord(2, { a: 1 }, data(100));
    const all = Buffer.concat(parts);
    await expect(async () => {
      for await (const r of readRecords(framesOf([all.subarray(0, all.length - 1)], 50))) void r;
    }).rejects.toMatchObject({ code: 'backup.truncated' });
    const bad = Buffer.from(all);
    bad.writeUInt32LE(0xfffffff0, 1);
    await expect(async () => {
      for await (const r of readRecords(framesOf([bad], 50))) void r;
    }).rejects.toMatchObject({ code: 'backup.damaged' });
  });
});
