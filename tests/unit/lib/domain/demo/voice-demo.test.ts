import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoData } from '../../../../../src/lib/domain/demo';
import { splitPoints } from '../../../../../src/lib/domain/demo/servqual';
import { STORY_SEGMENT } from '../../../../../src/lib/domain/demo/story';
import { isoDate } from '../../../../../src/lib/domain/days';
import { assignRfmSegments, rfmFromOrders, rfmScores, rfmThresholds } from '../../../../../src/lib/domain/segments';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import { SERVQUAL_DIMENSIONS, servqualDimensionIndex, servqualGaps, type ServqualRow } from '../../../../../src/lib/domain/voice';

const demo: DemoData = generateDemo();

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The default RFM grouping of the app, computed here from the order LINES (rfmFromOrders, not the
 * generator's summary path): total net spend, 5 tie-aware bins, the 11-segment preset, as of the
 * day after the last order. Customer id → segment key.
 */
function rfmSegmentOf(data: DemoData): Map<string, string> {
  const o = data.orders;
  let last = -Infinity;
  for (let i = 0; i < o.day.length; i++) if (!o.isReturn[i] && o.day[i] > last) last = o.day[i];
  const lines = o.customerId.map((customerId, i) => ({
    customerId, date: isoDate(o.day[i]), amount: o.amount[i], orderId: o.orderId[i], isReturn: o.isReturn[i] === 1,
  }));
  const inputs = rfmFromOrders(lines, { analysisDate: isoDate(last + 1), monetary: 'total' });
  const method = 'tie-aware' as const;
  const thresholds = {
    R: rfmThresholds(inputs.map((r) => r.recencyDays), 5, { method }),
    F: rfmThresholds(inputs.map((r) => r.frequency), 5, { method }),
    M: rfmThresholds(inputs.map((r) => r.monetary), 5, { method }),
  };
  const scores = rfmScores(inputs, { bins: 5, thresholds });
  const keys = assignRfmSegments(inputs.map((r, i) => ({ ...r, ...scores[i] })), 'rfm11');
  return new Map(inputs.map((r, i) => [r.customerId, keys[i]]));
}

function servqualRows(data: DemoData, keep: (customerId: string) => boolean): ServqualRow[] {
  const s = data.servqual;
  const out: ServqualRow[] = [];
  for (let r = 0; r < s.item.length; r++) {
    if (keep(s.customerId[r])) out.push({ dimension: SERVQUAL_DIMENSIONS[s.dimension[r]], expectation: s.expectation[r], perception: s.perception[r] });
  }
  return out;
}

describe('demo voice of the customer: interactions', () => {
  const it2 = demo.interactions;
  const n = it2.kind.length;

  it('has every kind, including a few per cent suggestions, with severities 1–3 for complaints and 0/1 otherwise', () => {
    const kinds = new Map<string, number>();
    const bad: number[] = [];
    for (let r = 0; r < n; r++) {
      kinds.set(it2.kind[r], (kinds.get(it2.kind[r]) ?? 0) + 1);
      const sev = it2.severity[r];
      const ok = it2.kind[r] === 'complaint' ? sev >= 1 && sev <= 3 : sev === 0 || sev === 1;
      if (!ok) bad.push(r);
    }
    expect(bad).toEqual([]);
    expect(new Set(kinds.keys())).toEqual(new Set(['complaint', 'inquiry', 'praise', 'suggestion']));
    const suggestions = kinds.get('suggestion')! / n;
    expect(suggestions).toBeGreaterThan(0.01);
    expect(suggestions).toBeLessThan(0.08);
    expect(new Set(it2.id).size).toBe(n);
  });

  it('gives complaints about returned orders higher severities than the rest', () => {
    // an interaction is about a returned order when its customer had a return within the 20 days
    // before it; a rough split, but the high share must clearly differ (50% vs 15% by design)
    const returns = new Map<string, number[]>();
    const o = demo.orders;
    for (let i = 0; i < o.day.length; i++) if (o.isReturn[i]) (returns.get(o.customerId[i]) ?? returns.set(o.customerId[i], []).get(o.customerId[i])!).push(o.day[i]);
    const high = [0, 0];
    const all = [0, 0];
    for (let r = 0; r < n; r++) {
      if (it2.kind[r] !== 'complaint') continue;
      const near = (returns.get(it2.customerId[r]) ?? []).some((d) => Math.abs(d - it2.day[r]) <= 20) ? 1 : 0;
      all[near]++;
      if (it2.severity[r] === 3) high[near]++;
    }
    expect(high[1] / all[1]).toBeGreaterThan(high[0] / all[0] + 0.1);
  });

  it('resolves on or after the day of the entry, and only resolved entries have a resolution day', () => {
    const bad: number[] = [];
    for (let r = 0; r < n; r++) {
      const ok = it2.resolved[r] === 1
        ? it2.resolvedDay[r] !== NO_DAY && it2.resolvedDay[r] >= it2.day[r] && it2.resolvedDay[r] <= demo.endDay
        : it2.resolved[r] === 0 && it2.resolvedDay[r] === NO_DAY;
      if (!ok) bad.push(r);
    }
    expect(bad).toEqual([]);
  });

  it('keeps an open-complaint queue of 20–60, most of it from the last weeks before the end day', () => {
    let open = 0;
    let recent = 0;
    for (let r = 0; r < n; r++) {
      if (it2.kind[r] !== 'complaint' || it2.resolved[r]) continue;
      open++;
      if (it2.day[r] > demo.endDay - 49) recent++;
    }
    expect(open).toBeGreaterThanOrEqual(20);
    expect(open).toBeLessThanOrEqual(60);
    expect(recent / open).toBeGreaterThan(0.5);
  });

  it('resolves most complaints within a few days: overall median time to resolve 0–2 days', () => {
    const days: number[] = [];
    for (let r = 0; r < n; r++) if (it2.kind[r] === 'complaint' && it2.resolved[r]) days.push(it2.resolvedDay[r] - it2.day[r]);
    expect(median(days)).toBeGreaterThanOrEqual(0);
    expect(median(days)).toBeLessThanOrEqual(2);
  });

  it('writes a text for every entry, and leaves about 10% of complaints without a topic but with a telling text', () => {
    expect(it2.text.filter((t) => t.trim() === '')).toEqual([]);
    let complaints = 0;
    let untopiced = 0;
    const unclassifiable: string[] = [];
    // the words a delivery / quality / price / refund-or-service keyword rule would look for
    // (membership complaints always carry their topic, so no membership words here)
    const rule = /快递|物流|配送|包裹|质量|破损|瑕疵|价格|优惠|退货|退款|换货|客服|态度/;
    for (let r = 0; r < n; r++) {
      if (it2.kind[r] !== 'complaint') continue;
      complaints++;
      if (it2.topic[r] !== '') continue;
      untopiced++;
      if (!rule.test(it2.text[r])) unclassifiable.push(it2.text[r]);
    }
    expect(untopiced / complaints).toBeGreaterThan(0.06);
    expect(untopiced / complaints).toBeLessThan(0.14);
    expect(unclassifiable).toEqual([]);
    // entries of other kinds always keep their topic
    expect(it2.kind.filter((k, r) => k !== 'complaint' && it2.topic[r] === '')).toEqual([]);
    expect(new Set(it2.text).size).toBeGreaterThan(60);
  });

  it('writes English texts in the English demo, with the same rows otherwise', () => {
    const zh = generateDemo({ seed: 5, customers: 800, locale: 'zh' });
    const en = generateDemo({ seed: 5, customers: 800, locale: 'en' });
    const { text: zhText, topic: zhTopic, channel: zhChannel, ...zhRest } = zh.interactions;
    const { text: enText, topic: enTopic, channel: enChannel, ...enRest } = en.interactions;
    expect(enRest).toEqual(zhRest);
    expect(enTopic.map((t) => t === '')).toEqual(zhTopic.map((t) => t === ''));
    expect(enChannel.length).toBe(zhChannel.length);
    expect(zhText.every((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(enText.every((t) => /^[\x20-\x7e’]+$/.test(t))).toBe(true);
    // the same variant in both languages: an untopiced English parcel complaint is a Chinese 快递/物流 one
    const i = enText.findIndex((t, r) => enTopic[r] === '' && /parcel/i.test(t));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(zhText[i]).toMatch(/快递|物流|包裹/);
  });
});

describe('demo voice of the customer: SERVQUAL and importance', () => {
  const s = demo.servqual;
  const respondents = new Set(s.customerId);
  const known = new Map(demo.customers.id.map((id, i) => [id, i]));

  it('has 400–600 respondents answering all 22 items once, on 1–7, with each item in its dimension', () => {
    expect(respondents.size).toBeGreaterThanOrEqual(400);
    expect(respondents.size).toBeLessThanOrEqual(600);
    expect(s.item.length).toBe(respondents.size * 22);
    const items = new Map<string, Set<number>>();
    const bad: number[] = [];
    for (let r = 0; r < s.item.length; r++) {
      const ok =
        known.has(s.customerId[r]) &&
        Number.isInteger(s.expectation[r]) && s.expectation[r] >= 1 && s.expectation[r] <= 7 &&
        Number.isInteger(s.perception[r]) && s.perception[r] >= 1 && s.perception[r] <= 7 &&
        s.item[r] >= 1 && s.item[r] <= 22 &&
        s.dimension[r] === servqualDimensionIndex(s.item[r]) &&
        s.day[r] <= demo.endDay && (r === 0 || s.day[r] >= s.day[r - 1]);
      if (!ok) bad.push(r);
      (items.get(s.customerId[r]) ?? items.set(s.customerId[r], new Set()).get(s.customerId[r])!).add(s.item[r]);
    }
    expect(bad).toEqual([]);
    expect([...items.values()].filter((set) => set.size !== 22)).toEqual([]);
  });

  it('dates each answer 2–14 days after one of the respondent’s purchases', () => {
    const purchases = new Map<string, number[]>();
    const o = demo.orders;
    for (let i = 0; i < o.day.length; i++) if (!o.isReturn[i]) (purchases.get(o.customerId[i]) ?? purchases.set(o.customerId[i], []).get(o.customerId[i])!).push(o.day[i]);
    const bad: number[] = [];
    for (let r = 0; r < s.item.length; r += 22) {
      const days = purchases.get(s.customerId[r]) ?? [];
      if (!days.some((d) => s.day[r] - d >= 2 && s.day[r] - d <= 14)) bad.push(r);
    }
    expect(bad).toEqual([]);
  });

  it('expects a lot (5.5–6.8 per dimension) and perceives less: gaps from −0.2 to −1.5, reliability the largest overall', () => {
    const g = servqualGaps(servqualRows(demo, () => true));
    for (const d of g.dimensions) {
      expect(d.expectation).toBeGreaterThan(5.5);
      expect(d.expectation).toBeLessThan(6.8);
      expect(d.gap).toBeLessThan(-0.2);
      expect(d.gap).toBeGreaterThan(-1.5);
    }
    const largest = g.dimensions.reduce((a, b) => (b.gap < a.gap ? b : a));
    expect(largest.dimension).toBe('reliability');
  });

  it('has importance points for most respondents: five whole numbers summing to exactly 100, reliability usually first', () => {
    const im = demo.importance;
    const m = im.customerId.length;
    expect(m / respondents.size).toBeGreaterThan(0.7);
    expect(m / respondents.size).toBeLessThan(0.95);
    const bad: number[] = [];
    let reliabilityFirst = 0;
    const sums = [0, 0, 0, 0, 0];
    const cols = [im.tangibles, im.reliability, im.responsiveness, im.assurance, im.empathy];
    const answeredOn = new Map<string, number>();
    for (let r = 0; r < s.item.length; r += 22) answeredOn.set(s.customerId[r], s.day[r]);
    for (let i = 0; i < m; i++) {
      const v = cols.map((c) => c[i]);
      if (!(v.every((x) => Number.isInteger(x) && x >= 0) && v.reduce((a, b) => a + b, 0) === 100 && answeredOn.get(im.customerId[i]) === im.day[i])) bad.push(i);
      if (v[1] === Math.max(...v)) reliabilityFirst++;
      v.forEach((x, k) => (sums[k] += x));
    }
    expect(bad).toEqual([]);
    expect(new Set(im.customerId).size).toBe(m);
    expect(reliabilityFirst / m).toBeGreaterThan(0.5);
    // mean points near Parasuraman et al.'s 11/32/22/19/16 (tangibles … empathy)
    const means = sums.map((x) => x / m);
    expect(means[1]).toBeGreaterThan(28);
    expect(means[0]).toBeLessThan(14);
    expect(Math.max(...means)).toBe(means[1]);
  });

  it('splitPoints: largest remainders, whole points summing exactly to the total', () => {
    // shares 1:1:1 of 100 → 33.33 each, floor 33+33+33 = 99; the one left goes to the first (ties by order)
    expect(splitPoints([1, 1, 1], 100, 1)).toEqual([34, 33, 33]);
    // 10/33/22/19/16 (of 100) in 20 fives = 2.0, 6.6, 4.4, 3.8, 3.2 → floors 2, 6, 4, 3, 3 = 18; the two
    // units left go to the largest remainders, 0.8 (assurance) and 0.6 (reliability) → 10, 35, 20, 20, 15
    expect(splitPoints([10, 33, 22, 19, 16], 100, 5)).toEqual([10, 35, 20, 20, 15]);
  });
});

describe('demo referrals', () => {
  const c = demo.customers;
  const index = new Map(c.id.map((id, i) => [id, i]));
  const firstPurchase = new Map<string, number>();
  const o = demo.orders;
  for (let i = 0; i < o.day.length; i++) if (!o.isReturn[i] && !firstPurchase.has(o.customerId[i])) firstPurchase.set(o.customerId[i], o.day[i]);

  it('names an existing, earlier customer (signed up and bought before) as referrer, never oneself', () => {
    const bad: number[] = [];
    let referred = 0;
    for (let i = 0; i < c.id.length; i++) {
      const by = c.referredBy[i];
      if (by === '') continue;
      referred++;
      const j = index.get(by);
      const ok = j !== undefined && by !== c.id[i] && c.signupDay[j] < c.signupDay[i] && (firstPurchase.get(by) ?? Infinity) < c.signupDay[i];
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(referred).toBeGreaterThan(0);
  });

  it('gives about 70% of referral-channel customers a referrer, and nobody else', () => {
    let channel = 0;
    let named = 0;
    const others: number[] = [];
    for (let i = 0; i < c.id.length; i++) {
      if (c.channel[i] === '老客推荐') {
        channel++;
        if (c.referredBy[i]) named++;
      } else if (c.referredBy[i]) others.push(i);
    }
    expect(others).toEqual([]);
    expect(named / channel).toBeGreaterThan(0.6);
    expect(named / channel).toBeLessThan(0.8);
  });

  it('draws referrers from frequent buyers, some bringing several customers', () => {
    const brought = new Map<string, number>();
    for (const by of c.referredBy) if (by) brought.set(by, (brought.get(by) ?? 0) + 1);
    expect([...brought.values()].filter((k) => k >= 3).length).toBeGreaterThanOrEqual(5);
    const purchases = new Map<string, number>();
    for (let i = 0; i < o.day.length; i++) if (!o.isReturn[i]) purchases.set(o.customerId[i], (purchases.get(o.customerId[i]) ?? 0) + 1);
    const buyers = [...purchases.values()];
    const meanBuyer = buyers.reduce((a, b) => a + b, 0) / buyers.length;
    const referrers = [...brought.keys()].map((id) => purchases.get(id) ?? 0);
    const meanReferrer = referrers.reduce((a, b) => a + b, 0) / referrers.length;
    expect(meanReferrer).toBeGreaterThan(2 * meanBuyer);
  });

  it('is the same in both locales', () => {
    const zh = generateDemo({ seed: 5, customers: 800, locale: 'zh' });
    const en = generateDemo({ seed: 5, customers: 800, locale: 'en' });
    expect(en.customers.referredBy).toEqual(zh.customers.referredBy);
    expect(zh.customers.referredBy.some(Boolean)).toBe(true);
  });
});

describe('the demo story: one RFM segment with a responsiveness problem', () => {
  const segment = rfmSegmentOf(demo);
  const inStory = (id: string): boolean => segment.get(id) === STORY_SEGMENT;

  it('is a segment of the default RFM grouping with enough customers, complaints and SERVQUAL answers to show', () => {
    expect(STORY_SEGMENT).toBe('at_risk');
    expect([...segment.values()].filter((k) => k === STORY_SEGMENT).length).toBeGreaterThan(150);
    expect(demo.interactions.kind.filter((k, r) => k === 'complaint' && inStory(demo.interactions.customerId[r])).length).toBeGreaterThan(50);
    expect(new Set(demo.servqual.customerId.filter(inStory)).size).toBeGreaterThan(50);
  });

  it('has responsiveness as its largest gap (about −2), larger than the overall responsiveness gap; other segments lead with another dimension', () => {
    const story = servqualGaps(servqualRows(demo, inStory));
    const overall = servqualGaps(servqualRows(demo, () => true));
    const rest = servqualGaps(servqualRows(demo, (id) => !inStory(id)));
    const gap = (g: typeof story, d: string) => g.dimensions.find((x) => x.dimension === d)!.gap;
    const largest = (g: typeof story) => g.dimensions.reduce((a, b) => (b.gap < a.gap ? b : a)).dimension;
    expect(largest(story)).toBe('responsiveness');
    expect(gap(story, 'responsiveness')).toBeLessThan(-1.7);
    expect(gap(story, 'responsiveness')).toBeGreaterThan(-2.7);
    expect(Math.abs(gap(story, 'responsiveness'))).toBeGreaterThan(Math.abs(gap(overall, 'responsiveness')) + 0.8);
    expect(largest(rest)).not.toBe('responsiveness');
    expect(largest(overall)).not.toBe('responsiveness');
  });

  it('waits far longer for complaints to be resolved and is left unresolved more often', () => {
    const it2 = demo.interactions;
    const days: Record<'story' | 'rest', number[]> = { story: [], rest: [] };
    const open = { story: 0, rest: 0 };
    const all = { story: 0, rest: 0 };
    for (let r = 0; r < it2.kind.length; r++) {
      if (it2.kind[r] !== 'complaint') continue;
      const g = inStory(it2.customerId[r]) ? 'story' : 'rest';
      all[g]++;
      if (it2.resolved[r]) days[g].push(it2.resolvedDay[r] - it2.day[r]);
      else open[g]++;
    }
    expect(median(days.story)).toBeGreaterThanOrEqual(5);
    expect(median(days.story)).toBeLessThanOrEqual(8);
    expect(median(days.rest)).toBeLessThanOrEqual(2);
    expect(median(days.story)).toBeGreaterThan(median(days.rest) + 2);
    expect(open.story / all.story).toBeGreaterThan((2 * open.rest) / all.rest);
  });
});

describe('demo voice data: deterministic and locale-invariant', () => {
  it('gives the same SERVQUAL, importance, interactions and referrals for the same seed, other ones for another', () => {
    const a = generateDemo({ seed: 21, customers: 1500 });
    const b = generateDemo({ seed: 21, customers: 1500 });
    const c = generateDemo({ seed: 22, customers: 1500 });
    expect(b.servqual).toEqual(a.servqual);
    expect(b.importance).toEqual(a.importance);
    expect(b.interactions).toEqual(a.interactions);
    expect(b.customers.referredBy).toEqual(a.customers.referredBy);
    expect(c.servqual.perception).not.toEqual(a.servqual.perception);
    expect(c.customers.referredBy).not.toEqual(a.customers.referredBy);
  });

  it('generates tiny companies too: no customer, one, a handful', () => {
    for (const customers of [0, 1, 30]) {
      const d = generateDemo({ customers });
      expect(d.customers.referredBy).toHaveLength(customers);
      expect(d.servqual.item.length % 22).toBe(0);
      expect(d.importance.customerId.length).toBeLessThanOrEqual(d.servqual.item.length / 22);
    }
  });

  it('changes nothing but display text with the locale', () => {
    const zh = generateDemo({ seed: 21, customers: 1500, locale: 'zh' });
    const en = generateDemo({ seed: 21, customers: 1500, locale: 'en' });
    expect(en.servqual).toEqual(zh.servqual);
    expect(en.importance).toEqual(zh.importance);
    expect(en.surveys).toEqual(zh.surveys);
    expect(en.servqual.item.length).toBeGreaterThan(0);
  });
});
