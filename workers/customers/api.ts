/** Customers: the paged, searchable, sortable list, and one customer's detail. */
import type { EngineContext } from '../core/context';
import type { ValueModel } from '../core/loaded';
import type { InteractionEntry } from '../voice/entries';
import type { CustomerReferrals } from '../voice/recovery';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { customerDetail } from './detail';
import { queryCustomers } from './table';

export type CustomerSortKey =
  | 'id' | 'name' | 'gender' | 'age' | 'city' | 'channel' | 'signup' | 'orders' | 'net' | 'firstOrder' | 'lastOrder'
  | 'pAlive' | 'exp90' | 'clv';

export interface CustomerQuery {
  search?: string;
  /** Only members of this segment of this grouping. */
  segment?: { grouping: GroupingHandle; key: string };
  /** After a value fit: only customers whose P(alive) is below this (0–1). */
  maxPAlive?: number;
  sortBy?: CustomerSortKey;
  descending?: boolean;
  offset?: number;
  limit?: number;
}

export interface CustomerRow {
  id: string;
  name: string;
  gender: string;
  age: number | null;
  city: string;
  province: string;
  channel: string;
  signup: number | null;
  orders: number;
  net: number;
  firstOrder: number | null;
  lastOrder: number | null;
  /** After a value fit: P(alive), expected purchases in 90 days, CLV over the chosen horizon. */
  pAlive?: number | null;
  exp90?: number | null;
  clv?: number | null;
}

export interface CustomerPage {
  total: number;
  matched: number;
  offset: number;
  rows: CustomerRow[];
}

export interface CustomerOrderLine {
  orderId: string;
  day: number;
  amount: number;
  quantity: number | null;
  isReturn: boolean;
}

export interface CustomerDetail {
  row: CustomerRow;
  /** Median days between the customer's purchase days (null with fewer than two). */
  usualGapDays: number | null;
  /** 0–1 churn risk from the customer's own rhythm (0.5 at twice the usual gap); null if never bought. */
  rhythmRisk: number | null;
  /** The textbook inputs for this customer: orders per year since the first order, and average order value. */
  simple: { purchasesPerYear: number; averageOrderValue: number } | null;
  /** After a value fit: expected purchases in the next 30 and 365 days, and expected spend per order. */
  model: { exp30: number; exp365: number; spend: number } | null;
  /** What the CLV on the row is (after a value fit): model, horizon in months, margin. */
  valueModel: ValueModel | null;
  /** The customer's segment in the 11-segment RFM grouping with default settings (null without an order). */
  segment: string | null;
  birthDay: number | null;
  acquisitionCost: number | null;
  returns: number;
  lines: CustomerOrderLine[];
  /** The customer's survey answers, newest first (undated ones last). */
  surveys: { day: number | null; nps: number | null; csat: number | null }[];
  /**
   * The customer's feedback and complaints with hand edits applied, newest first (undated ones
   * last): each as the engine's `saveInteraction` takes it back (entry id, fields, whether it was
   * added by hand, the note).
   */
  interactions: InteractionEntry[];
  /**
   * Who referred the customer and whom they referred, with those customers' net revenue (and CLV
   * after a fit). The engine always sends it; optional for details made elsewhere (tests, older tabs).
   */
  referrals?: CustomerReferrals;
  /**
   * Marketing consent and its day (null: no day), when the dataset records consent (else absent).
   * Optional for details made elsewhere (tests, older tabs).
   */
  consent?: { status: 'yes' | 'no' | 'unknown'; day: number | null };
}

export interface CustomersApi {
  customers(datasetId: string, query: CustomerQuery): Promise<CustomerPage>;
  customer(datasetId: string, customerId: string): Promise<CustomerDetail | null>;
}

export function customersApi(ctx: EngineContext): CustomersApi {
  return {
    async customers(datasetId, query) {
      const ds = ctx.current(datasetId);
      const segment = query.segment ? { id: query.segment.grouping.id, key: query.segment.key, labels: resolveGrouping(ds, query.segment.grouping).labels } : null;
      return queryCustomers(ds, query, segment);
    },

    async customer(datasetId, customerId) {
      const ds = ctx.current(datasetId);
      const detail = customerDetail(ds, customerId);
      if (!detail) return null;
      const k = ds.indexed.customerIndex.get(customerId)!;
      const label = resolveGrouping(ds, handleFor({ kind: 'rfm', request: DEFAULT_RFM })).labels[k];
      return { ...detail, segment: label || null };
    },
  };
}
