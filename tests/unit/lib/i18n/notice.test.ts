import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { interpolate } from '../../../../src/lib/i18n/messages';
import { segmentKey, stageKey, tierKey } from '../../../../src/lib/i18n/keys';

describe('i18n.notice', () => {
  it('words a known code with its params in the current language', () => {
    i18n.locale = 'en';
    expect(i18n.notice({ code: 'tiers.shares.count', params: { min: 1, max: 256, count: 0 } })).toBe(
      'Value tiers need between 1 and 256 shares, but 0 were given. Adjust the list of shares.',
    );
    i18n.locale = 'zh';
    expect(i18n.notice({ code: 'rules.depth', params: { max: 5 } })).toBe('条件组最多只能嵌套 5 层。请简化该规则。');
  });

  it('says what is wrong with an impossible customer: the reason picks its own words, in both languages', () => {
    const notice = { code: 'model.invalidCustomer', params: { index: 2, reason: 'recencyAboveAge', customer: 'C042', frequency: 2, recency: 45, T: 38.86 } };
    i18n.locale = 'en';
    expect(i18n.notice(notice)).toBe(
      'Customer C042 cannot be scored: the last purchase (45) comes after the end of the period (38.86). Check the order dates and the calibration end.',
    );
    i18n.locale = 'zh';
    expect(i18n.notice(notice)).toContain('客户 C042');
    expect(i18n.notice(notice)).toContain('晚于观察期末（38.86）');
    // an unknown reason falls back to the code's general words
    i18n.locale = 'en';
    expect(i18n.notice({ code: 'model.invalidCustomer', params: { reason: 'somethingElse' } })).toBe(i18n.t('model.invalidCustomer'));
  });

  it('falls back to the generic message, naming the code, for an unknown code', () => {
    i18n.locale = 'en';
    expect(i18n.notice({ code: 'no.such.code' })).toBe(interpolate(i18n.t('error.unexpected'), { message: 'no.such.code' }));
    expect(i18n.notice({ code: 'no.such.code' })).toContain('no.such.code');
  });
});

describe('dynamic keys', () => {
  it('are found for known values and undefined otherwise; i18n.label shows the raw value then', () => {
    i18n.locale = 'en';
    expect(segmentKey('champions')).toBe('seg.champions');
    expect(segmentKey('my_own')).toBeUndefined();
    expect(stageKey('option.newWithinDays')).toBeUndefined();
    expect(tierKey('4')).toBeUndefined();
    expect(i18n.label(segmentKey('my_own'), 'my_own')).toBe('my_own');
    expect(i18n.label(stageKey('at_risk'), 'at_risk')).toBe(i18n.t('stage.at_risk'));
  });
});
