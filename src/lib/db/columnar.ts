/**
 * Arrow IPC codec for the columnar tables (orders, customers, surveys, interactions).
 * Every stored chunk records the layout it was written with; readers must know every layout,
 * because Dexie upgrades never rewrite the binary chunks.
 */
import {
  dictionary, float64, int32, int8, tableFromArrays, tableFromIPC, tableToIPC, uint8, utf8,
  type DataType,
} from '@uwdata/flechette';
import type { TableColumnsByKind, TableKind } from '../domain/types';

/** Layout written by this version of the app. */
export const CURRENT_LAYOUT = 1;

type ColumnCodec = 'dict' | 'utf8' | 'int32' | 'float64' | 'uint8' | 'int8';

/** Column codecs of layout 1, per table kind. */
const LAYOUT_1: { [K in TableKind]: Record<keyof TableColumnsByKind[K] & string, ColumnCodec> } = {
  orders: {
    customerId: 'dict', orderId: 'utf8', day: 'int32', amount: 'float64', quantity: 'float64', isReturn: 'uint8',
  },
  customers: {
    id: 'utf8', name: 'utf8', gender: 'dict', birthDay: 'int32', city: 'dict', province: 'dict', channel: 'dict',
    acquisitionCost: 'float64', signupDay: 'int32',
  },
  surveys: { customerId: 'dict', day: 'int32', nps: 'int8', csat: 'int8' },
  interactions: {
    customerId: 'dict', day: 'int32', channel: 'dict', kind: 'dict', topic: 'dict', resolved: 'uint8',
  },
};

const LAYOUTS: Record<number, typeof LAYOUT_1> = { 1: LAYOUT_1 };

const ARROW_TYPE: Record<ColumnCodec, () => DataType> = {
  dict: () => dictionary(utf8()),
  utf8: () => utf8(),
  int32: () => int32(),
  float64: () => float64(),
  uint8: () => uint8(),
  int8: () => int8(),
};

type AnyColumns = Record<string, ArrayLike<unknown>>;

function codecsOf(kind: TableKind, layout: number): Record<string, ColumnCodec> {
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
  const data: Record<string, unknown[] | ArrayBufferView> = {};
  const types: Record<string, DataType> = {};
  for (const [name, codec] of Object.entries(codecs)) {
    const column = (columns as unknown as AnyColumns)[name];
    if (!column) throw new Error(`Missing column ${kind}.${name}`);
    const part = Array.isArray(column)
      ? column.slice(start, end)
      : (column as unknown as Int32Array).subarray(start, end);
    data[name] = part as unknown[] | ArrayBufferView;
    types[name] = ARROW_TYPE[codec]();
  }
  const table = tableFromArrays(data as never, { types });
  const bytes = tableToIPC(table, { format: 'stream' });
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
    if (codec === 'dict') {
      const values: string[] = new Array(table.numRows);
      let offset = 0;
      type DictBatch = { length: number; values: Int32Array; dictionary: { cache(): string[] } };
      for (const batch of column.data as unknown as DictBatch[]) {
        // batch.values may be padded past the batch's length: read exactly `length` keys.
        const dict = batch.dictionary.cache();
        const keys = batch.values;
        for (let i = 0; i < batch.length; i++) values[offset + i] = dict[keys[i]] ?? '';
        offset += batch.length;
      }
      out[name] = values;
    } else if (codec === 'utf8') {
      out[name] = Array.from(column.toArray() as ArrayLike<string | null>, (v) => v ?? '');
    } else {
      out[name] = column.toArray() as ArrayLike<number>;
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
    if (codec === 'dict' || codec === 'utf8') {
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
