import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ageOn, NO_DAY } from '../../src/lib/domain';
import type { CustomerPage, CustomerQuery, CustomerRow, CustomerSortKey } from '../api';
import type { LoadedDataset } from './loaded';

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

/** Filter, sort and page the customers. Unknown values sort last in both directions. */
export function queryCustomers(ds: LoadedDataset, query: CustomerQuery): CustomerPage {
  const base = customerTable(ds);
  const search = (query.search ?? '').trim().toLowerCase().slice(0, 200);
  const sortBy = SORTABLE.includes(query.sortBy as CustomerSortKey) ? (query.sortBy as CustomerSortKey) : 'net';
  const descending = query.descending ?? sortBy === 'net';
  const segment = query.segment && ds.segmentation ? query.segment : '';
  const maxPAlive = ds.value && query.maxPAlive !== undefined && Number.isFinite(query.maxPAlive) ? query.maxPAlive : null;
  const key = JSON.stringify([search, sortBy, descending, segment, ds.segmentation?.id ?? 0, maxPAlive]);
  let cached = ds.lastQuery?.key === key ? ds.lastQuery : undefined;
  if (!cached) {
    let table = base;
    if (segment) {
      const labels = ds.segmentation!.labels;
      table = table.filter(aq.escape((d: { row: number }) => labels[d.row] === segment));
    }
    if (maxPAlive !== null) {
      const pAlive = ds.value!.pAlive;
      table = table.filter(aq.escape((d: { row: number }) => pAlive[d.row] < maxPAlive));
    }
    const total = table.numRows();
    if (search) table = table.filter(aq.escape((d: { hay: string }) => d.hay.includes(search)));
    cached = { key, table, total, order: sortOrder(table, sortBy, descending) };
    ds.lastQuery = cached;
  }
  const { table, total, order } = cached;
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.limit ?? 50)));
  const matched = order.length;
  const offset = Math.max(0, Math.min(Math.floor(query.offset ?? 0), Math.max(0, matched - 1)));
  const rows: CustomerRow[] = [];
  for (let i = offset; i < Math.min(matched, offset + limit); i++) {
    rows.push(toRow(table.object(order[i]) as unknown as CustomerRow));
  }
  return { total, matched, offset, rows };
}

const isUnknown = (v: unknown) => v == null || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Row order for a sort: unknown values last in both directions, ties by id. */
function sortOrder(table: ColumnTable, sortBy: CustomerSortKey, descending: boolean): Int32Array {
  const values = table.array(sortBy) as ArrayLike<unknown>;
  const ids = table.array('id') as ArrayLike<string>;
  const order = Int32Array.from({ length: table.numRows() }, (_, i) => i);
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

/** A customer's row for the table and the detail view. */
export function toRow(r: CustomerRow & { row?: number; hay?: string }): CustomerRow {
  return {
    id: r.id, name: r.name, gender: r.gender, age: r.age, city: r.city, province: r.province, channel: r.channel,
    signup: r.signup, orders: r.orders, net: r.net, firstOrder: r.firstOrder, lastOrder: r.lastOrder,
    ...(r.pAlive !== undefined ? { pAlive: r.pAlive, exp90: r.exp90, clv: r.clv } : {}),
  };
}
