/**
 * Consent on a hand list (issue 16, point 6): who of a list may be contacted for marketing, and
 * the coverage the privacy page shows. Codes: 0 unknown, 1 yes, 2 no. Expected values counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { consentCoverage, contactableRows, hasConsentColumn, NO_DAY } from '../../../../../src/lib/domain';

//                     row: 0  1  2  3  4  5
const consent = Uint8Array.of(1, 2, 0, 1, 1, 2);

describe('contactableRows', () => {
  it('leaves out refused and unknown customers of the list, in the list’s order', () => {
    // list 5, 0, 2, 4: 5 refused, 2 unknown → left out; 0 and 4 agreed
    expect(contactableRows(consent, [5, 0, 2, 4])).toEqual({ rows: [0, 4], leftOut: 2, withoutConsent: 2, hasConsent: true });
  });

  it('includes them when the user says the list is not for marketing, still counting them', () => {
    expect(contactableRows(consent, [5, 0, 2, 4], true)).toEqual({ rows: [5, 0, 2, 4], leftOut: 0, withoutConsent: 2, hasConsent: true });
  });

  it('leaves nobody out when the dataset records no consent, and says so', () => {
    expect(contactableRows(new Uint8Array(4), [3, 1])).toEqual({ rows: [3, 1], leftOut: 0, withoutConsent: 0, hasConsent: false });
  });

  it('handles an empty list and a list of consenting customers only', () => {
    expect(contactableRows(consent, [])).toEqual({ rows: [], leftOut: 0, withoutConsent: 0, hasConsent: true });
    expect(contactableRows(consent, Int32Array.of(3, 0))).toEqual({ rows: [3, 0], leftOut: 0, withoutConsent: 0, hasConsent: true });
  });
});

describe('hasConsentColumn', () => {
  it('is true as soon as one customer’s consent is known, yes or no', () => {
    expect(hasConsentColumn(Uint8Array.of(0, 0, 2))).toBe(true);
    expect(hasConsentColumn(Uint8Array.of(0, 1))).toBe(true);
    expect(hasConsentColumn(Uint8Array.of(0, 0))).toBe(false);
    expect(hasConsentColumn(new Uint8Array(0))).toBe(false);
    // a stored code that is neither yes nor no counts as unknown
    expect(hasConsentColumn(Uint8Array.of(7))).toBe(false);
  });
});

describe('consentCoverage', () => {
  it('counts yes / no / unknown with their shares and the latest consent day', () => {
    const days = Int32Array.of(19_000, 19_500, NO_DAY, 19_200, NO_DAY, 19_100);
    // yes: rows 0, 3, 4 → 3 of 6 = 0.5; no: rows 1, 5 → 2 of 6; unknown: row 2 → 1 of 6
    // latest day among known consents: max(19000, 19500, 19200, 19100) = 19500
    const c = consentCoverage(consent, days);
    expect(c).toMatchObject({ customers: 6, yes: 3, no: 2, unknown: 1, latestDay: 19_500, hasConsent: true });
    expect(c.yesShare).toBeCloseTo(0.5, 12);
    expect(c.noShare).toBeCloseTo(1 / 3, 12);
    expect(c.unknownShare).toBeCloseTo(1 / 6, 12);
  });

  it('ignores the day of an unknown consent and says when no consent has a day', () => {
    expect(consentCoverage(Uint8Array.of(0, 1), Int32Array.of(20_000, NO_DAY))).toMatchObject({ yes: 1, unknown: 1, latestDay: null });
  });

  it('has no consent and zero shares without customers or without known consent', () => {
    expect(consentCoverage(new Uint8Array(0), new Int32Array(0))).toEqual({
      customers: 0, yes: 0, no: 0, unknown: 0, yesShare: 0, noShare: 0, unknownShare: 0, latestDay: null, hasConsent: false,
    });
    expect(consentCoverage(new Uint8Array(3), new Int32Array(3).fill(NO_DAY))).toMatchObject({ unknown: 3, unknownShare: 1, hasConsent: false });
  });
});
