/**
 * The demo company's marketing consent (issue 16, point 6), so the consent notes of the exports
 * show on the first visit: about 85% agreed, 10% refused, 5% never asked; deterministic by the
 * seed and independent of the locale; a consent day on or after the sign-up, within the window.
 */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../../../src/lib/domain/demo';
import { hasConsentColumn, NO_DAY } from '../../../../../src/lib/domain';

const demo = generateDemo();

describe('demo consent', () => {
  it('gives most customers consent, some a refusal, a few none', () => {
    const c = demo.customers;
    const n = c.id.length;
    const count = (code: number) => c.consent.filter((v) => v === code).length;
    expect(hasConsentColumn(c.consent)).toBe(true);
    // 5,000 draws: a share p has a standard error of at most √(0.25 / 5000) ≈ 0.007, so ±0.03 is over 4 of them
    expect(count(1) / n).toBeGreaterThan(0.82);
    expect(count(1) / n).toBeLessThan(0.88);
    expect(count(2) / n).toBeGreaterThan(0.07);
    expect(count(2) / n).toBeLessThan(0.13);
    expect(count(0) / n).toBeGreaterThan(0.02);
    expect(count(0) / n).toBeLessThan(0.08);
    expect(count(1) + count(2) + count(0)).toBe(n);
  });

  it('dates a known consent on or after the sign-up and within the window; an unknown one has no day', () => {
    const c = demo.customers;
    for (let i = 0; i < c.id.length; i++) {
      if (c.consent[i] === 0) expect(c.consentDay[i]).toBe(NO_DAY);
      else {
        expect(c.consentDay[i]).toBeGreaterThanOrEqual(c.signupDay[i]);
        expect(c.consentDay[i]).toBeLessThanOrEqual(demo.endDay);
      }
    }
  });

  it('is the same for the same seed, differs for another, and does not depend on the locale', () => {
    const a = generateDemo({ seed: 3, customers: 500 });
    const b = generateDemo({ seed: 3, customers: 500, locale: 'en' });
    const other = generateDemo({ seed: 4, customers: 500 });
    expect(b.customers.consent).toEqual(a.customers.consent);
    expect(b.customers.consentDay).toEqual(a.customers.consentDay);
    expect(other.customers.consent).not.toEqual(a.customers.consent);
  });
});
