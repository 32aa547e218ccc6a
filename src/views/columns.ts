import type { Column } from '../lib/components/table';
import type { CustomerRow } from '../../workers/api';
import type { MessageKey } from '../lib/i18n/messages';
import { maskId, maskPersonal } from '../lib/domain/privacy/mask';
import { demoTerm } from '../lib/domain/demo/text';
import { formatDay, formatMoney, formatNumber, formatPercent, type Locale } from '../lib/i18n/format';

/**
 * Columns of the customers table, worded and formatted for a language and currency. With `mask`,
 * names and phone- or e-mail-like ids are shown partly hidden (projectors, shared screens); with `demo`, the demo company's
 * cities and channels are shown in the interface language.
 */
export function customerColumns(t: (k: MessageKey) => string, locale: Locale, currency: string, mask = false, demo = false): Column<CustomerRow>[] {
  const gender = (g: string) => (g === 'F' || g === 'M' ? t(`gender.${g}`) : g || '—');
  const term = (v: string) => (demo ? demoTerm(v, locale) : v);
  return [
    { key: 'id', label: t('col.id'), sortable: true, text: (r) => (mask ? maskId(r.id) : r.id) },
    { key: 'name', label: t('col.name'), sortable: true, text: (r) => (r.name ? (mask ? maskPersonal(r.name) : r.name) : '—') },
    { key: 'gender', label: t('col.gender'), sortable: true, text: (r) => gender(r.gender) },
    { key: 'age', label: t('col.age'), sortable: true, numeric: true, text: (r) => formatNumber(r.age, locale) },
    { key: 'city', label: t('col.city'), sortable: true, text: (r) => term(r.city) || '—' },
    { key: 'channel', label: t('col.channel'), sortable: true, text: (r) => term(r.channel) || '—' },
    { key: 'signup', label: t('col.signup'), sortable: true, text: (r) => formatDay(r.signup, locale) },
    { key: 'orders', label: t('col.orders'), sortable: true, numeric: true, text: (r) => formatNumber(r.orders, locale) },
    { key: 'net', label: t('col.revenue'), sortable: true, numeric: true, text: (r) => formatMoney(r.net, currency, locale) },
    { key: 'firstOrder', label: t('col.firstOrder'), sortable: true, text: (r) => formatDay(r.firstOrder, locale) },
    { key: 'lastOrder', label: t('col.lastOrder'), sortable: true, text: (r) => formatDay(r.lastOrder, locale) },
  ];
}

/** Extra columns once a value model has been fitted: P(alive), expected purchases, CLV. */
export function valueColumns(t: (k: MessageKey) => string, locale: Locale, currency: string): Column<CustomerRow>[] {
  return [
    { key: 'pAlive', label: t('value.pAlive'), sortable: true, numeric: true, text: (r) => formatPercent(r.pAlive ?? null, locale) },
    { key: 'exp90', label: t('value.exp90'), sortable: true, numeric: true, text: (r) => formatNumber(r.exp90 ?? null, locale) },
    { key: 'clv', label: t('value.clv'), sortable: true, numeric: true, text: (r) => formatMoney(r.clv ?? null, currency, locale) },
  ];
}
