// The service playbook's templates (by scheme and key, or by a picked archetype), a saved card laid
// over its template, what a save stores, validation, the churn figure and switching archetypes.
import { describe, expect, it } from 'vitest';
import {
  ARCHETYPES, LIFECYCLE_STAGES, OTHERS_SEGMENT, PLAYBOOK_TEXT_FIELDS, RFM11_RULES, RFM8_KEYS,
  cardFields, cardOverrides, mergeCard, playbookTemplate, restoreCard, segmentChurn, switchArchetype, validateCard,
  type PlaybookFields,
} from '../../../../../src/lib/domain';
import { en, zh } from '../../../../../src/lib/i18n/messages';

// words of a key that show which key they came from
const words = (key: string) => `«${key}»`;

describe('playbook templates', () => {
  it('give an rfm11 key its own value proposition and marketing, the rest from its archetype', () => {
    const t = playbookTemplate('rfm11', 'champions');
    expect(t).toEqual({
      archetype: 'high_value', known: true, serviceModel: 'vip', channels: ['wechat', 'phone', 'store', 'advisor'],
      valueProposition: 'playbook.k.rfm11.champions.vp', marketing: 'playbook.k.rfm11.champions.mk',
      care: 'playbook.a.high_value.care', serviceLevel: 'playbook.a.high_value.sla', owner: 'playbook.a.high_value.owner',
    });
    // the user's own order of the 11 rules keeps the keys, and so the words
    expect(playbookTemplate('custom', 'cant_lose_them').valueProposition).toBe('playbook.k.rfm11.cant_lose_them.vp');
    expect(playbookTemplate('custom', 'cant_lose_them').serviceModel).toBe('advisor'); // at risk: a personal call
    expect(playbookTemplate('rfm11', 'hibernating').serviceModel).toBe('self_service'); // low value: basic, low cost
  });

  it('give rfm8 keys, value tiers and lifecycle stages their own words', () => {
    expect(playbookTemplate('rfm8', 'important_winback')).toMatchObject({ archetype: 'at_risk', valueProposition: 'playbook.k.rfm8.important_winback.vp', care: 'playbook.a.at_risk.care' });
    expect(playbookTemplate('tiers', 'tier_1')).toMatchObject({ archetype: 'high_value', serviceModel: 'vip', marketing: 'playbook.k.tiers.tier_1.mk' });
    expect(playbookTemplate('tiers', 'tier_3')).toMatchObject({ archetype: 'low_value', serviceModel: 'self_service' });
    // 'at_risk' and 'lost' are keys of both the 11 RFM segments and the stages: each scheme has its own words
    expect(playbookTemplate('lifecycle', 'at_risk').valueProposition).toBe('playbook.k.lifecycle.at_risk.vp');
    expect(playbookTemplate('rfm11', 'at_risk').valueProposition).toBe('playbook.k.rfm11.at_risk.vp');
    expect(playbookTemplate('lifecycle', 'prospect')).toMatchObject({ archetype: 'new', serviceModel: 'standard' });
  });

  it('fall back to the picked archetype for segments of their own kind, and ignore a pick for known keys', () => {
    expect(playbookTemplate('clusters', 'cluster_2', 'young_digital')).toEqual({
      archetype: 'young_digital', known: false, serviceModel: 'self_service', channels: ['app', 'website', 'wechat'],
      valueProposition: 'playbook.a.young_digital.vp', marketing: 'playbook.a.young_digital.mk', care: 'playbook.a.young_digital.care',
      serviceLevel: 'playbook.a.young_digital.sla', owner: 'playbook.a.young_digital.owner',
    });
    expect(playbookTemplate('tiers', 'tier_4', 'older_personal')).toMatchObject({ serviceModel: 'advisor', channels: ['sms', 'phone', 'store', 'advisor'] });
    expect(playbookTemplate('rfm11', 'champions', 'low_value').serviceModel).toBe('vip');
  });

  it('are blank for a key without an archetype (nothing picked, or a pick that is not an archetype)', () => {
    const blank = {
      archetype: null, known: false, serviceModel: 'standard', channels: [],
      valueProposition: null, marketing: null, care: null, serviceLevel: null, owner: null,
    };
    expect(playbookTemplate('rules', 'rule')).toEqual(blank);
    expect(playbookTemplate('attribute', 'Shanghai')).toEqual(blank);
    expect(playbookTemplate('tiers', 'tier_4')).toEqual(blank);
    expect(playbookTemplate('clusters', 'cluster_1', 'gold' as never)).toEqual(blank);
    expect(playbookTemplate('rfm8', 'champions')).toEqual(blank); // an rfm11 key is not an rfm8 key
  });

  it('have words in both languages for every key of every scheme and every archetype', () => {
    const all = [
      ...[...RFM11_RULES.map((r) => r.key), OTHERS_SEGMENT].map((k) => playbookTemplate('rfm11', k)),
      ...RFM8_KEYS.map((k) => playbookTemplate('rfm8', k)),
      ...['tier_1', 'tier_2', 'tier_3'].map((k) => playbookTemplate('tiers', k)),
      ...LIFECYCLE_STAGES.map((k) => playbookTemplate('lifecycle', k)),
      ...ARCHETYPES.map((a) => playbookTemplate('clusters', 'cluster_1', a)),
    ];
    expect(all).toHaveLength(12 + 8 + 3 + 6 + 7);
    expect(all.every((t) => t.archetype !== null)).toBe(true);
    const keys = all.flatMap((t) => PLAYBOOK_TEXT_FIELDS.map((f) => t[f]));
    expect(keys.every((k) => typeof k === 'string')).toBe(true);
    expect(keys.filter((k) => !(k! in en) || !(k! in zh))).toEqual([]);
    // each known segment has value proposition words of its own
    const own = all.slice(0, 29).map((t) => t.valueProposition);
    expect(new Set(own).size).toBe(29);
  });
});

