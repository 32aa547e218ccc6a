/**
 * The backup file: a small versioned header, then a stream of frames.
 *
 *   file   = MAGIC (8 bytes "CSWB-BAK") · header length (u32 LE) · header (UTF-8 JSON) · frame*
 *   frame  = flags (u8, bit 0 = last frame) · payload length (u32 LE) · payload
 *   payload (encrypted) = AES-GCM-256 ciphertext of up to `frameBytes` plain bytes, with its 16-byte tag
 *   payload (plain)     = the plain bytes · first 16 bytes of SHA-256(aad · plain bytes)
 *
 * Every frame's associated data binds it to the header and to its place:
 *   aad = SHA-256(magic · header length · header) · frame counter (u64 BE) · flags
 * so a changed header, a reordered, dropped or flipped frame, and a file cut at a frame boundary
 * (no frame carries the last flag) are all rejected. The nonce is the frame counter (96 bits,
 * big-endian): unique because each file has its own random salt, hence its own key.
 *
 * The key comes from the passphrase with PBKDF2-SHA-256 (≥ 600,000 iterations, 16-byte random
 * salt), 512 bits: the first 256 are the AES key, the SHA-256 of the other 256 is stored in the
 * header, so a wrong passphrase is told apart from a damaged file without decrypting anything.
 *
 * Web Crypto (globalThis.crypto.subtle) does the work: in browsers, workers and Node 20.
 */

export const MAGIC = new TextEncoder().encode('CSWB-BAK');
/** The newest file format this code reads and the one it writes. */
export const BACKUP_FORMAT = 1;
export const DEFAULT_FRAME_BYTES = 1 << 20;
export const MIN_ITERATIONS = 600_000;
/** Above this a file is refused rather than spending minutes deriving a key. */
export const MAX_ITERATIONS = 10_000_000;
const MAX_FRAME_BYTES = 16 << 20;
const MAX_HEADER_BYTES = 64 << 10;
const TAG_BYTES = 16;
const LAST = 1;

export interface BackupHeader {
  format: number;
  /** Build of the app that wrote the file (informative). */
  app: string;
  createdAt: number;
  frameBytes: number;
  encryption: null | {
    cipher: 'AES-GCM-256';
    kdf: 'PBKDF2-SHA-256';
    iterations: number;
    /** base64 */
    salt: string;
    /** base64 SHA-256 of the verifier half of the derived bits */
    check: string;
  };
}

/** Failures are plain notices the UI words; `code` says what went wrong. */
export type BackupErrorCode =
  | 'backup.notBackup' | 'backup.newerFormat' | 'backup.needsPassphrase' | 'backup.wrongPassphrase'
  | 'backup.damaged' | 'backup.truncated';

export function backupError(code: BackupErrorCode, params?: Record<string, string | number>): { code: BackupErrorCode; params?: Record<string, string | number> } {
  return params ? { code, params } : { code };
}

const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto is not available');
  return s;
};

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', concat(parts) as BufferSource));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

function counterBytes(counter: number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  new DataView(b.buffer).setBigUint64(size - 8, BigInt(counter), false);
  return b;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

interface Keys {
  aes: CryptoKey;
  check: Uint8Array;
}

async function deriveKeys(passphrase: string, salt: Uint8Array, iterations: number): Promise<Keys> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, 512));
  const aes = await subtle().importKey('raw', bits.subarray(0, 32) as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { aes, check: await sha256(bits.subarray(32)) };
}

/** Seals plain bytes into frames; call `frame` for each full frame and once with `last` at the end. */
class FrameSealer {
  #counter = 0;
  constructor(private readonly headerDigest: Uint8Array, private readonly key: CryptoKey | null) {}

  async seal(plain: Uint8Array, last: boolean): Promise<Uint8Array> {
    const flags = last ? LAST : 0;
    const counter = this.#counter++;
    const aad = concat([this.headerDigest, counterBytes(counter, 8), Uint8Array.of(flags)]);
    let payload: Uint8Array;
    if (this.key) {
      payload = new Uint8Array(await subtle().encrypt(
        { name: 'AES-GCM', iv: counterBytes(counter, 12) as BufferSource, additionalData: aad as BufferSource, tagLength: 128 }, this.key, plain as BufferSource,
      ));
    } else {
      const sum = (await sha256(aad, plain)).subarray(0, TAG_BYTES);
      payload = concat([plain, sum]);
    }
    return concat([Uint8Array.of(flags), u32(payload.length), payload]);
  }

