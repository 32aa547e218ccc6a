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
  /** The customer id of who referred them ('' when nobody or unknown). */
  referredBy: string[];
  /** Marketing consent (同意营销): CONSENT_UNKNOWN (0), CONSENT_YES (1) or CONSENT_NO (2). */
  consent: Uint8Array;
  /** When consent was given or refused; NO_DAY when not known. */
  consentDay: Int32Array;
}

/** CustomerColumns.consent: not known (no column, or a blank cell). */
export const CONSENT_UNKNOWN = 0;
/** CustomerColumns.consent: the customer agreed to marketing. */
export const CONSENT_YES = 1;
/** CustomerColumns.consent: the customer refused (or withdrew) marketing. */
export const CONSENT_NO = 2;

/** Survey answers. nps: 0–10 or -1 when not asked; csat: 1–10 (a 5-, 7- or 10-point scale) or 0 when not asked. */
export interface SurveyColumns {
  customerId: string[];
  day: Int32Array;
  nps: Int8Array;
  csat: Int8Array;
}

/** Interaction kinds a file or a hand entry may hold (InteractionColumns.kind). */
export const INTERACTION_KINDS = ['complaint', 'inquiry', 'praise', 'suggestion'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/**
 * Service interactions (feedback and complaints). kind is an InteractionKind; resolved: 1 when
 * resolved (closed), 0 when open; severity 1 low, 2 medium, 3 high, 0 unknown.
 */
export interface InteractionColumns {
  /** Stable entry id (the file's ticket number, or made at import): what hand edits refer to. */
  id: string[];
  customerId: string[];
  day: Int32Array;
  channel: string[];
  kind: string[];
  topic: string[];
  resolved: Uint8Array;
  severity: Int8Array;
  /** NO_DAY when open or unknown. */
  resolvedDay: Int32Array;
  /** Free text ('' when none). */
  text: string[];
}

/**
 * SERVQUAL answers on the 7-point scale: one row per respondent and item (item 1–22), or per
 * respondent and dimension (item 0). dimension is the index in SERVQUAL_DIMENSIONS (0–4);
 * expectation / perception 1–7, 0 when not answered.
 */
export interface ServqualColumns {
  customerId: string[];
  day: Int32Array;
  item: Int8Array;
  dimension: Int8Array;
  expectation: Int8Array;
  perception: Int8Array;
}

/** The importance points a SERVQUAL respondent split over the five dimensions (usually 100 in all). */
export interface ImportanceColumns {
  customerId: string[];
  day: Int32Array;
  tangibles: Float64Array;
  reliability: Float64Array;
  responsiveness: Float64Array;
  assurance: Float64Array;
  empathy: Float64Array;
}

export type TableKind = 'orders' | 'customers' | 'surveys' | 'interactions' | 'servqual' | 'importance';

/** Every table kind, in the order datasets are read and written. */
export const TABLE_KINDS: readonly TableKind[] = ['customers', 'orders', 'surveys', 'interactions', 'servqual', 'importance'];

/** The column of each table kind that holds the customer id. */
export const CUSTOMER_ID_COLUMN: Record<TableKind, string> = {
  customers: 'id', orders: 'customerId', surveys: 'customerId', interactions: 'customerId', servqual: 'customerId', importance: 'customerId',
};

/** Zero rows of every table kind. */
export function emptyTableCounts(): Record<TableKind, number> {
  return { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 };
}

export interface TableColumnsByKind {
  orders: OrderColumns;
  customers: CustomerColumns;
  surveys: SurveyColumns;
  interactions: InteractionColumns;
  servqual: ServqualColumns;
  importance: ImportanceColumns;
}

/** Everything one dataset holds. */
export interface DatasetContent {
  orders: OrderColumns;
  customers: CustomerColumns;
  surveys: SurveyColumns;
  interactions: InteractionColumns;
  servqual: ServqualColumns;
  importance: ImportanceColumns;
}

/** A message for the user, worded by the UI's catalog. */
export interface Notice {
  code: string;
  params?: Record<string, string | number>;
}
