/** A file's content hash (SHA-256 of its bytes), to recognise a file imported before. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { yieldToEvents } from '../core/jobs';

/** Up to this size the file is hashed in one call of the platform's SHA-256 (fast, holds the file in memory once). */
const WHOLE_BYTES = 64 * 1024 * 1024;
/** Larger files are read and hashed in slices of this size, so memory stays small. */
const SLICE_BYTES = 8 * 1024 * 1024;

/**
 * SHA-256 of a file's bytes, lowercase hex. `checkpoint` is called between slices of a large
 * file (it throws to cancel).
 */
export async function fileSha256(file: Blob, checkpoint: () => void = () => undefined): Promise<string> {
  if (file.size <= WHOLE_BYTES && globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  for (let pos = 0; pos < file.size; pos += SLICE_BYTES) {
    checkpoint();
    hash.update(new Uint8Array(await file.slice(pos, pos + SLICE_BYTES).arrayBuffer()));
    await yieldToEvents();
  }
  return bytesToHex(hash.digest());
}
