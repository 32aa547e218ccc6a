/**
 * Segment archetypes (客户类型) of the Strategy page: what kind of customers a segment holds, read
 * from its scheme and key (the 11 and 8 RFM segments, value tiers, lifecycle stages) or picked by
 * the user for their own segments (clusters, rule segments, attributes). The service playbook's
 * templates and the budget's market stage are written per archetype.
 */

export const ARCHETYPES = ['high_value', 'growing', 'at_risk', 'new', 'low_value', 'young_digital', 'older_personal'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** The archetype of each known segment key, per scheme. */
const KNOWN: Readonly<Record<string, Readonly<Record<string, Archetype>>>> = Object.freeze({
  rfm11: {
    champions: 'high_value', loyal_customers: 'high_value', new_customers: 'new', promising: 'new', potential_loyalist: 'growing',
    need_attention: 'growing', cant_lose_them: 'at_risk', at_risk: 'at_risk', about_to_sleep: 'at_risk', lost: 'low_value',
    hibernating: 'low_value', others: 'low_value',
  },
  rfm8: {
    important_value: 'high_value', important_development: 'growing', important_retention: 'at_risk', important_winback: 'at_risk',
    general_value: 'growing', general_development: 'new', general_retention: 'low_value', general_winback: 'low_value',
  },
  tiers: { tier_1: 'high_value', tier_2: 'growing', tier_3: 'low_value' },
  lifecycle: { prospect: 'new', new: 'new', repeat: 'growing', loyal: 'high_value', at_risk: 'at_risk', lost: 'low_value' },
});
// the user's own order of the 11 RFM rules keeps their keys
const ALIASES: Readonly<Record<string, string>> = { custom: 'rfm11' };

/**
 * The archetype a segment's key implies in its scheme (schemeOf of its grouping), or null when the
 * key says nothing (clusters, rule segments, attributes, tiers beyond the third): the user picks one.
 * @example archetypeOf('rfm11', 'cant_lose_them') // 'at_risk'
 */
export function archetypeOf(scheme: string, key: string): Archetype | null {
  const known = KNOWN[ALIASES[scheme] ?? scheme];
  return (known && Object.hasOwn(known, key) ? known[key] : null) ?? null;
}

export function isArchetype(value: unknown): value is Archetype {
  return typeof value === 'string' && (ARCHETYPES as readonly string[]).includes(value);
}
