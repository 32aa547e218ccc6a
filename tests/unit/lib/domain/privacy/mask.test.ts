import { describe, expect, it } from 'vitest';
import { maskPersonal } from '../../../../../src/lib/domain';

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