  async open(payload: Uint8Array, last: boolean): Promise<Uint8Array> {
    const flags = last ? LAST : 0;
    const counter = this.#counter++;
    const aad = concat([this.headerDigest, counterBytes(counter, 8), Uint8Array.of(flags)]);
    if (payload.length < TAG_BYTES) throw backupError('backup.damaged', { frame: counter });
    if (this.key) {
      try {
        return new Uint8Array(await subtle().decrypt(
          { name: 'AES-GCM', iv: counterBytes(counter, 12) as BufferSource, additionalData: aad as BufferSource, tagLength: 128 }, this.key, payload as BufferSource,
        ));
      } catch {
        throw backupError('backup.damaged', { frame: counter });
      }
    }
    const plain = payload.subarray(0, payload.length - TAG_BYTES);
    const sum = (await sha256(aad, plain)).subarray(0, TAG_BYTES);
    if (!equalBytes(sum, payload.subarray(payload.length - TAG_BYTES))) throw backupError('backup.damaged', { frame: counter });
    return plain;
  }
}

export interface WriterOptions {
  /** Encrypt with this passphrase; plain (checksummed) when absent or empty. */
  passphrase?: string;
  iterations?: number;
  frameBytes?: number;
  app?: string;
  createdAt?: number;
}

/**
 * Writes a backup: `write` plain bytes (any sizes), then `finish`. Sealed output parts go to
 * `sink` in order (the header first); at most one frame of plain bytes is held at a time.
 */
export class BackupWriter {
  #buffer: Uint8Array;
  #filled = 0;
  #sealer!: FrameSealer;
  #pendingFull = false;
  bytesWritten = 0;

  private constructor(private readonly sink: (part: Uint8Array) => void | Promise<void>, readonly header: BackupHeader) {
    this.#buffer = new Uint8Array(header.frameBytes);
  }

  static async create(sink: (part: Uint8Array) => void | Promise<void>, options: WriterOptions = {}): Promise<BackupWriter> {
    const iterations = Math.max(MIN_ITERATIONS, options.iterations ?? MIN_ITERATIONS);
    let keys: Keys | null = null;
    let encryption: BackupHeader['encryption'] = null;
    if (options.passphrase) {
      const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
      keys = await deriveKeys(options.passphrase, salt, iterations);
      encryption = { cipher: 'AES-GCM-256', kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), check: toBase64(keys.check) };
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT, app: options.app ?? '', createdAt: options.createdAt ?? Date.now(),
      frameBytes: Math.min(MAX_FRAME_BYTES, Math.max(1024, options.frameBytes ?? DEFAULT_FRAME_BYTES)), encryption,
    };
    const writer = new BackupWriter(sink, header);
    const json = new TextEncoder().encode(JSON.stringify(header));
    const head = concat([MAGIC, u32(json.length), json]);
    writer.#sealer = new FrameSealer(await sha256(head), keys?.aes ?? null);
    await writer.#emit(head);
    return writer;
  }

  async #emit(part: Uint8Array): Promise<void> {
    this.bytesWritten += part.length;
    await this.sink(part);
  }

  /** Add plain bytes. */
  async write(data: Uint8Array): Promise<void> {
    let at = 0;
    while (at < data.length) {
      if (this.#pendingFull) {
        // more bytes follow a full frame: it was not the last one
        await this.#emit(await this.#sealer.seal(this.#buffer, false));
        this.#buffer = new Uint8Array(this.header.frameBytes);
        this.#filled = 0;
        this.#pendingFull = false;
      }
      const n = Math.min(data.length - at, this.#buffer.length - this.#filled);
      this.#buffer.set(data.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#buffer.length) this.#pendingFull = true;
    }
  }

  /** Seal what is left as the last frame. */
  async finish(): Promise<void> {
    await this.#emit(await this.#sealer.seal(this.#buffer.subarray(0, this.#filled), true));
  }
}

