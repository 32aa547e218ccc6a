/**
 * The service playbook (差异化服务手册): one card per segment saying how its customers are served —
 * value proposition, service model, contact channels, marketing actions, care activities, service
 * level and owner. Cards start from a template for the segment's kind (its key in the 11 or 8 RFM
 * segments, the value tiers and the lifecycle stages, or an archetype the user picks for their own
 * segments); the user's edits are kept as overrides of that template. Templates hold message keys
 * (the words are in the catalogs, both languages), so an unedited field follows the language.
 */
import { archetypeOf, isArchetype, type Archetype } from './archetypes';

/** How a segment is served, from the cheapest to the most personal. */
export const SERVICE_MODELS = ['self_service', 'standard', 'advisor', 'vip'] as const;
export type ServiceModel = (typeof SERVICE_MODELS)[number];

/** The contact channels a card can name. */
export const CHANNELS = ['app', 'website', 'wechat', 'sms', 'email', 'phone', 'store', 'advisor'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The card's free-text fields, in the order the card shows them (owner last). */
export const PLAYBOOK_TEXT_FIELDS = ['valueProposition', 'marketing', 'care', 'serviceLevel', 'owner'] as const;
export type PlaybookTextField = (typeof PLAYBOOK_TEXT_FIELDS)[number];

/** The most characters each text field may hold. */
export const PLAYBOOK_LIMITS: Readonly<Record<PlaybookTextField, number>> = Object.freeze({
  valueProposition: 300, marketing: 1000, care: 1000, serviceLevel: 200, owner: 80,
});

/** A card's fields as the user edits them (plain words). */
export interface PlaybookFields {
  valueProposition: string;
  serviceModel: ServiceModel;
  channels: Channel[];
  marketing: string;
  care: string;
  serviceLevel: string;
  owner: string;
  /** The archetype picked for a segment whose key implies none (null: none picked). */
  archetype: Archetype | null;
}

/** What a card stores (PlaybookRow.card): only the fields that differ from its template. */
export type SavedCard = Partial<PlaybookFields>;

/** A template: message keys for the words (null: the field starts empty). */
export interface PlaybookTemplate {
  /** The archetype the template is written for (null: a segment of its own kind with none picked). */
  archetype: Archetype | null;
  /** Whether the archetype comes from the segment's key (true) or from the user's pick (false). */
  known: boolean;
  serviceModel: ServiceModel;
  channels: readonly Channel[];
  valueProposition: string | null;
  marketing: string | null;
  care: string | null;
  serviceLevel: string | null;
  owner: string | null;
}

/** A text field of a card: the user's own words, or the template's message key, or neither (empty). */
export type PlaybookText = { text: string } | { key: string } | Record<string, never>;

/** A card as shown: the saved overrides laid over the template. */
export interface PlaybookCard {
  archetype: Archetype | null;
  serviceModel: ServiceModel;
  channels: Channel[];
  valueProposition: PlaybookText;
  marketing: PlaybookText;
  care: PlaybookText;
  serviceLevel: PlaybookText;
  owner: PlaybookText;
  /** The fields that differ from the template, in card order. */
  edited: (keyof PlaybookFields)[];
}

/** How each archetype is served (channels in the order of CHANNELS): model, channels, care, service level, owner, and words for own segments. */
interface ArchetypeTemplate {
  serviceModel: ServiceModel;
  channels: readonly Channel[];
  valueProposition: string;
  marketing: string;
  care: string;
  serviceLevel: string;
  owner: string;
}

const BY_ARCHETYPE: Readonly<Record<Archetype, ArchetypeTemplate>> = Object.freeze({
  high_value: {
    serviceModel: 'vip', channels: ['wechat', 'phone', 'store', 'advisor'],
    valueProposition: 'playbook.a.high_value.vp', marketing: 'playbook.a.high_value.mk', care: 'playbook.a.high_value.care',
    serviceLevel: 'playbook.a.high_value.sla', owner: 'playbook.a.high_value.owner',
  },
  growing: {
    serviceModel: 'standard', channels: ['app', 'wechat', 'email', 'store'],
    valueProposition: 'playbook.a.growing.vp', marketing: 'playbook.a.growing.mk', care: 'playbook.a.growing.care',
    serviceLevel: 'playbook.a.growing.sla', owner: 'playbook.a.growing.owner',
  },
  at_risk: {
    serviceModel: 'advisor', channels: ['wechat', 'sms', 'email', 'phone'],
    valueProposition: 'playbook.a.at_risk.vp', marketing: 'playbook.a.at_risk.mk', care: 'playbook.a.at_risk.care',
    serviceLevel: 'playbook.a.at_risk.sla', owner: 'playbook.a.at_risk.owner',
  },
  new: {
    serviceModel: 'standard', channels: ['app', 'wechat', 'sms', 'email'],
    valueProposition: 'playbook.a.new.vp', marketing: 'playbook.a.new.mk', care: 'playbook.a.new.care',
    serviceLevel: 'playbook.a.new.sla', owner: 'playbook.a.new.owner',
  },
  low_value: {
    serviceModel: 'self_service', channels: ['app', 'website', 'sms', 'email'],
    valueProposition: 'playbook.a.low_value.vp', marketing: 'playbook.a.low_value.mk', care: 'playbook.a.low_value.care',
    serviceLevel: 'playbook.a.low_value.sla', owner: 'playbook.a.low_value.owner',
  },
  young_digital: {
    serviceModel: 'self_service', channels: ['app', 'website', 'wechat'],
    valueProposition: 'playbook.a.young_digital.vp', marketing: 'playbook.a.young_digital.mk', care: 'playbook.a.young_digital.care',
    serviceLevel: 'playbook.a.young_digital.sla', owner: 'playbook.a.young_digital.owner',
  },
  older_personal: {
    serviceModel: 'advisor', channels: ['sms', 'phone', 'store', 'advisor'],
    valueProposition: 'playbook.a.older_personal.vp', marketing: 'playbook.a.older_personal.mk', care: 'playbook.a.older_personal.care',
    serviceLevel: 'playbook.a.older_personal.sla', owner: 'playbook.a.older_personal.owner',
  },
});

/** Each known segment's own value proposition and marketing actions, per scheme (the rest comes from its archetype). */
const BY_KEY: Readonly<Record<string, Readonly<Record<string, { vp: string; mk: string }>>>> = Object.freeze({
  rfm11: {
    champions: { vp: 'playbook.k.rfm11.champions.vp', mk: 'playbook.k.rfm11.champions.mk' },
    loyal_customers: { vp: 'playbook.k.rfm11.loyal_customers.vp', mk: 'playbook.k.rfm11.loyal_customers.mk' },
    new_customers: { vp: 'playbook.k.rfm11.new_customers.vp', mk: 'playbook.k.rfm11.new_customers.mk' },
    promising: { vp: 'playbook.k.rfm11.promising.vp', mk: 'playbook.k.rfm11.promising.mk' },
    potential_loyalist: { vp: 'playbook.k.rfm11.potential_loyalist.vp', mk: 'playbook.k.rfm11.potential_loyalist.mk' },
    need_attention: { vp: 'playbook.k.rfm11.need_attention.vp', mk: 'playbook.k.rfm11.need_attention.mk' },
    cant_lose_them: { vp: 'playbook.k.rfm11.cant_lose_them.vp', mk: 'playbook.k.rfm11.cant_lose_them.mk' },
    at_risk: { vp: 'playbook.k.rfm11.at_risk.vp', mk: 'playbook.k.rfm11.at_risk.mk' },
    about_to_sleep: { vp: 'playbook.k.rfm11.about_to_sleep.vp', mk: 'playbook.k.rfm11.about_to_sleep.mk' },
    lost: { vp: 'playbook.k.rfm11.lost.vp', mk: 'playbook.k.rfm11.lost.mk' },
    hibernating: { vp: 'playbook.k.rfm11.hibernating.vp', mk: 'playbook.k.rfm11.hibernating.mk' },
    others: { vp: 'playbook.k.rfm11.others.vp', mk: 'playbook.k.rfm11.others.mk' },
  },
  rfm8: {
    important_value: { vp: 'playbook.k.rfm8.important_value.vp', mk: 'playbook.k.rfm8.important_value.mk' },
    important_development: { vp: 'playbook.k.rfm8.important_development.vp', mk: 'playbook.k.rfm8.important_development.mk' },
    important_retention: { vp: 'playbook.k.rfm8.important_retention.vp', mk: 'playbook.k.rfm8.important_retention.mk' },
    important_winback: { vp: 'playbook.k.rfm8.important_winback.vp', mk: 'playbook.k.rfm8.important_winback.mk' },
    general_value: { vp: 'playbook.k.rfm8.general_value.vp', mk: 'playbook.k.rfm8.general_value.mk' },
    general_development: { vp: 'playbook.k.rfm8.general_development.vp', mk: 'playbook.k.rfm8.general_development.mk' },
    general_retention: { vp: 'playbook.k.rfm8.general_retention.vp', mk: 'playbook.k.rfm8.general_retention.mk' },
    general_winback: { vp: 'playbook.k.rfm8.general_winback.vp', mk: 'playbook.k.rfm8.general_winback.mk' },
  },
  tiers: {
    tier_1: { vp: 'playbook.k.tiers.tier_1.vp', mk: 'playbook.k.tiers.tier_1.mk' },
    tier_2: { vp: 'playbook.k.tiers.tier_2.vp', mk: 'playbook.k.tiers.tier_2.mk' },
    tier_3: { vp: 'playbook.k.tiers.tier_3.vp', mk: 'playbook.k.tiers.tier_3.mk' },
  },
  lifecycle: {
    prospect: { vp: 'playbook.k.lifecycle.prospect.vp', mk: 'playbook.k.lifecycle.prospect.mk' },
    new: { vp: 'playbook.k.lifecycle.new.vp', mk: 'playbook.k.lifecycle.new.mk' },
    repeat: { vp: 'playbook.k.lifecycle.repeat.vp', mk: 'playbook.k.lifecycle.repeat.mk' },
    loyal: { vp: 'playbook.k.lifecycle.loyal.vp', mk: 'playbook.k.lifecycle.loyal.mk' },
    at_risk: { vp: 'playbook.k.lifecycle.at_risk.vp', mk: 'playbook.k.lifecycle.at_risk.mk' },
    lost: { vp: 'playbook.k.lifecycle.lost.vp', mk: 'playbook.k.lifecycle.lost.mk' },
  },
});
// the user's own order of the 11 RFM rules keeps their keys
const ALIASES: Readonly<Record<string, string>> = { custom: 'rfm11' };

/** The blank template of a segment of its own kind before an archetype is picked. */
const BLANK: PlaybookTemplate = Object.freeze({
  archetype: null, known: false, serviceModel: 'standard', channels: Object.freeze([]) as readonly Channel[],
  valueProposition: null, marketing: null, care: null, serviceLevel: null, owner: null,
});

/**
 * The template of a segment: its key's own words when the scheme knows the key (11 or 8 RFM
 * segments, value tiers 1–3, lifecycle stages), the words of `picked` for other segments, or a
 * blank card when neither (the user picks an archetype or writes their own).
 * @param scheme the grouping's scheme ('rfm11', 'rfm8', 'custom', 'tiers', 'lifecycle', 'rules', 'clusters', 'attribute')
 * @param picked the archetype the user picked (only used when the key implies none)
 * @example playbookTemplate('rfm11', 'champions').serviceModel // 'vip'
 */
export function playbookTemplate(scheme: string, key: string, picked: Archetype | null = null): PlaybookTemplate {
  const known = archetypeOf(scheme, key);
  const archetype = known ?? (isArchetype(picked) ? picked : null);
  if (!archetype) return BLANK;
  const a = BY_ARCHETYPE[archetype];
  const words = known ? BY_KEY[ALIASES[scheme] ?? scheme]?.[key] : undefined;
  return {
    archetype, known: known !== null, serviceModel: a.serviceModel, channels: a.channels,
    valueProposition: words?.vp ?? a.valueProposition, marketing: words?.mk ?? a.marketing,
    care: a.care, serviceLevel: a.serviceLevel, owner: a.owner,
  };
}

const isChannel = (v: unknown): v is Channel => typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
const isServiceModel = (v: unknown): v is ServiceModel => typeof v === 'string' && (SERVICE_MODELS as readonly string[]).includes(v);

/** Channels in the order of {@link CHANNELS}, each once. */
export function orderedChannels(channels: readonly unknown[]): Channel[] {
  return CHANNELS.filter((c) => channels.includes(c));
}

/**
 * A stored card made safe to use: fields of the wrong type or unknown channels are dropped, text
 * cut to its limit (what IndexedDB holds may come from an older version or a restored backup).
 */
export function restoreCard(raw: unknown): SavedCard {
  const out: SavedCard = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  for (const f of PLAYBOOK_TEXT_FIELDS) if (typeof r[f] === 'string') out[f] = (r[f] as string).slice(0, PLAYBOOK_LIMITS[f]);
  if (isServiceModel(r.serviceModel)) out.serviceModel = r.serviceModel;
  if (Array.isArray(r.channels)) out.channels = orderedChannels(r.channels.filter(isChannel));
  if (isArchetype(r.archetype)) out.archetype = r.archetype;
  return out;
}

/** The archetype a segment's card is written for: the key's own, else the one saved with the card. */
export function cardArchetype(scheme: string, key: string, saved: SavedCard | null | undefined): Archetype | null {
  return archetypeOf(scheme, key) ?? saved?.archetype ?? null;
}

const text = (own: string | undefined, key: string | null): PlaybookText => (own !== undefined ? { text: own } : key ? { key } : {});
const sameChannels = (a: readonly Channel[], b: readonly Channel[]) => a.length === b.length && a.every((c) => b.includes(c));

/**
 * A segment's card: its saved overrides laid over its template (the archetype saved with the
 * card picks the template of a segment of its own kind).
 * @example mergeCard('rfm11', 'lost', { owner: 'Ann' }).owner // { text: 'Ann' }
 */
export function mergeCard(scheme: string, key: string, saved: SavedCard | null | undefined): PlaybookCard {
  const s = restoreCard(saved ?? {});
  const archetype = cardArchetype(scheme, key, s);
  const t = playbookTemplate(scheme, key, archetype);
  const serviceModel = s.serviceModel ?? t.serviceModel;
  const channels = s.channels ?? [...t.channels];
  const edited: (keyof PlaybookFields)[] = [];
  if (s.valueProposition !== undefined) edited.push('valueProposition');
  if (serviceModel !== t.serviceModel) edited.push('serviceModel');
  if (!sameChannels(channels, t.channels)) edited.push('channels');
  for (const f of ['marketing', 'care', 'serviceLevel', 'owner'] as const) if (s[f] !== undefined) edited.push(f);
  if (!t.known && s.archetype) edited.push('archetype');
  return {
    archetype, serviceModel, channels,
    valueProposition: text(s.valueProposition, t.valueProposition), marketing: text(s.marketing, t.marketing),
    care: text(s.care, t.care), serviceLevel: text(s.serviceLevel, t.serviceLevel), owner: text(s.owner, t.owner),
    edited,
  };
}

/** The words of a card text: the user's own, the template's in the current language, or ''. */
export function cardText(value: PlaybookText, words: (key: string) => string): string {
  if ('text' in value) return value.text;
  if ('key' in value) return words(value.key);
  return '';
}

/** A card's fields as plain words (what the editor starts from). */
export function cardFields(card: PlaybookCard, words: (key: string) => string): PlaybookFields {
  return {
    valueProposition: cardText(card.valueProposition, words), serviceModel: card.serviceModel, channels: [...card.channels],
    marketing: cardText(card.marketing, words), care: cardText(card.care, words), serviceLevel: cardText(card.serviceLevel, words),
    owner: cardText(card.owner, words), archetype: card.archetype,
  };
}

/**
 * What to store for the fields the user saves: only what differs from the template (a field
 * still in the template's words, in the language shown, stays the template's and so keeps
 * following the language).
 * @param words the current language's words of a template's message key
 */
export function cardOverrides(scheme: string, key: string, fields: PlaybookFields, words: (key: string) => string): SavedCard {
  const known = archetypeOf(scheme, key) !== null;
  const picked = known ? null : fields.archetype;
  const t = playbookTemplate(scheme, key, picked);
  const out: SavedCard = {};
  if (picked) out.archetype = picked;
  for (const f of PLAYBOOK_TEXT_FIELDS) {
    const value = fields[f].trim();
    const template = t[f] ? words(t[f]).trim() : '';
    if (value !== template) out[f] = value;
  }
  if (fields.serviceModel !== t.serviceModel) out.serviceModel = fields.serviceModel;
  const channels = orderedChannels(fields.channels);
  if (!sameChannels(channels, t.channels)) out.channels = channels;
  return out;
}

/**
 * The fields after the user picks another archetype for a segment of its own kind: every field
 * still as the old template has it (or empty) takes the new template's words and settings; what
 * the user wrote stays.
 * @param words the current language's words of a template's message key
 */
export function switchArchetype(scheme: string, key: string, fields: PlaybookFields, archetype: Archetype | null, words: (key: string) => string): PlaybookFields {
  if (archetypeOf(scheme, key) !== null) return fields;
  const before = playbookTemplate(scheme, key, fields.archetype);
  const after = playbookTemplate(scheme, key, archetype);
  const out: PlaybookFields = { ...fields, channels: [...fields.channels], archetype };
  for (const f of PLAYBOOK_TEXT_FIELDS) {
    const value = fields[f].trim();
    if (!value || value === (before[f] ? words(before[f]).trim() : '')) out[f] = after[f] ? words(after[f]) : '';
  }
  if (fields.serviceModel === before.serviceModel) out.serviceModel = after.serviceModel;
  if (sameChannels(orderedChannels(fields.channels), before.channels)) out.channels = [...after.channels];
  return out;
}

/** A problem with a card's fields: `{ code, params }` for the catalogs. */
export interface PlaybookProblem {
  code: 'playbook.tooLong' | 'playbook.vpRequired';
  params: { field: keyof PlaybookFields; max?: number; length?: number };
}

/**
 * The problems of a card's fields before saving: a value proposition is required (it heads the
 * card), and each text has a length limit ({@link PLAYBOOK_LIMITS}). [] when it can be saved.
 */
export function validateCard(fields: PlaybookFields): PlaybookProblem[] {
  const problems: PlaybookProblem[] = [];
  if (!fields.valueProposition.trim()) problems.push({ code: 'playbook.vpRequired', params: { field: 'valueProposition' } });
  for (const f of PLAYBOOK_TEXT_FIELDS) {
    const length = fields[f].trim().length;
    if (length > PLAYBOOK_LIMITS[f]) problems.push({ code: 'playbook.tooLong', params: { field: f, max: PLAYBOOK_LIMITS[f], length } });
  }
  return problems;
}

/** Which churn figure a card shows: 1 − mean P(alive) after a value fit, or the lapsed share without one. */
export interface PlaybookChurn {
  basis: 'model' | 'lapsed';
  value: number;
}

/**
 * A segment's churn to watch: 1 − its mean P(alive) when a value fit gives one (a finite mean),
 * else the share of its customers without a purchase in the last 12 months.
 * @example segmentChurn({ meanPAlive: 0.8, lapsedShare: 0.5 }) // { basis: 'model', value: 0.2 } (up to rounding)
 */
export function segmentChurn(facts: { meanPAlive: number | null; lapsedShare: number }): PlaybookChurn {
  if (facts.meanPAlive !== null && Number.isFinite(facts.meanPAlive)) return { basis: 'model', value: 1 - facts.meanPAlive };
  return { basis: 'lapsed', value: facts.lapsedShare };
}
