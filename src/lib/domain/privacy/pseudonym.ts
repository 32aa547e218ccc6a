/**
 * Pseudonymisation at import: personal identifiers are replaced by keyed hashes (HMAC-SHA-256)
 * with a key that never leaves the device, so analysis works without identities.
 *
 * - Customer ids that look like a phone number or an e-mail address become `P-` + 16 hex digits
 *   (64 bits) of HMAC(key, "id:" + normalised id). Other ids (`C000123`) stay. A collision would
 *   merge two customers; with 64 bits the chance of any collision is about n² / 2⁶⁵: 3·10⁻⁸ for a
 *   million customers, 3·10⁻⁴ for a hundred million.
 * - Names become `N-` + 12 hex digits (48 bits) of HMAC(key, "name:" + the customer's id key):
 *   a label per customer, so it says nothing about the name, not even which customers share one.
 *   Names are not join keys; a collision would only show two customers with the same label.
 * - The same key maps the same person to the same pseudonym in every file and every import.
 *
 * Pure: no storage. The key and the optional mapping (pseudonym → identity) are kept in the
 * settings table under keys starting with `pseudonym.`, which backups leave out unless asked.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { CUSTOMER_ID_COLUMN, type TableColumnsByKind, type TableKind } from '../types';

/** Every settings key of this feature starts with this (backups exclude them unless asked). */
export const PSEUDONYM_PREFIX = 'pseudonym.';
/** Settings key of the device's pseudonymisation key (raw bytes). */
export const PSEUDONYM_KEY_SETTING = 'pseudonym.key';
/** Length of the key in bytes (256 bits). */
export const PSEUDONYM_KEY_BYTES = 32;
const MAP_PREFIX = 'pseudonym.map:';

/** Settings key of a dataset's mapping (pseudonym → identity). */
export function pseudonymMapSetting(datasetId: string): string {
  return MAP_PREFIX + datasetId;
}

/** The dataset a settings key holds the mapping of, or null for other keys. */
export function datasetOfPseudonymMap(settingKey: string): string | null {
  return settingKey.startsWith(MAP_PREFIX) ? settingKey.slice(MAP_PREFIX.length) : null;
}

const PHONE = /^\+?[\d\s()-]+$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * True when a cell looks like a phone number: digits with an optional leading +, spaces, dashes
 * and parentheses, 7–15 digits in all (E.164 allows 15). Ids made only of 7–15 digits count too.
 * @example isPhone('+86 138-0013-8000') // true
 * @example isPhone('000123') // false (6 digits)
 */
export function isPhone(text: string): boolean {
  const s = text.trim();
  if (!PHONE.test(s)) return false;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 7 && digits <= 15;
}

/**
 * True when a cell looks like an e-mail address: local@domain.tld, no spaces.
 * @example isEmail(' Li.Na@Example.com ') // true
 * @example isEmail('li.na@localhost') // false
 */
export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

/**
 * A phone number without punctuation: the leading + (if any) and the digits.
 * @example normalisePhone(' +86 (138) 0013-8000 ') // '+8613800138000'
 */
export function normalisePhone(text: string): string {
  const s = text.trim();
  return (s.startsWith('+') ? '+' : '') + s.replace(/\D/g, '');
}

/**
 * An e-mail address trimmed and in lower case.
 * @example normaliseEmail(' Li.Na@Example.COM') // 'li.na@example.com'
 */
