/**
 * Core data shapes shared by the engine, the store and the UI.
 * Columnar throughout: one array per field, one entry per row.
 */

/** A calendar day as whole days since 1970-01-01 (no time of day, no time zone). */
export type DayNumber = number;

/** Marks a missing day in an Int32Array of days. */
export const NO_DAY = -2147483648;

/** Order (transaction) lines. Returns carry a negative amount and isReturn = 1. */
export interface OrderColumns {
  customerId: string[];
  orderId: string[];
  day: Int32Array;
  amount: Float64Array;
  /** NaN when unknown. */
  quantity: Float64Array;
  isReturn: Uint8Array;
}

/** Customer attributes. Empty string = unknown for text fields. */
export interface CustomerColumns {
  id: string[];
  name: string[];
  gender: string[];
  /** NO_DAY when unknown. */
  birthDay: Int32Array;
  city: string[];
  province: string[];
  channel: string[];
  /** NaN when unknown. */
  acquisitionCost: Float64Array;
  /** NO_DAY when unknown. */
  signupDay: Int32Array;
}

/** Survey answers. nps: 0–10 or -1 when not asked; csat: 1–5 or 0 when not asked. */
export interface SurveyColumns {
  customerId: string[];
  day: Int32Array;
  nps: Int8Array;
  csat: Int8Array;
}

/** Service interactions; kind is 'complaint' | 'inquiry' | 'praise'. */
export interface InteractionColumns {
  customerId: string[];
  day: Int32Array;
  channel: string[];
  kind: string[];
  topic: string[];
  resolved: Uint8Array;
}

export type TableKind = 'orders' | 'customers' | 'surveys' | 'interactions';

export interface TableColumnsByKind {
  orders: OrderColumns;
  customers: CustomerColumns;
  surveys: SurveyColumns;
  interactions: InteractionColumns;
}

/** Everything one dataset holds. */
export interface DatasetContent {
  orders: OrderColumns;
  customers: CustomerColumns;
  surveys: SurveyColumns;
  interactions: InteractionColumns;
}

/** A message for the user, worded by the UI's catalog. */
export interface Notice {
  code: string;
  params?: Record<string, string | number>;
}
