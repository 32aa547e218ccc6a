/**
 * The plain content of a backup: a sequence of records.
 *
 *   record = tag (u8) · JSON length (u32 LE) · JSON (UTF-8) · binary length (u32 LE) · binary
 *
 * The first record is the manifest, the last one the end marker (with the number of records
 * before it); rows of the stored tables come between, a row's `bytes` field travelling as the
 * record's binary part (Arrow IPC chunks are stored as they are, not re-encoded). Byte arrays
 * elsewhere in a row (e.g. a key in a setting) are written as {"$bytes": base64}.
 */
import { backupError, concat, fromBase64, toBase64 } from './frames';

export const RECORD_MANIFEST = 1;
export const RECORD_ROW = 2;
export const RECORD_END = 3;

/** Largest JSON or binary part accepted from a file (a stored chunk is a few MB). */
const MAX_PART_BYTES = 512 << 20;

export interface BackupRecord {
  tag: number;
  json: unknown;
  binary: Uint8Array | null;
}

const BYTES_KEY = '$bytes';

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: toBase64(value) };
  if (ArrayBuffer.isView(value)) throw new Error('Only Uint8Array byte arrays can be backed up');
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const text = (value as Record<string, unknown>)[BYTES_KEY];
    if (keys.length === 1 && typeof text === 'string') return fromBase64(text);
  }
  return value;
}

const encoder = new TextEncoder();

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** The parts of one record, ready for BackupWriter.write (the binary is not copied). */
export function encodeRecord(tag: number, json: unknown, binary?: Uint8Array | null): Uint8Array[] {
  const text = encoder.encode(JSON.stringify(json, replacer));
  const bin = binary ?? new Uint8Array(0);
  return [concat([Uint8Array.of(tag), u32(text.length), text, u32(bin.length)]), bin];
}

/** Splits the plain frames of a backup back into records. */
export async function* readRecords(frames: AsyncIterable<Uint8Array>): AsyncGenerator<BackupRecord> {
  let buffer: Uint8Array = new Uint8Array(0);
  let at = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const available = () => buffer.length - at;
  const take = (n: number) => {
    const out = buffer.subarray(at, at + n);
    at += n;
    return out;
  };
  const view = () => new DataView(buffer.buffer, buffer.byteOffset);

  for await (const frame of frames) {
    buffer = at < buffer.length ? concat([buffer.subarray(at), frame]) : frame;
    at = 0;
    for (;;) {
      if (available() < 5) break;
      const jsonLength = view().getUint32(at + 1, true);
      if (jsonLength > MAX_PART_BYTES) throw backupError('backup.damaged');
      if (available() < 9 + jsonLength) break;
      const binaryLength = view().getUint32(at + 5 + jsonLength, true);
      if (binaryLength > MAX_PART_BYTES) throw backupError('backup.damaged');
      if (available() < 9 + jsonLength + binaryLength) break;
      const tag = take(1)[0];
      take(4);
      let json: unknown;
      try {
        json = JSON.parse(decoder.decode(take(jsonLength)), reviver);
      } catch {
        throw backupError('backup.damaged');
      }
      take(4);
      // copy: the frame buffer is reused as the next record's context and stored rows must own their bytes
      const binary = binaryLength ? take(binaryLength).slice() : null;
      yield { tag, json, binary };
    }
  }
  if (available() !== 0) throw backupError('backup.truncated');
}
