import { describe, expect, it } from 'vitest';
import {
  datasetOfPseudonymMap, hmacSha256, isEmail, isPhone, lookupPseudonym, mergePseudonymMaps, normaliseEmail, normalisePhone,
  personalId, PseudonymLabeller, Pseudonymiser, pseudonymMapSetting, restorePseudonymKey, restorePseudonymMap, withoutPseudonym,
  NO_DAY, type OrderColumns, type CustomerColumns,
} from '../../../../../src/lib/domain';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);
const text = (s: string) => new TextEncoder().encode(s);

// RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, -256, -384, and -512", section 4, HMAC-SHA-256.
const RFC4231: [string, Uint8Array, Uint8Array, string][] = [
  ['1', fill(20, 0x0b), text('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
  ['2', text('Jefe'), text('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
  ['3', fill(20, 0xaa), fill(50, 0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
  ['4', Uint8Array.from({ length: 25 }, (_, i) => i + 1), fill(50, 0xcd), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
  ['6', fill(131, 0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
  ['7', fill(131, 0xaa), text('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'), '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'],
];

describe('hmacSha256', () => {
  it.each(RFC4231)('matches RFC 4231 test case %s', (_, key, data, expected) => {
    expect(hex(hmacSha256(key, data))).toBe(expected);
  });

  it('matches RFC 4231 test case 5 (truncated to 128 bits)', () => {
    expect(hex(hmacSha256(fill(20, 0x0c), 'Test With Truncation')).slice(0, 32)).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('hashes text as UTF-8', () => {
    expect(hmacSha256(text('k'), '王文博')).toEqual(hmacSha256(text('k'), text('王文博')));
  });
});

describe('detection and normalisation', () => {
  it.each(['13800138000', '+86 138 0013 8000', '(010) 6552-9988', '+1 (555) 010-9999', '1234567', '123456789012345'])('%s is a phone', (s) => {
    expect(isPhone(s)).toBe(true);
  });

  it.each(['C000123', '000123', '123456', '1234567890123456', '138.0013.8000', '2024/01/05', '+', '86+13800138000', 'abc 1234567'])('%s is not a phone', (s) => {
    expect(isPhone(s)).toBe(false);
  });

  it.each(['li.na@example.com', ' Li.Na@Example.COM ', 'a+b@mail.example.cn', '王@例子.中国'])('%s is an e-mail address', (s) => {
    expect(isEmail(s)).toBe(true);
  });

  it.each(['li.na@localhost', '@example.com', 'li na@example.com', 'a@b@c.com', 'li.na@example.', 'li.na@.com', 'C000123'])('%s is not an e-mail address', (s) => {
    expect(isEmail(s)).toBe(false);
  });

  it('strips phone punctuation, keeps a leading +, and lower-cases e-mails', () => {
    expect(normalisePhone(' +86 (138) 0013-8000 ')).toBe('+8613800138000');
    expect(normalisePhone('138-0013-8000')).toBe('13800138000');
    expect(normaliseEmail(' Li.Na@Example.COM ')).toBe('li.na@example.com');
  });

  it('personalId gives the normalised form of phones and e-mails only', () => {
    expect(personalId('138 0013 8000')).toBe('13800138000');
    expect(personalId('Li.Na@Example.com')).toBe('li.na@example.com');
    expect(personalId('C000123')).toBeNull();
    expect(personalId('000123')).toBeNull();
  });
});

describe('labels', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i);

  it('is P- and 16 hex digits of HMAC(key, "id:" + id), and N- and 12 for names', () => {
    const labels = new PseudonymLabeller(key);
    expect(labels.id('13800138000')).toBe('P-' + hex(hmacSha256(key, 'id:13800138000')).slice(0, 16));
    expect(labels.id('13800138000')).toMatch(/^P-[0-9a-f]{16}$/);
    expect(labels.name('C000123')).toBe('N-' + hex(hmacSha256(key, 'name:C000123')).slice(0, 12));
  });

  it('depends on the key', () => {
    const other = Uint8Array.from({ length: 32 }, (_, i) => 31 - i);
    expect(new PseudonymLabeller(key).id('x@y.com')).not.toBe(new PseudonymLabeller(other).id('x@y.com'));
  });
});

describe('Pseudonymiser', () => {
  const key = fill(32, 7);
  const orders = (ids: string[], orderIds: string[]): OrderColumns => ({
    customerId: ids, orderId: orderIds, day: Int32Array.from(ids, (_, i) => 19000 + i), amount: new Float64Array(ids.length),
    quantity: new Float64Array(ids.length), isReturn: new Uint8Array(ids.length),
  });
  const customers = (ids: string[], names: string[]): CustomerColumns => ({
    id: ids, name: names, gender: ids.map(() => ''), birthDay: Int32Array.from(ids, () => NO_DAY), city: ids.map(() => ''),
    province: ids.map(() => ''), channel: ids.map(() => ''), acquisitionCost: new Float64Array(ids.length), signupDay: Int32Array.from(ids, () => NO_DAY),
    referredBy: ids.map(() => ''), consent: new Uint8Array(ids.length), consentDay: Int32Array.from(ids, () => NO_DAY),
  });

  it('replaces phones and e-mails consistently across files and spellings, keeps other ids', () => {
    const p = new Pseudonymiser(key);
    const o = p.table('orders', orders(['138-0013-8000', 'Li.Na@Example.com', 'C000123'], ['A1', 'A2', 'A3']));
    const c = p.table('customers', customers(['13800138000', 'li.na@example.com', 'C000123'], ['王文博', 'Li Na', '']));
    expect(o.customerId[0]).toMatch(/^P-[0-9a-f]{16}$/);
    expect(c.id).toEqual(o.customerId);
    expect(o.customerId[2]).toBe('C000123');
    expect(c.name[0]).toMatch(/^N-[0-9a-f]{12}$/);
    expect(c.name[2]).toBe('');
    expect(o.orderId).toEqual(['A1', 'A2', 'A3']);
    expect(o.day).toBe(o.day); // numeric columns are shared
    // a new pseudonymiser with the same key (a later import) gives the same pseudonyms
    expect(new Pseudonymiser(key).id('+8613800138000')).not.toBe(o.customerId[0]); // a country code is part of the number
    expect(new Pseudonymiser(key).id('138 0013 8000')).toBe(o.customerId[0]);
    expect(p.idsReplaced).toBe(2);
    expect(p.namesReplaced).toBe(2);
    const map = p.mapping();
    expect(lookupPseudonym(map, o.customerId[0])).toEqual({ id: '13800138000', name: '王文博' });
    expect(lookupPseudonym(map, 'C000123')).toBeNull();
  });

  it('replaces the customer id inside generated order ids (customer|day)', () => {
    const p = new Pseudonymiser(key);
    const o = p.table('orders', orders(['13800138000', 'C1'], ['13800138000|19000', 'C1|19001']));
    expect(o.orderId).toEqual([`${o.customerId[0]}|19000`, 'C1|19001']);
  });

  it('records names of customers whose id stays', () => {
    const p = new Pseudonymiser(key);
    const c = p.table('customers', customers(['C1'], ['Emily Reed']));
    expect(lookupPseudonym(p.mapping(), 'C1')).toEqual({ id: 'C1', name: 'Emily Reed' });
    expect(c.name[0]).not.toContain('Emily');
  });
});

describe('stored key and mapping', () => {
  it('restores a 32-byte key only', () => {
    expect(restorePseudonymKey(fill(32, 1))).toEqual(fill(32, 1));
    expect(restorePseudonymKey(fill(32, 1).buffer)).toEqual(fill(32, 1));
    expect(restorePseudonymKey(fill(16, 1))).toBeNull();
    expect(restorePseudonymKey('key')).toBeNull();
    expect(restorePseudonymKey(undefined)).toBeNull();
  });

  it('restores, merges and shrinks mappings', () => {
    expect(restorePseudonymMap(undefined)).toEqual({ id: [], originalId: [], originalName: [] });
    expect(restorePseudonymMap({ id: ['a'], originalId: [], originalName: [] })).toEqual({ id: [], originalId: [], originalName: [] });
    const a = { id: ['P-1', 'C1'], originalId: ['1380', ''], originalName: ['', 'Emily'] };
    const b = { id: ['P-1', 'P-2'], originalId: ['1380', 'x@y.com'], originalName: ['王', ''] };
    const m = mergePseudonymMaps(a, b);
    expect(m).toEqual({ id: ['P-1', 'C1', 'P-2'], originalId: ['1380', '', 'x@y.com'], originalName: ['王', 'Emily', ''] });
    expect(withoutPseudonym(m, 'P-1')).toEqual({ id: ['C1', 'P-2'], originalId: ['', 'x@y.com'], originalName: ['Emily', ''] });
  });

  it('names settings keys under the pseudonym. prefix', () => {
    expect(pseudonymMapSetting('ds-1')).toBe('pseudonym.map:ds-1');
    expect(datasetOfPseudonymMap('pseudonym.map:ds-1')).toBe('ds-1');
    expect(datasetOfPseudonymMap('pseudonym.key')).toBeNull();
  });
});