/** Reads exact byte counts from a stream of chunks. */
class ByteSource {
  #chunks: Uint8Array[] = [];
  #available = 0;
  #done = false;
  consumed = 0;
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Exactly n bytes, or null if the stream ends first (with fewer than n left). */
  async read(n: number): Promise<Uint8Array | null> {
    while (this.#available < n && !this.#done) {
      const { value, done } = await this.reader.read();
      if (done) this.#done = true;
      else if (value.length) {
        this.#chunks.push(value);
        this.#available += value.length;
      }
    }
    if (this.#available < n) return null;
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const head = this.#chunks[0];
      const take = Math.min(head.length, n - at);
      out.set(head.subarray(0, take), at);
      at += take;
      if (take === head.length) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(take);
    }
    this.#available -= n;
    this.consumed += n;
    return out;
  }

  async atEnd(): Promise<boolean> {
    return (await this.read(1)) === null;
  }
}

/** Reads the header of a backup without a passphrase (throws a backup notice if it is not one). */
export async function readBackupHeader(stream: ReadableStream<Uint8Array>): Promise<BackupHeader> {
  const reader = stream.getReader();
  try {
    return (await openHeader(new ByteSource(reader))).header;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function openHeader(source: ByteSource): Promise<{ header: BackupHeader; digest: Uint8Array }> {
  const start = await source.read(MAGIC.length + 4);
  if (!start || !equalBytes(start.subarray(0, MAGIC.length), MAGIC)) throw backupError('backup.notBackup');
  const length = new DataView(start.buffer, start.byteOffset).getUint32(MAGIC.length, true);
  if (length > MAX_HEADER_BYTES) throw backupError('backup.damaged');
  const json = await source.read(length);
  if (!json) throw backupError('backup.truncated');
  let header: BackupHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as BackupHeader;
  } catch {
    throw backupError('backup.damaged');
  }
  if (!header || typeof header !== 'object' || !Number.isInteger(header.format)) throw backupError('backup.damaged');
  if (header.format > BACKUP_FORMAT) throw backupError('backup.newerFormat', { format: header.format });
  if (header.format < 1 || !Number.isInteger(header.frameBytes) || header.frameBytes < 1 || header.frameBytes > MAX_FRAME_BYTES) {
    throw backupError('backup.damaged');
  }
  const enc = header.encryption;
  if (enc !== null && (typeof enc !== 'object' || enc.cipher !== 'AES-GCM-256' || enc.kdf !== 'PBKDF2-SHA-256'
    || !Number.isInteger(enc.iterations) || enc.iterations < MIN_ITERATIONS || enc.iterations > MAX_ITERATIONS
    || typeof enc.salt !== 'string' || typeof enc.check !== 'string')) {
    throw backupError('backup.damaged');
  }
  return { header, digest: await sha256(start, json) };
}

export interface ReadOptions {
  passphrase?: string;
  /** Called after each frame with the bytes read so far. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Reads a backup: yields the plain bytes frame by frame, after each frame was authenticated.
 * Throws a backup notice for anything wrong; a caller must treat what it got so far as unconfirmed
 * until the generator finishes (the last frame is verified before it returns).
 */
export async function* readBackupFrames(stream: ReadableStream<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<Uint8Array, BackupHeader> {
  const reader = stream.getReader();
  try {
    const source = new ByteSource(reader);
    const { header, digest } = await openHeader(source);
    let key: CryptoKey | null = null;
    if (header.encryption) {
      if (!options.passphrase) throw backupError('backup.needsPassphrase');
      let salt: Uint8Array;
      let check: Uint8Array;
      try {
        salt = fromBase64(header.encryption.salt);
        check = fromBase64(header.encryption.check);
      } catch {
        throw backupError('backup.damaged');
      }
      const keys = await deriveKeys(options.passphrase, salt, header.encryption.iterations);
      if (!equalBytes(keys.check, check)) throw backupError('backup.wrongPassphrase');
      key = keys.aes;
    }
    const opener = new FrameSealer(digest, key);
    const maxPayload = header.frameBytes + TAG_BYTES;
    for (;;) {
      const head = await source.read(5);
      if (!head) throw backupError('backup.truncated');
      const flags = head[0];
      const length = new DataView(head.buffer, head.byteOffset).getUint32(1, true);
      if ((flags & ~LAST) !== 0 || length > maxPayload) throw backupError('backup.damaged');
      const payload = await source.read(length);
      if (!payload) throw backupError('backup.truncated');
      const last = (flags & LAST) !== 0;
      const plain = await opener.open(payload, last);
      options.onBytes?.(source.consumed);
      if (last) {
        if (!(await source.atEnd())) throw backupError('backup.damaged');
        if (plain.length) yield plain;
        return header;
      }
      yield plain;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
