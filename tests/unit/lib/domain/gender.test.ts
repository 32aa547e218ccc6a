import { describe, expect, it } from 'vitest';
import { GENDERS, isGender, normaliseGender, GENDER_CODINGS } from '../../../../src/lib/domain/gender';

describe('normaliseGender', () => {
  it('gives M for every way of writing male, in any case or width', () => {
    const male = ['M', 'm', 'male', 'Male', 'MALE', 'man', '男', '男性', '男士', ' 男 ', 'Ｍ', 'ｍａｌｅ'];
    expect(male.map((v) => normaliseGender(v))).toEqual(male.map(() => 'M'));
  });

  it('gives F for every way of writing female, in any case or width', () => {
    const female = ['F', 'f', 'female', 'Female', 'FEMALE', 'woman', '女', '女性', '女士', '女\u3000', 'Ｆ'];
    expect(female.map((v) => normaliseGender(v))).toEqual(female.map(() => 'F'));
  });

  it('makes M, male and 男 the same value', () => {
    expect(new Set(['M', 'male', '男'].map((v) => normaliseGender(v)))).toEqual(new Set(['M']));
  });

  it('keeps values it cannot read as they were (trimmed): numeric codes are not guessed', () => {
    expect(normaliseGender('1')).toBe('1');
    expect(normaliseGender(' 2 ')).toBe('2');
    expect(normaliseGender('unknown')).toBe('unknown');
    expect(normaliseGender('未知')).toBe('未知');
    expect(normaliseGender('')).toBe('');
    expect(normaliseGender('constructor')).toBe('constructor'); // no prototype lookup
  });

  it('names the canonical values', () => {
    expect(GENDERS).toEqual(['F', 'M']);
    expect(['F', 'M', 'f', '男', ''].map(isGender)).toEqual([true, true, false, false, false]);
  });

  it('reads numeric codes only as the user declared them', () => {
    expect(normaliseGender('1')).toBe('1');
    expect(normaliseGender(' 2 ', GENDER_CODINGS['1M2F'])).toBe('F');
    expect(normaliseGender('1', GENDER_CODINGS['1M2F'])).toBe('M');
    expect(normaliseGender('1', GENDER_CODINGS['1F2M'])).toBe('F');
    expect(normaliseGender('0', GENDER_CODINGS['0F1M'])).toBe('F');
    // words still win, and a code outside the declared pair is kept
    expect(normaliseGender('女', GENDER_CODINGS['1M2F'])).toBe('F');
    expect(normaliseGender('9', GENDER_CODINGS['1M2F'])).toBe('9');
    expect(normaliseGender('constructor', GENDER_CODINGS['1M2F'])).toBe('constructor');
  });
});
