import { describe, expect, it } from 'vitest';
import { demoTerm } from '../../../../../src/lib/domain/demo/text';

describe('demoTerm: the demo company in the interface language', () => {
  it('turns the demo’s cities, channels and topics into the other language, whichever it was made in', () => {
    expect(demoTerm('上海', 'en')).toBe('Shanghai');
    expect(demoTerm('Shanghai', 'zh')).toBe('上海');
    expect(demoTerm('Shanghai', 'en')).toBe('Shanghai');
    expect(demoTerm('Referral', 'zh')).toBe('老客推荐');
    expect(demoTerm('直播电商', 'en')).toBe('Live commerce');
    expect(demoTerm('在线客服', 'en')).toBe('Live chat');
    expect(demoTerm('After-sales', 'zh')).toBe('售后');
    expect(demoTerm('广东', 'en')).toBe('Guangdong');
  });

  it('leaves any other text as it is', () => {
    expect(demoTerm('Springfield', 'zh')).toBe('Springfield');
    expect(demoTerm('', 'en')).toBe('');
    expect(demoTerm('constructor', 'zh')).toBe('constructor');
  });
});