describe('a saved card over its template', () => {
  it('takes the saved fields and the template for the rest', () => {
    // lost → low value: self-service, app/website/e-mail/SMS; the saved channels come back in the channels' order
    const card = mergeCard('rfm11', 'lost', { valueProposition: 'One last offer', channels: ['sms', 'app'], owner: 'Ann' });
    expect(card).toEqual({
      archetype: 'low_value', serviceModel: 'self_service', channels: ['app', 'sms'],
      valueProposition: { text: 'One last offer' }, marketing: { key: 'playbook.k.rfm11.lost.mk' }, care: { key: 'playbook.a.low_value.care' },
      serviceLevel: { key: 'playbook.a.low_value.sla' }, owner: { text: 'Ann' },
      edited: ['valueProposition', 'channels', 'owner'],
    });
    expect(cardFields(card, words)).toEqual({
      valueProposition: 'One last offer', serviceModel: 'self_service', channels: ['app', 'sms'], marketing: '«playbook.k.rfm11.lost.mk»',
      care: '«playbook.a.low_value.care»', serviceLevel: '«playbook.a.low_value.sla»', owner: 'Ann', archetype: 'low_value',
    });
  });

  it('is the template when nothing is saved, and drops what is not a field value', () => {
    const template = mergeCard('rfm11', 'champions', undefined);
    expect(template.edited).toEqual([]);
    expect(template.valueProposition).toEqual({ key: 'playbook.k.rfm11.champions.vp' });
    const junk = mergeCard('rfm11', 'champions', { serviceModel: 'gold', channels: ['fax', 'app'], valueProposition: 5, owner: null } as never);
    expect(junk.serviceModel).toBe('vip');
    expect(junk.channels).toEqual(['app']);
    expect(junk.valueProposition).toEqual({ key: 'playbook.k.rfm11.champions.vp' });
    expect(junk.edited).toEqual(['channels']);
    expect(restoreCard('x')).toEqual({});
    expect(restoreCard({ owner: 'a'.repeat(100) }).owner).toHaveLength(80);
  });

  it('of a segment of its own kind takes the archetype saved with it', () => {
    const card = mergeCard('clusters', 'cluster_3', { archetype: 'at_risk', owner: 'Lee' });
    expect(card.archetype).toBe('at_risk');
    expect(card.serviceModel).toBe('advisor');
    expect(card.valueProposition).toEqual({ key: 'playbook.a.at_risk.vp' });
    expect(card.edited).toEqual(['owner', 'archetype']);
    // an archetype saved with a known key changes nothing
    expect(mergeCard('rfm11', 'champions', { archetype: 'low_value' }).serviceModel).toBe('vip');
    expect(mergeCard('clusters', 'cluster_3', {})).toMatchObject({ archetype: null, valueProposition: {}, channels: [] });
  });
});

