/**
 * Who on a list may be contacted: every export of a list for contact (care lists, an action's
 * treated customers) goes through `forContact`, which leaves out customers without marketing
 * consent unless the user includes them for a list not used for marketing.
 *
 * Contract shared by the care lists and the actions (owner: the consent work of issue 16).
 */
import type { LoadedDataset } from '../core/loaded';
import { contactableRows } from '../../src/lib/domain/act/consent';

export interface ContactOptions {
  /** Include customers without marketing consent (only for lists not used for marketing). */
  includeWithoutConsent?: boolean;
}

export interface ContactSplit {
  /** The customers to export (indices into ds.indexed.customers), in the order given. */
  rows: number[];
  /** Customers of the list left out for lack of consent (0 when included or when the dataset has no consent column). */
  leftOut: number;
  /** Whether the dataset carries a consent column at all (false: each export says so). */
  hasConsent: boolean;
  /**
   * Customers of the list without consent (refused or unknown), whether left out or included: the
   * number an export shows when the user included them (0 when the dataset has no consent column).
   */
  withoutConsent: number;
}

/**
 * The customers of a list that may be contacted (see ContactOptions). A dataset "has a consent
 * column" when some customer's consent is known (yes or no); then a customer whose consent is not
 * yes — refused, or unknown (never asked, only in an orders file, or a newer customers file
 * without the column) — is left out unless included. Without any known consent nobody is left out.
 * @param ds the loaded dataset
 * @param rows the list, as indices into ds.indexed.customers
 * @param options [{}] includeWithoutConsent for a list not used for marketing
 * @example
 * forContact(ds, [0, 1, 2]); // { rows: [0, 2], leftOut: 1, withoutConsent: 1, hasConsent: true } when customer 1 refused
 */
export function forContact(ds: LoadedDataset, rows: ArrayLike<number>, options: ContactOptions = {}): ContactSplit {
  return contactableRows(ds.indexed.customers.consent, rows, options.includeWithoutConsent === true);
}
