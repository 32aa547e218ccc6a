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
  const key = JSON.stringify([search, sortBy, descending, segment, ds.segmentation?.id ?? 0]);
  let table: ColumnTable;
  let total: number;
  if (ds.lastQuery?.key === key) {
    ({ table, total } = ds.lastQuery);
  } else {
    table = base;
    if (segment) {
      const labels = ds.segmentation!.labels;
      table = table.filter(aq.escape((d: { row: number }) => labels[d.row] === segment));
    }
    total = table.numRows();
    if (search) table = table.filter(aq.escape((d: { hay: string }) => d.hay.includes(search)));
    table = sortTable(table, sortBy, descending);
    ds.lastQuery = { key, table, total };
  }
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.limit ?? 50)));
  const matched = table.numRows();
  const offset = Math.max(0, Math.min(Math.floor(query.offset ?? 0), Math.max(0, matched - 1)));
  const rows = table.slice(offset, offset + limit).objects() as unknown as (CustomerRow & { row: number; hay?: string })[];
  return { total, matched, offset, rows: rows.map(toRow) };
}

function sortTable(table: ColumnTable, sortBy: CustomerSortKey, descending: boolean): ColumnTable {
  // Rows with an unknown value go last whichever the direction.
  const known = table.filter(aq.escape((d: Record<string, unknown>) => d[sortBy] != null && d[sortBy] !== ''));
  const unknown = table.filter(aq.escape((d: Record<string, unknown>) => d[sortBy] == null || d[sortBy] === ''));
  const order = descending ? [aq.desc(sortBy), 'id'] : [sortBy, 'id'];
  const sorted = known.orderby(...order);
  return unknown.numRows() ? sorted.concat(unknown.orderby('id')) : sorted;
}

/** A customer's row for the table and the detail view. */
export function toRow(r: CustomerRow & { row?: number; hay?: string }): CustomerRow {
  return {
    id: r.id, name: r.name, gender: r.gender, age: r.age, city: r.city, province: r.province, channel: r.channel,
    signup: r.signup, orders: r.orders, net: r.net, firstOrder: r.firstOrder, lastOrder: r.lastOrder,
    ...(r.pAlive !== undefined ? { pAlive: r.pAlive, exp90: r.exp90, clv: r.clv } : {}),
  };
}