describe('what a save stores', () => {
  const template = (scheme: string, key: string): PlaybookFields => cardFields(mergeCard(scheme, key, undefined), words);

  it('is only what differs from the template in the words shown', () => {
    expect(cardOverrides('rfm11', 'champions', template('rfm11', 'champions'), words)).toEqual({});
    const fields = { ...template('rfm11', 'champions'), marketing: 'Gala dinner in May', serviceModel: 'advisor' as const, owner: '  «playbook.a.high_value.owner»  ' };
    expect(cardOverrides('rfm11', 'champions', fields, words)).toEqual({ marketing: 'Gala dinner in May', serviceModel: 'advisor' });
    // channels in another order are the same channels; one less is a change; a cleared text is a change
    const channels = { ...template('rfm11', 'champions'), channels: ['store', 'advisor', 'phone', 'wechat'] as PlaybookFields['channels'] };
    expect(cardOverrides('rfm11', 'champions', channels, words)).toEqual({});
    expect(cardOverrides('rfm11', 'champions', { ...channels, channels: ['store'], care: '' }, words)).toEqual({ channels: ['store'], care: '' });
  });

  it('keeps the archetype picked for a segment of its own kind (never for a known key)', () => {
    const picked = cardFields(mergeCard('clusters', 'cluster_1', { archetype: 'new' }), words);
    expect(cardOverrides('clusters', 'cluster_1', picked, words)).toEqual({ archetype: 'new' });
    expect(cardOverrides('rfm11', 'champions', { ...template('rfm11', 'champions'), archetype: 'new' }, words)).toEqual({});
  });
});

describe('card validation', () => {
  const ok = cardFields(mergeCard('rfm11', 'champions', undefined), words);

  it('asks for a value proposition and keeps each text within its limit', () => {
    expect(validateCard(ok)).toEqual([]);
    expect(validateCard({ ...ok, valueProposition: '   ' })).toEqual([{ code: 'playbook.vpRequired', params: { field: 'valueProposition' } }]);
    expect(validateCard({ ...ok, marketing: 'x'.repeat(1000), owner: 'y'.repeat(80) })).toEqual([]);
    expect(validateCard({ ...ok, marketing: 'x'.repeat(1001), owner: 'y'.repeat(81) })).toEqual([
      { code: 'playbook.tooLong', params: { field: 'marketing', max: 1000, length: 1001 } },
      { code: 'playbook.tooLong', params: { field: 'owner', max: 80, length: 81 } },
    ]);
  });
});

describe('segment churn', () => {
  it('is 1 − mean P(alive) after a value fit, else the lapsed share', () => {
    const model = segmentChurn({ meanPAlive: 0.8, lapsedShare: 0.5 });
    expect(model.basis).toBe('model');
    expect(model.value).toBeCloseTo(0.2, 12); // 1 − 0.8
    expect(segmentChurn({ meanPAlive: null, lapsedShare: 0.25 })).toEqual({ basis: 'lapsed', value: 0.25 });
    expect(segmentChurn({ meanPAlive: NaN, lapsedShare: 0.4 })).toEqual({ basis: 'lapsed', value: 0.4 });
  });
});

describe('switching archetypes', () => {
  it('replaces what is still the old template and keeps what the user wrote', () => {
    const blank = cardFields(mergeCard('clusters', 'cluster_1', undefined), words);
    const high = switchArchetype('clusters', 'cluster_1', blank, 'high_value', words);
    expect(high).toMatchObject({ archetype: 'high_value', serviceModel: 'vip', valueProposition: '«playbook.a.high_value.vp»', owner: '«playbook.a.high_value.owner»' });
    const low = switchArchetype('clusters', 'cluster_1', { ...high, valueProposition: 'Our own words' }, 'low_value', words);
    expect(low).toMatchObject({
      archetype: 'low_value', valueProposition: 'Our own words', marketing: '«playbook.a.low_value.mk»', serviceModel: 'self_service',
      channels: ['app', 'website', 'sms', 'email'],
    });
    // a known key has no archetype to switch
    const champions = cardFields(mergeCard('rfm11', 'champions', undefined), words);
    expect(switchArchetype('rfm11', 'champions', champions, 'low_value', words)).toBe(champions);
  });
});
