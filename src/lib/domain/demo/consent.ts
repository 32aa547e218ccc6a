/**
 * Marketing consent (同意营销) of the demo customers, so that exports for contact show what they
 * leave out on the first visit: most agreed when they signed up, some refused or withdrew later,
 * a few were never asked (unknown). Drawn from a stream of its own: the other demo data stay the same.
 */
import type { Random } from '../random';
import { CONSENT_NO, CONSENT_UNKNOWN, CONSENT_YES, NO_DAY, type DayNumber } from '../types';

/** Shares of the demo's customers: agreed, refused (the rest: never asked). */
export const DEMO_CONSENT_YES = 0.85;
export const DEMO_CONSENT_NO = 0.1;

/**
 * Consent and its day per customer.
 * @param rng the consent stream (`${seed}/consent`)
 * @param signupDay each customer's signup day
 * @param end the last day of the demo window (no consent day after it)
 * @example
 * drawConsent(createRandom('7/consent'), Int32Array.of(19000), 20000); // { consent: Uint8Array [1], consentDay: Int32Array [19000] } (most likely)
 */
export function drawConsent(rng: Random, signupDay: ArrayLike<DayNumber>, end: DayNumber): { consent: Uint8Array; consentDay: Int32Array } {
  const n = signupDay.length;
  const consent = new Uint8Array(n);
  const consentDay = new Int32Array(n).fill(NO_DAY);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const signup = signupDay[i];
    if (u < DEMO_CONSENT_YES) {
      consent[i] = CONSENT_YES;
      // most agree at sign-up, some on a later visit
      consentDay[i] = rng.next() < 0.8 ? signup : Math.min(end, signup + rng.int(1, 180));
    } else if (u < DEMO_CONSENT_YES + DEMO_CONSENT_NO) {
      consent[i] = CONSENT_NO;
      // refused at sign-up, or withdrew later
      consentDay[i] = rng.next() < 0.5 ? signup : Math.min(end, signup + rng.int(30, 720));
    } else {
      consent[i] = CONSENT_UNKNOWN;
    }
  }
  return { consent, consentDay };
}
