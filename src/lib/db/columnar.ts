/**
 * Arrow IPC codec for the columnar tables (orders, customers, surveys, interactions).
 * Every stored chunk records the layout it was written with; readers must know every layout,
 * because Dexie upgrades never rewrite the binary chunks.
 */
import {
  columnFromArray, float64, int32, int8, tableFromColumns, tableFromIPC, tableToIPC, uint8,
  type Column, type DataType,
} from '@uwdata/flechette';
import { readUtf8Column, utf8Column } from './utf8-column';
import { NO_DAY, type TableColumnsByKind, type TableKind } from '../domain/types';

/** Layout written by this version of the app. */
export const CURRENT_LAYOUT = 3;

type ColumnCodec = 'utf8' | 'int32' | 'float64' | 'uint8' | 'int8';

/** Column codecs of layout 1, per table kind. */
type Layout = { [K in TableKind]?: Partial<Record<keyof TableColumnsByKind[K] & string, ColumnCodec>> };

/** Column codecs of layout 1 (before issue 14), per table kind. */
const LAYOUT_1: Layout = {
  orders: {
    customerId: 'utf8', orderId: 'utf8', day: 'int32', amount: 'float64', quantity: 'float64', isReturn: 'uint8',
  },
  customers: {
    id: 'utf8', name: 'utf8', gender: 'utf8', birthDay: 'int32', city: 'utf8', province: 'utf8', channel: 'utf8',
    acquisitionCost: 'float64', signupDay: 'int32',
  },
  surveys: { customerId: 'utf8', day: 'int32', nps: 'int8', csat: 'int8' },
  interactions: {
    customerId: 'utf8', day: 'int32', channel: 'utf8', kind: 'utf8', topic: 'utf8', resolved: 'uint8',
  },
};

/**
 * Layout 2 (issue 14): customers' referrer; interactions' entry id, severity, resolved day and
 * text; SERVQUAL answers and importance points.
 */
const LAYOUT_2: Layout = {
  orders: LAYOUT_1.orders,
  customers: {
    id: 'utf8', name: 'utf8', gender: 'utf8', birthDay: 'int32', city: 'utf8', province: 'utf8', channel: 'utf8',
    acquisitionCost: 'float64', signupDay: 'int32', referredBy: 'utf8',
  },
  surveys: LAYOUT_1.surveys as Record<keyof TableColumnsByKind['surveys'] & string, ColumnCodec>,
  interactions: {
    id: 'utf8', customerId: 'utf8', day: 'int32', channel: 'utf8', kind: 'utf8', topic: 'utf8', resolved: 'uint8',
    severity: 'int8', resolvedDay: 'int32', text: 'utf8',
  },
  servqual: { customerId: 'utf8', day: 'int32', item: 'int8', dimension: 'int8', expectation: 'int8', perception: 'int8' },
  importance: {
    customerId: 'utf8', day: 'int32', tangibles: 'float64', reliability: 'float64', responsiveness: 'float64',
    assurance: 'float64', empathy: 'float64',
  },
};

/** Layout 3 (issue 16): customers' marketing consent and its day. */
const LAYOUT_3: { [K in TableKind]: Record<keyof TableColumnsByKind[K] & string, ColumnCodec> } = {
  ...(LAYOUT_2 as { [K in TableKind]: Record<keyof TableColumnsByKind[K] & string, ColumnCodec> }),
  customers: { ...(LAYOUT_2.customers as Record<string, ColumnCodec>), consent: 'uint8', consentDay: 'int32' } as Record<keyof TableColumnsByKind['customers'] & string, ColumnCodec>,
};

const LAYOUTS: Record<number, Layout> = { 1: LAYOUT_1, 2: LAYOUT_2, 3: LAYOUT_3 };

/**
 * What a column missing from an older layout reads as: empty text, NO_DAY for a day, 0 otherwise
 * (an interaction's severity unknown, a customer's consent unknown). Legacy interactions get their entry ids in decodeDataset.
 */
function missingColumn(name: string, codec: ColumnCodec, rows: number): ArrayLike<unknown> {
  if (codec === 'utf8') return new Array<string>(rows).fill('');
  const Ctor = { int32: Int32Array, float64: Float64Array, uint8: Uint8Array, int8: Int8Array }[codec];
  const out = new Ctor(rows);
  if (name.endsWith('Day')) out.fill(NO_DAY);
  return out;
}

const ARROW_TYPE: Record<Exclude<ColumnCodec, 'utf8'>, () => DataType> = {
  int32: () => int32(),
  float64: () => float64(),
  uint8: () => uint8(),
  int8: () => int8(),
};