export function normaliseEmail(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The normalised form of a customer id that is personal data (a phone number or an e-mail
 * address), or null for any other id.
 * @example personalId('138 0013 8000') // '13800138000'
 * @example personalId('C000123') // null
 */
export function personalId(id: string): string | null {
  if (id.includes('@')) return isEmail(id) ? normaliseEmail(id) : null;
  return isPhone(id) ? normalisePhone(id) : null;
}

const utf8 = new TextEncoder();

/**
 * HMAC-SHA-256 (RFC 2104 with SHA-256; checked against the test vectors of RFC 4231).
 * @param key the key, any length
 * @param message bytes, or text (hashed as UTF-8)
 * @returns the 32-byte tag
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array | string): Uint8Array {
  return hmac(sha256, key, typeof message === 'string' ? utf8.encode(message) : message);
}

/**
 * A key as read back from storage, or null when it is not a usable key (missing or corrupt).
 * @param value the stored value (raw bytes)
 */
export function restorePseudonymKey(value: unknown): Uint8Array | null {
  const bytes = value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  return bytes && bytes.length === PSEUDONYM_KEY_BYTES ? bytes : null;
}

/** Labels from one key, computed with the key's inner and outer hash states prepared once. */
export class PseudonymLabeller {
  #prepared: ReturnType<typeof hmac.create>;

  constructor(key: Uint8Array) {
    if (key.length < 16) throw new Error('pseudonymisation key too short');
    this.#prepared = hmac.create(sha256, key);
  }

  #hex(message: string, bytes: number): string {
    return bytesToHex(this.#prepared.clone().update(utf8.encode(message)).digest().subarray(0, bytes));
  }

  /** Pseudonym of a normalised personal id: `P-` + 16 hex digits of HMAC(key, "id:" + id). */
  id(normalised: string): string {
    return 'P-' + this.#hex('id:' + normalised, 8);
  }

  /** Name label of a customer, from the customer's id key: `N-` + 12 hex digits of HMAC(key, "name:" + key). */
  name(idKey: string): string {
    return 'N-' + this.#hex('name:' + idKey, 6);
  }
}

/**
 * The mapping kept on the device when the user asks for it: per stored customer id, the original
 * id ('' when the id was not replaced) and the original name ('' when none was replaced).
 */
export interface PseudonymMap {
  id: string[];
  originalId: string[];
  originalName: string[];
}

/** A mapping as read back from storage, made whole (anything unreadable becomes empty). */
export function restorePseudonymMap(value: unknown): PseudonymMap {
  const v = (value ?? {}) as Partial<Record<keyof PseudonymMap, unknown>>;
  const strings = (a: unknown): string[] | null => (Array.isArray(a) && a.every((x) => typeof x === 'string') ? a : null);
  const id = strings(v.id);
  const originalId = strings(v.originalId);
  const originalName = strings(v.originalName);
  if (!id || !originalId || !originalName || originalId.length !== id.length || originalName.length !== id.length) {
    return { id: [], originalId: [], originalName: [] };
  }
  return { id, originalId, originalName };
}

/** Merge `added` into `base`: new customers are appended; for known ones, non-empty fields win. */
export function mergePseudonymMaps(base: PseudonymMap, added: PseudonymMap): PseudonymMap {
  const out: PseudonymMap = { id: [...base.id], originalId: [...base.originalId], originalName: [...base.originalName] };
  const at = new Map(out.id.map((id, i) => [id, i]));
  for (let j = 0; j < added.id.length; j++) {
    const i = at.get(added.id[j]);
    if (i === undefined) {
      at.set(added.id[j], out.id.length);
      out.id.push(added.id[j]);
      out.originalId.push(added.originalId[j]);
      out.originalName.push(added.originalName[j]);
    } else {
      if (added.originalId[j]) out.originalId[i] = added.originalId[j];
      if (added.originalName[j]) out.originalName[i] = added.originalName[j];
    }
  }
  return out;
}

/** The mapping without one customer (forget a customer). */
export function withoutPseudonym(map: PseudonymMap, customerId: string): PseudonymMap {
  const keep: number[] = [];
  for (let i = 0; i < map.id.length; i++) if (map.id[i] !== customerId) keep.push(i);
  return { id: keep.map((i) => map.id[i]), originalId: keep.map((i) => map.originalId[i]), originalName: keep.map((i) => map.originalName[i]) };
}

/** Who a stored customer id is, from the mapping: original id and name, or null when unknown. */
export function lookupPseudonym(map: PseudonymMap, customerId: string): { id: string; name: string } | null {
  const i = map.id.indexOf(customerId);
  if (i < 0) return null;
  return { id: map.originalId[i] || customerId, name: map.originalName[i] };
}


/**
 * Pseudonymises the tables of one import batch, chunk by chunk, consistently across its files:
 * each distinct id is looked at (and hashed) once. Collects the mapping of what it replaced.
 * @example
 * const p = new Pseudonymiser(key);
 * const stored = p.table('orders', chunk); // customer ids that are phones or e-mails → P-…
 * p.mapping(); // { id: ['P-…'], originalId: ['13800138000'], originalName: [''] }
 */
export class Pseudonymiser {
  #labels: PseudonymLabeller;
  /** Id as imported → id as stored. */
  #ids = new Map<string, string>();
  /** Stored id → [original id or '', original name or '']. */
  #identities = new Map<string, [string, string]>();
  #idsReplaced = 0;
  #namesReplaced = 0;

  constructor(key: Uint8Array) {
    this.#labels = new PseudonymLabeller(key);
  }

  /** Distinct customer ids replaced so far. */
  get idsReplaced(): number {
    return this.#idsReplaced;
  }

  /** Customer names replaced so far. */
  get namesReplaced(): number {
    return this.#namesReplaced;
  }

  /** The stored id for an imported id: a pseudonym for phones and e-mails, else the id itself. */
  id(raw: string): string {
    let stored = this.#ids.get(raw);
    if (stored === undefined) {
      const personal = personalId(raw);
      stored = personal === null ? raw : this.#labels.id(personal);
      this.#ids.set(raw, stored);
      if (personal !== null && !this.#identities.has(stored)) {
        this.#identities.set(stored, [personal, '']);
        this.#idsReplaced++;
      }
    }
    return stored;
  }

  /** The label replacing a customer's name (empty names stay empty). */
  name(rawName: string, rawId: string): string {
    if (rawName === '') return '';
    const stored = this.id(rawId);
    const identity = this.#identities.get(stored) ?? ['', ''];
    if (!identity[1]) this.#namesReplaced++;
    identity[1] = rawName;
    this.#identities.set(stored, identity);
    return this.#labels.name(personalId(rawId) ?? rawId);
  }

  /** A chunk with its customer ids (and names) replaced; numeric columns are shared, not copied. */
  table<K extends TableKind>(kind: K, columns: TableColumnsByKind[K]): TableColumnsByKind[K] {
    const cols = columns as unknown as Record<string, unknown>;
    const ids = cols[CUSTOMER_ID_COLUMN[kind]] as string[];
    const out: Record<string, unknown> = { ...cols, [CUSTOMER_ID_COLUMN[kind]]: ids.map((raw) => this.id(raw)) };
    if (kind === 'customers') {
      const names = cols.name as string[];
      out.name = names.map((name, i) => this.name(name, ids[i]));
      // the referrer is a customer id too: the same pseudonym as their own rows
      const referrers = cols.referredBy as string[] | undefined;
      if (referrers) out.referredBy = referrers.map((r) => (r === '' ? r : this.id(r)));
    }
    if (kind === 'orders') {
      // without an order id column an order is `${customerId}|${day}` (convert.ts): replace the id there too
      const orderIds = cols.orderId as string[];
      const days = cols.day as Int32Array;
      const stored = out.customerId as string[];
      out.orderId = orderIds.map((o, i) => {
        const raw = ids[i];
        // cheap tests first: a million rows pass here
        if (stored[i] === raw || o.charCodeAt(raw.length) !== 124 /* | */ || !o.startsWith(raw) || o.slice(raw.length + 1) !== String(days[i])) return o;
        return `${stored[i]}|${days[i]}`;
      });
    }
    return out as unknown as TableColumnsByKind[K];
  }

  /** What was replaced: stored id → original id and name. */
  mapping(): PseudonymMap {
    const map: PseudonymMap = { id: [], originalId: [], originalName: [] };
    for (const [id, [originalId, originalName]] of this.#identities) {
      map.id.push(id);
      map.originalId.push(originalId);
      map.originalName.push(originalName);
    }
    return map;
  }
}
