/** Privacy: forget a customer everywhere, what the device keeps for pseudonymisation, and marketing consent coverage. */
import { deletePseudonymMapping, forgetCustomerRows, lookupIdentity, pseudonymInventory } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import { consentCoverage, type ConsentCoverage } from '../../src/lib/domain/act/consent';

export type { ConsentCoverage };

/** Who a pseudonymised customer is, from the mapping kept on this device. */
export interface PseudonymIdentity {
  /** The original customer id (the stored id when it was not replaced). */
  id: string;
  /** The original name ('' when none was replaced). */
  name: string;
}

/** What this device keeps for pseudonymisation. */
export interface PseudonymStatus {
  /** A pseudonymisation key exists (settings `pseudonym.key`). */
  key: boolean;
  /** Kept mappings, per dataset (the dataset may have been deleted since). */
  mappings: { datasetId: string; customers: number }[];
}

export interface PrivacyApi {
  /** Remove a customer and everything of theirs from the dataset (rows, edits, snapshot entries); returns rows removed. */
  forgetCustomer(datasetId: string, customerId: string): Promise<number>;
  /** Whether a pseudonymisation key and mappings are stored on this device. */
  pseudonymStatus(): Promise<PseudonymStatus>;
  /** The original identity of a stored customer id, when a mapping was kept (else null). */
  pseudonymIdentity(datasetId: string, customerId: string): Promise<PseudonymIdentity | null>;
  /** Delete the kept mapping of a dataset (the pseudonyms stay; who they are is no longer known here). */
  discardPseudonymMapping(datasetId: string): Promise<void>;
  /** Marketing consent of the loaded dataset's customers: yes / no / unknown, shares, the latest consent day. */
  consentCoverage(jobId: string, datasetId: string): Promise<ConsentCoverage>;
}

export function privacyApi(ctx: EngineContext): PrivacyApi {
  return {
    async forgetCustomer(datasetId, customerId) {
      const removed = await forgetCustomerRows(ctx.db, datasetId, customerId);
      ctx.invalidate(datasetId);
      return removed;
    },

    pseudonymStatus: () => pseudonymInventory(ctx.db),

    pseudonymIdentity: (datasetId, customerId) => lookupIdentity(ctx.db, datasetId, customerId),

    discardPseudonymMapping: (datasetId) => deletePseudonymMapping(ctx.db, datasetId),

    consentCoverage: (jobId, datasetId) =>
      ctx.run(jobId, async () => {
        const c = ctx.current(datasetId).indexed.customers;
        return consentCoverage(c.consent, c.consentDay);
      }),
  };
}