type AnyColumns = Record<string, ArrayLike<unknown>>;

function codecsOf(kind: TableKind, layout: number): Record<string, ColumnCodec> {
  if (layout === CURRENT_LAYOUT) return LAYOUT_3[kind];
  const codecs = LAYOUTS[layout]?.[kind];
  if (!codecs) throw new Error(`Unknown chunk layout ${layout} for ${kind}`);
  return codecs;
}

/** Number of rows in a columnar table. */
export function rowCount(kind: TableKind, columns: TableColumnsByKind[TableKind]): number {
  const first = Object.keys(codecsOf(kind, CURRENT_LAYOUT))[0];
  return (columns as unknown as AnyColumns)[first].length;
}

/** Serialise rows [start, end) of a table as one Arrow IPC stream. */
export function encodeChunk<K extends TableKind>(
  kind: K, columns: TableColumnsByKind[K], start: number, end: number,
): Uint8Array {
  const codecs = codecsOf(kind, CURRENT_LAYOUT);
  const data: Record<string, Column<unknown>> = {};
  for (const [name, codec] of Object.entries(codecs)) {
    const column = (columns as unknown as AnyColumns)[name];
    if (!column) throw new Error(`Missing column ${kind}.${name}`);
    data[name] =
      codec === 'utf8'
        ? utf8Column((column as string[]).slice(start, end))
        : columnFromArray((column as unknown as Int32Array).subarray(start, end), ARROW_TYPE[codec]());
  }
  const bytes = tableToIPC(tableFromColumns(data), { format: 'stream' });
  if (!bytes) throw new Error('Arrow encoding produced no bytes');
  return bytes;
}

/** Decode one stored chunk back into plain columns (strings as arrays, numbers as typed arrays). */
export function decodeChunk<K extends TableKind>(kind: K, layout: number, bytes: Uint8Array): TableColumnsByKind[K] {
  const codecs = codecsOf(kind, layout);
  const table = tableFromIPC(bytes, { useDate: false });
  const out: AnyColumns = {};
  for (const [name, codec] of Object.entries(codecs)) {
    const column = table.getChild(name);
    if (codec === 'utf8') out[name] = readUtf8Column(column);
    else out[name] = column.toArray() as ArrayLike<number>;
  }
  if (layout !== CURRENT_LAYOUT) {
    for (const [name, codec] of Object.entries(LAYOUT_3[kind]) as [string, ColumnCodec][]) {
      if (!(name in out)) out[name] = missingColumn(name, codec, table.numRows);
    }
  }
  return out as unknown as TableColumnsByKind[K];
}

/** An empty table of a kind. */
export function emptyColumns<K extends TableKind>(kind: K): TableColumnsByKind[K] {
  return concatColumns(kind, []);
}

/** Concatenate decoded chunks of one kind into one table. */
export function concatColumns<K extends TableKind>(kind: K, parts: TableColumnsByKind[K][]): TableColumnsByKind[K] {
  const codecs = codecsOf(kind, CURRENT_LAYOUT);
  const total = parts.reduce((n, p) => n + rowCount(kind, p), 0);
  const out: AnyColumns = {};
  for (const [name, codec] of Object.entries(codecs)) {
    const cols = parts.map((p) => (p as unknown as AnyColumns)[name]);
    if (codec === 'utf8') {
      out[name] = cols.length === 1 ? cols[0] : ([] as unknown[]).concat(...cols.map((c) => c as unknown[]));
    } else {
      const Ctor = { int32: Int32Array, float64: Float64Array, uint8: Uint8Array, int8: Int8Array }[codec];
      const arr = new Ctor(total);
      let offset = 0;
      for (const c of cols) {
        arr.set(c as ArrayLike<number>, offset);
        offset += c.length;
      }
      out[name] = arr;
    }
  }
  return out as unknown as TableColumnsByKind[K];
}

/** Serialise columns of strings (all the same length) as one Arrow IPC stream. */
export function encodeStrings(columns: Record<string, readonly string[]>): Uint8Array {
  const data: Record<string, Column<unknown>> = {};
  for (const [name, values] of Object.entries(columns)) data[name] = utf8Column(values);
  const bytes = tableToIPC(tableFromColumns(data), { format: 'stream' });
  if (!bytes) throw new Error('Arrow encoding produced no bytes');
  return bytes;
}

/** Read back the string columns written by encodeStrings. */
export function decodeStrings(bytes: Uint8Array, names: readonly string[]): Record<string, string[]> {
  const table = tableFromIPC(bytes);
  return Object.fromEntries(names.map((n) => [n, readUtf8Column(table.getChild(n))]));
}
