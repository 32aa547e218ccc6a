/** How the playbook panel words its cards: field, model, channel and archetype names, template words, dates, problems, CSV. */
import type { Archetype, Channel, PlaybookFields, PlaybookProblem, ServiceModel } from '../../../lib/domain';
import { toCsv } from '../../../lib/domain/import';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n/format';
import { isMessageKey, type MessageKey } from '../../../lib/i18n/messages';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export const FIELD_NAMES: Record<keyof PlaybookFields | 'resource' | 'kpis', MessageKey> = {
  valueProposition: 'playbook.field.valueProposition', serviceModel: 'playbook.field.serviceModel', channels: 'playbook.field.channels',
  marketing: 'playbook.field.marketing', care: 'playbook.field.care', serviceLevel: 'playbook.field.serviceLevel',
  resource: 'playbook.field.resource', kpis: 'playbook.field.kpis', owner: 'playbook.field.owner', archetype: 'playbook.field.archetype',
};

export const MODEL_NAMES: Record<ServiceModel, MessageKey> = {
  self_service: 'playbook.model.self_service', standard: 'playbook.model.standard', advisor: 'playbook.model.advisor', vip: 'playbook.model.vip',
};

export const CHANNEL_NAMES: Record<Channel, MessageKey> = {
  app: 'playbook.channel.app', website: 'playbook.channel.website', wechat: 'playbook.channel.wechat', sms: 'playbook.channel.sms',
  email: 'playbook.channel.email', phone: 'playbook.channel.phone', store: 'playbook.channel.store', advisor: 'playbook.channel.advisor',
};

export const ARCHETYPE_NAMES: Record<Archetype, MessageKey> = {
  high_value: 'playbook.archetype.high_value', growing: 'playbook.archetype.growing', at_risk: 'playbook.archetype.at_risk',
  new: 'playbook.archetype.new', low_value: 'playbook.archetype.low_value', young_digital: 'playbook.archetype.young_digital',
  older_personal: 'playbook.archetype.older_personal',
};

/** The words of a template's message key in the current language ('' for a key the catalogs lack). */
export function templateWords(t: T): (key: string) => string {
  return (key) => (isMessageKey(key) ? t(key) : '');
}

/** A problem of a card's fields in words, the field named as the card shows it. */
export function problemText(problem: PlaybookProblem, t: T): string {
  const params: Record<string, string | number> = { ...problem.params, field: t(FIELD_NAMES[problem.params.field]) };
  return t(problem.code, params);
}

/** The day of a change, in the user's time zone ("2 Dec 2026", "2026年12月2日"). */
export function changeDate(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : INTL_LOCALE[locale], { dateStyle: 'medium' }).format(ms);
}

/** One CSV row per card: segment, the fields in card order, the budget share, the customers. */
export function playbookCsv(
  cards: { name: string; fields: PlaybookFields; share: number | null; customers: number }[], t: T,
): string {
  const header = [
    t('playbook.csvSegment'), t(FIELD_NAMES.valueProposition), t(FIELD_NAMES.serviceModel), t(FIELD_NAMES.channels), t(FIELD_NAMES.marketing),
    t(FIELD_NAMES.care), t(FIELD_NAMES.serviceLevel), t('playbook.csvShare'), t('playbook.kpi.size'), t(FIELD_NAMES.owner),
  ];
  const rows = cards.map((c) => [
    c.name, c.fields.valueProposition, t(MODEL_NAMES[c.fields.serviceModel]), c.fields.channels.map((ch) => t(CHANNEL_NAMES[ch])).join('; '),
    c.fields.marketing, c.fields.care, c.fields.serviceLevel, c.share === null ? '' : Math.round(c.share * 10_000) / 10_000, c.customers, c.fields.owner,
  ]);
  return toCsv(header, rows);
}
