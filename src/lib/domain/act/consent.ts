/**
 * Marketing consent (同意营销) of a dataset's customers: whether the dataset records it at all,
 * who of a list may be contacted for marketing, and the coverage the privacy page shows.
 * Consent codes are CustomerColumns.consent: CONSENT_UNKNOWN, CONSENT_YES, CONSENT_NO.
 */
import { CONSENT_NO, CONSENT_YES, NO_DAY } from '../types';

/**
 * Whether a dataset records marketing consent: at least one customer's consent is known. A file
 * whose consent column is blank throughout says nothing about anyone, so it counts as none.
 * @param consent each customer's consent code
 * @example
 * hasConsentColumn(Uint8Array.of(0, 0, 2)); // true
 * hasConsentColumn(Uint8Array.of(0, 0)); // false
 */
export function hasConsentColumn(consent: ArrayLike<number>): boolean {
  for (let i = 0; i < consent.length; i++) if (consent[i] === CONSENT_YES || consent[i] === CONSENT_NO) return true;
  return false;
}

/** Who of a list may be contacted (see contactableRows). */
export interface ContactableRows {
  /** The rows to export, in the order given. */
  rows: number[];
  /** Rows left out for lack of consent (0 when included, or when the dataset records no consent). */
  leftOut: number;
  /** Rows of the list without consent (refused or unknown), whether left out or included (0 when the dataset records none). */
  withoutConsent: number;
  /** Whether the dataset records consent at all. */
  hasConsent: boolean;
}

/**
 * The rows of a list that may be contacted: without `include`, a customer whose consent is not
 * yes (refused or unknown) is left out, when the dataset records consent; when it records none,
 * nobody is left out (and the export must say consent was not checked).
 * @param consent each customer's consent code (indexed by row)
 * @param rows the list, as rows of `consent`
 * @param include [false] keep customers without consent (only for a list not used for marketing)
 * @example
 * contactableRows(Uint8Array.of(1, 2, 0), [2, 1, 0]); // { rows: [0], leftOut: 2, withoutConsent: 2, hasConsent: true }
 */
export function contactableRows(consent: ArrayLike<number>, rows: ArrayLike<number>, include = false): ContactableRows {
  const all = Array.from(rows);
  if (!hasConsentColumn(consent)) return { rows: all, leftOut: 0, withoutConsent: 0, hasConsent: false };
  const kept: number[] = [];
  let without = 0;
  for (const r of all) {
    if (consent[r] === CONSENT_YES) kept.push(r);
    else without++;
  }
  return include
    ? { rows: all, leftOut: 0, withoutConsent: without, hasConsent: true }
    : { rows: kept, leftOut: without, withoutConsent: without, hasConsent: true };
}

/** How many customers agreed to marketing, refused it, or were never asked. */
export interface ConsentCoverage {
  customers: number;
  yes: number;
  no: number;
  unknown: number;
  /** yes ÷ customers (0 without customers). */
  yesShare: number;
  noShare: number;
  unknownShare: number;
  /** The latest day a consent was given or refused (null when no consent has a day). */
  latestDay: number | null;
  /** Whether the dataset records consent at all (some customer's is known). */
  hasConsent: boolean;
}

/**
 * Consent coverage of a dataset's customers.
 * @param consent each customer's consent code
 * @param consentDay each customer's consent day (NO_DAY when none)
 * @example
 * consentCoverage(Uint8Array.of(1, 1, 2, 0), Int32Array.of(100, 120, 90, NO_DAY));
 * // { customers: 4, yes: 2, no: 1, unknown: 1, yesShare: 0.5, noShare: 0.25, unknownShare: 0.25, latestDay: 120, hasConsent: true }
 */
export function consentCoverage(consent: ArrayLike<number>, consentDay: ArrayLike<number>): ConsentCoverage {
  const n = consent.length;
  let yes = 0;
  let no = 0;
  let latest = NO_DAY;
  for (let i = 0; i < n; i++) {
    const c = consent[i];
    if (c === CONSENT_YES) yes++;
    else if (c === CONSENT_NO) no++;
    else continue;
    const d = consentDay[i];
    if (d !== NO_DAY && d > latest) latest = d;
  }
  const unknown = n - yes - no;
  const share = (k: number) => (n > 0 ? k / n : 0);
  return {
    customers: n, yes, no, unknown, yesShare: share(yes), noShare: share(no), unknownShare: share(unknown),
    latestDay: latest === NO_DAY ? null : latest, hasConsent: yes + no > 0,
  };
}
