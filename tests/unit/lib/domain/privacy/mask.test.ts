import { describe, expect, it } from 'vitest';
import { maskId, maskPersonal } from '../../../../../src/lib/domain';

describe('maskPersonal', () => {
  it('keeps the first character of each word of a name', () => {
    expect(maskPersonal('王文博')).toBe('王**');
    expect(maskPersonal('刘丽')).toBe('刘*');
    expect(maskPersonal('Emily Reed')).toBe('E**** R***');
    expect(maskPersonal('A')).toBe('A*');
  });

  it('hides e-mail local parts and all but the last four digits of phone numbers', () => {
    expect(maskPersonal('li.na@example.com')).toBe('l****@example.com');
    expect(maskPersonal('138 0013 8000')).toBe('*** **** 8000');
    expect(maskPersonal('+86-21-5555-1234')).toBe('+**-**-****-1234');
  });

  it('leaves empty values alone and never reveals more than the first character', () => {
    expect(maskPersonal('')).toBe('');
    expect(maskPersonal('😀smile')).toBe('😀*****');
  });
});

describe('maskId', () => {
  it('masks ids that are phone numbers or e-mail addresses, and leaves codes alone', () => {
    expect(maskId('13800138000')).toBe('*******8000');
    expect(maskId('+86 138-0013-8000')).toBe('+** ***-****-8000');
    expect(maskId('li.na@example.com')).toBe('l****@example.com');
    // codes: a customer number, an id with letters, a short number
    expect(maskId('C-00042')).toBe('C-00042');
    expect(maskId('12488')).toBe('12488');
    expect(maskId('VIP-13800138000')).toBe('VIP-13800138000');
    expect(maskId('')).toBe('');
  });
});
