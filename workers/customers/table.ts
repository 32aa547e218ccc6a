import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ageOn, NO_DAY } from '../../src/lib/domain';
import type { LoadedDataset } from '../core/loaded';
import type { CustomerPage, CustomerQuery, CustomerRow, CustomerSortKey } from './api';

const SORTABLE: CustomerSortKey[] = ['id', 'name', 'gender', 'age', 'city', 'channel', 'signup', 'orders', 'net', 'firstOrder', 'lastOrder', 'pAlive', 'exp90', 'clv'];
const MAX_PAGE = 500;

const day = (d: number): number | null => (d === NO_DAY ? null : d);
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The per-customer table behind the customers view (built once per loaded dataset). */
export function customerTable(ds: LoadedDataset): ColumnTable {
  if (ds.customerTable) return ds.customerTable;
  const c = ds.indexed.customers;
  const s = ds.summary;
  const n = c.id.length;
  let asOf = NO_DAY;
  for (let i = 0; i < n; i++) if (s.lastDay[i] > asOf) asOf = s.lastDay[i];
  const age = new Array<number | null>(n);
  const net = new Float64Array(n);
  const hay = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    age[i] = c.birthDay[i] === NO_DAY || asOf === NO_DAY ? null : ageOn(c.birthDay[i], asOf);
    net[i] = s.sales[i] - s.returns[i];
    hay[i] = `${c.id[i]}\u0001${c.name[i]}\u0001${c.city[i]}\u0001${c.province[i]}\u0001${c.channel[i]}`.toLowerCase();
  }
  ds.customerTable = aq.table({
    row: Int32Array.from({ length: n }, (_, i) => i),
    id: c.id,
    name: c.name,
    gender: c.gender,
    age,
    city: c.city,
    province: c.province,
    channel: c.channel,
    signup: Array.from(c.signupDay, day),
    orders: s.orders,
    net,
    firstOrder: Array.from(s.firstDay, day),
    lastOrder: Array.from(s.lastDay, day),
    hay,
    ...(ds.value
      ? {
          pAlive: Array.from(ds.value.pAlive, finite),
          exp90: Array.from(ds.value.exp90, finite),
          clv: Array.from(ds.value.clv, finite),
        }
      : {}),
  });
  return ds.customerTable;
}

/**
 * Filter, sort and page the customers. Unknown values sort last in both directions.
 * Rows are filtered and sorted as index arrays over the table's columns, and read column by
 * column: no Arquero verb or row object, whose code Arquero compiles with `Function`, so the
 * worker runs under a Content-Security-Policy without 'unsafe-eval'.
 */
export function queryCustomers(
  ds: LoadedDataset, query: CustomerQuery, segment: { id: string; key: string; labels: readonly string[] } | null = null,
): CustomerPage {
  const base = customerTable(ds);
  const search = (query.search ?? '').trim().toLowerCase().slice(0, 200);
  const sortBy = SORTABLE.includes(query.sortBy as CustomerSortKey) ? (query.sortBy as CustomerSortKey) : 'net';
  const descending = query.descending ?? sortBy === 'net';
  const maxPAlive = ds.value && query.maxPAlive !== undefined && Number.isFinite(query.maxPAlive) ? query.maxPAlive : null;
  const key = JSON.stringify([search, sortBy, descending, segment?.id ?? '', segment?.key ?? '', maxPAlive]);
  let cached = ds.lastQuery?.key === key ? ds.lastQuery : undefined;
  if (!cached) {
    const labels = segment?.labels ?? null;
    const pAlive = maxPAlive !== null ? ds.value!.pAlive : null;
    let rows: number[] = [];
    for (let i = 0, n = base.numRows(); i < n; i++) {
      if (labels && labels[i] !== segment!.key) continue;
      if (pAlive && !(pAlive[i] < maxPAlive!)) continue;
      rows.push(i);
    }
    const total = rows.length;
    if (search) {
      const hay = base.array('hay') as string[];
      rows = rows.filter((i) => hay[i].includes(search));
    }
    cached = { key, total, order: sortOrder(base, rows, sortBy, descending) };
    ds.lastQuery = cached;
  }
  const { total, order } = cached;
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.limit ?? 50)));
  const matched = order.length;
  const offset = Math.max(0, Math.min(Math.floor(query.offset ?? 0), Math.max(0, matched - 1)));
  const rows: CustomerRow[] = [];
  for (let i = offset; i < Math.min(matched, offset + limit); i++) rows.push(customerRow(base, order[i]));
  return { total, matched, offset, rows };
}

const isUnknown = (v: unknown) => v == null || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Order of the given rows for a sort: unknown values last in both directions, ties by id. */
function sortOrder(table: ColumnTable, rows: number[], sortBy: CustomerSortKey, descending: boolean): Int32Array {
  // plain arrays (one copy each): the comparator runs millions of times
  const values = table.array(sortBy) as ArrayLike<unknown>;
  const ids = table.array('id') as ArrayLike<string>;
  const order = Int32Array.from(rows);
  const sign = descending ? -1 : 1;
  order.sort((a, b) => {
    const va = values[a], vb = values[b];
    const ua = isUnknown(va), ub = isUnknown(vb);
    if (ua !== ub) return ua ? 1 : -1;
    if (!ua && va !== vb) {
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      if (c) return c * sign;
    }
    return ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0;
  });
  return order;
}

const ROW_FIELDS = ['id', 'name', 'gender', 'age', 'city', 'province', 'channel', 'signup', 'orders', 'net', 'firstOrder', 'lastOrder'] as const;
const VALUE_FIELDS = ['pAlive', 'exp90', 'clv'] as const;

/** One customer's row of the table (by row index), read column by column. */
export function customerRow(table: ColumnTable, row: number): CustomerRow {
  const out: Record<string, unknown> = {};
  for (const name of ROW_FIELDS) out[name] = table.column(name)!.at(row);
  if (table.column('pAlive')) for (const name of VALUE_FIELDS) out[name] = table.column(name)!.at(row);
  return out as unknown as CustomerRow;
}
