import { describe, expect, it } from 'vitest';
import {
  cleanTopicRules, complaintPriority, daysToResolve, DEFAULT_TOPIC_RULES, medianOf, NO_DAY, rankComplaints, resolvedBy, severityWeight,
  splitKeywords, topicOf, withinService,
} from '../../../../../src/lib/domain';

describe('complaint topics', () => {
  it('takes the file topic when there is one, whatever the text says', () => {
    expect(topicOf('快递没到', 'Billing')).toBe('Billing');
    expect(topicOf('快递没到', '  ')).toBe('delivery'); // a blank file topic is no topic
    // a file topic that is a rule's topic in another case or width counts as that topic
    expect(topicOf('', 'Delivery')).toBe('delivery');
    expect(topicOf('', 'ＱＵＡＬＩＴＹ ')).toBe('quality');
  });

  it('finds the first default rule whose keyword the text contains, in both languages', () => {
    expect(topicOf('快递三天还没到', '')).toBe('delivery');
    expect(topicOf('收到的杯子破损了', '')).toBe('quality');
    expect(topicOf('This is too expensive', '')).toBe('price');
    expect(topicOf('客服态度很差', '')).toBe('staff');
    expect(topicOf('I want my money back', '')).toBe('refund');
    // "late" (delivery) comes before "refund" in the rule order: the first rule wins
    expect(topicOf('Parcel was late, I want a refund', '')).toBe('delivery');
    expect(topicOf('Nice shop', '')).toBe('other');
    expect(topicOf('', '')).toBe('other');
  });

  it('matches regardless of case and full-width letters (NFKC)', () => {
    // "ＢＲＯＫＥＮ" in full-width capitals folds to "broken"
    expect(topicOf('The lid arrived ＢＲＯＫＥＮ', '')).toBe('quality');
    expect(topicOf('RUDE STAFF', '')).toBe('staff');
  });

  it('uses the rules given instead of the defaults, in their order', () => {
    const rules = [{ topic: 'Packaging', keywords: ['box', '包装'] }, { topic: 'delivery', keywords: ['box'] }];
    expect(topicOf('Box was crushed', '', rules)).toBe('Packaging');
    expect(topicOf('包装太简陋', '', rules)).toBe('Packaging');
    expect(topicOf('parcel late', '', rules)).toBe('other'); // the defaults no longer apply
  });

  it('cleans typed rules and splits keywords at ASCII and Chinese commas', () => {
    expect(splitKeywords('box, 包装，纸箱、 ;tape')).toEqual(['box', '包装', '纸箱', 'tape']);
    expect(cleanTopicRules([
      { topic: ' Packaging ', keywords: [' box', 'BOX', '', 'tape'] },
      { topic: '', keywords: ['x'] },
      { topic: 'Empty', keywords: [' '] },
    ])).toEqual([{ topic: 'Packaging', keywords: ['box', 'tape'] }]);
    expect(DEFAULT_TOPIC_RULES.map((r) => r.topic)).toEqual(['delivery', 'quality', 'price', 'staff', 'refund']);
  });
});

describe('time to resolve and the service level', () => {
  it('counts whole days from opened to resolved, unknown when either day is missing', () => {
    expect(daysToResolve(100, 103)).toBe(3);
    expect(daysToResolve(100, 100)).toBe(0);
    expect(daysToResolve(NO_DAY, 103)).toBeNull();
    expect(daysToResolve(100, NO_DAY)).toBeNull();
  });

  it('takes the median (middle value; mean of the two middle ones)', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 2, 10])).toBe(3); // (2 + 4) / 2
    expect(medianOf([])).toBeNaN();
  });

  it('shares resolved within the level among complaints whose outcome is known', () => {
    // resolved in 0, 1, 2, 3 days = 0, 24, 48, 72 h: within 48 h are 0, 1 and 2 days → 3
    // open for 1 day (24 h, not yet due) is left out; open for 5 days (120 h > 48) is due and missed
    // due = 4 resolved + 1 overdue open = 5; share = 3 / 5 = 0.6
    expect(withinService([0, 1, 2, 3], [1, 5], 48)).toEqual({ within: 3, due: 5, share: 0.6 });
    // a 24 h level: within are 0 and 1 day → 2 of 4 resolved; open 1 day = 24 h is not past 24 h; open 5 is → due 5
    expect(withinService([0, 1, 2, 3], [1, 5], 24)).toEqual({ within: 2, due: 5, share: 0.4 });
    expect(withinService([], [1], 48).share).toBeNaN();
  });

  it('treats an entry resolved after the as-of day as open then', () => {
    expect(resolvedBy(1, 110, 109)).toBe(false);
    expect(resolvedBy(1, 110, 110)).toBe(true);
    expect(resolvedBy(1, NO_DAY, 109)).toBe(true); // resolved, day unknown
    expect(resolvedBy(0, NO_DAY, undefined)).toBe(false);
    expect(resolvedBy(1, 500, undefined)).toBe(true);
  });
});

describe('the priority of an open complaint', () => {
  it('is value × days waiting × severity weight, unknown severity weighing as medium', () => {
    expect(severityWeight(1)).toBe(1);
    expect(severityWeight(3)).toBe(3);
    expect(severityWeight(0)).toBe(2);
    // 200 × 5 × 3 = 3000
    expect(complaintPriority({ value: 200, daysWaiting: 5, severity: 3 })).toBe(3000);
    // a new customer (value 0, or unknown) counts as 1: 1 × 4 × 2 = 8
    expect(complaintPriority({ value: 0, daysWaiting: 4, severity: 0 })).toBe(8);
    expect(complaintPriority({ value: NaN, daysWaiting: 4, severity: 2 })).toBe(8);
    // opened on the day itself, or undated, counts one day: 50 × 1 × 1
    expect(complaintPriority({ value: 50, daysWaiting: 0, severity: 1 })).toBe(50);
    expect(complaintPriority({ value: 50, daysWaiting: null, severity: 1 })).toBe(50);
  });

  it('orders by priority, then the longest waiting, then by id', () => {
    const ranked = rankComplaints([
      // A: 100 × 2 × 1 = 200
      { id: 'A', value: 100, daysWaiting: 2, severity: 1 },
      // B: 10 × 10 × 3 = 300 → first
      { id: 'B', value: 10, daysWaiting: 10, severity: 3 },
      // C: 50 × 4 × 1 = 200, same as A but waiting longer → before A
      { id: 'C', value: 50, daysWaiting: 4, severity: 1 },
      // E and D: 25 × 4 × 2 = 200, waiting 4 like C → by id: C, D, E
      { id: 'E', value: 25, daysWaiting: 4, severity: 2 },
      { id: 'D', value: 25, daysWaiting: 4, severity: 0 },
      // F: a new customer (−30 net) counts 1: 1 × 3 × 3 = 9 → last
      { id: 'F', value: -30, daysWaiting: 3, severity: 3 },
    ]);
    expect(ranked.map((c) => c.id)).toEqual(['B', 'C', 'D', 'E', 'A', 'F']);
    expect(ranked.map((c) => c.priority)).toEqual([300, 200, 200, 200, 200, 9]);
  });
});
