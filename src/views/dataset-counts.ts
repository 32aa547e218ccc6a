import type { DatasetRow } from '../lib/db/schema';
import { formatNumber } from '../lib/i18n/format';
import { i18n } from '../lib/i18n/i18n.svelte';

/**
 * What a dataset holds, in words. Stored customer rows come from customer files only: a dataset
 * imported from orders alone has none stored (its customers are derived from the orders when it
 * is opened), so it is described by its orders rather than as "0 customers".
 */
export function datasetCountsText(counts: DatasetRow['counts']): string {
  const n = (v: number) => formatNumber(v, i18n.locale);
  const params = { customers: n(counts.customers), orders: n(counts.orders), surveys: n(counts.surveys), interactions: n(counts.interactions) };
  return i18n.t(counts.customers === 0 && counts.orders > 0 ? 'dataset.countsFromOrders' : 'dataset.counts', params);
}

/** The rows of one import, in words: only the kinds it has ('69,659 order lines'). */
export function importRowsText(rows: DatasetRow['counts']): string {
  const n = (v: number) => formatNumber(v, i18n.locale);
  const parts = [
    rows.customers ? i18n.t('imports.rowsCustomers', { count: n(rows.customers) }) : '',
    rows.orders ? i18n.t('imports.rowsOrders', { count: n(rows.orders) }) : '',
    rows.surveys ? i18n.t('imports.rowsSurveys', { count: n(rows.surveys) }) : '',
    rows.interactions ? i18n.t('imports.rowsInteractions', { count: n(rows.interactions) }) : '',
    rows.servqual ? i18n.t('imports.rowsServqual', { count: n(rows.servqual) }) : '',
    rows.importance ? i18n.t('imports.rowsImportance', { count: n(rows.importance) }) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(i18n.locale === 'zh' ? '、' : ', ') : i18n.t('imports.rowsNone');
}
