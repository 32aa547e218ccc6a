import { describe, expect, it } from 'vitest';
import { personaSummary, PERSONA_RISK_THRESHOLDS, type PersonaBase } from '../../../../../src/lib/domain/segments/persona';

type Row = { member: 0 | 1; age?: number; gender?: string; city?: string; channel?: string; net?: number; r?: number; f?: number; m?: number };

function build(rows: Row[]): { member: Uint8Array; base: PersonaBase } {
  return {
    member: Uint8Array.from(rows, (x) => x.member),
    base: {
      customers: rows.length,
      age: Float64Array.from(rows, (x) => x.age ?? NaN),
      gender: rows.map((x) => x.gender ?? ''),
      city: rows.map((x) => x.city ?? ''),
      channel: rows.map((x) => x.channel ?? ''),
      netSpend: Float64Array.from(rows, (x) => x.net ?? 0),
      recencyDays: Float64Array.from(rows, (x) => x.r ?? NaN),
      frequency: Int32Array.from(rows, (x) => x.f ?? 0),
      monetary: Float64Array.from(rows, (x) => x.m ?? NaN),
    },
  };
}

/** `count` members with one profile and `others` non-members with another. */
function blocks(count: number, seg: Omit<Row, 'member'>, others: number, rest: Omit<Row, 'member'>) {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) rows.push({ member: 1, ...seg });
  for (let i = 0; i < others; i++) rows.push({ member: 0, ...rest });
  const { member, base } = build(rows);
  return personaSummary(member, base);
}

describe('personaSummary', () => {
  it('matches the hand calculation', () => {
    const { member, base } = build([
      { member: 1, age: 30, gender: 'F', city: 'A', channel: 'web', net: 100, r: 10, f: 4, m: 100 },
      { member: 1, age: 40, gender: 'F', city: 'B', channel: 'app', net: 200, r: 20, f: 2, m: 200 },
      { member: 1, gender: 'M', city: 'A', net: 50, r: 30, f: 1, m: 50 },
      { member: 1, age: 50, channel: 'web' }, // a prospect member: no recency, frequency 0, no monetary
      { member: 0, age: 20, gender: 'M', city: 'C', channel: 'store', net: 10, r: 100, f: 1, m: 10 },
      { member: 0, age: 60, gender: 'M', city: 'C', channel: 'store', net: 20, r: 200, f: 1, m: 20 },
      { member: 0, age: 25, gender: 'F', city: 'D', channel: 'web', net: 30, r: 300, f: 2, m: 30 },
      { member: 0, age: 35, gender: 'M', city: 'C', channel: 'app', net: 40, r: 5, f: 3, m: 40 },
      { member: 0 },
      { member: 0, age: 45, gender: 'F', city: 'A', channel: 'web', net: 50, r: 50, f: 1, m: 50 },
    ]);
    expect(personaSummary(member, base)).toEqual({
      size: 4,
      shareOfCustomers: 0.4,
      shareOfRevenue: 0.7, // (100 + 200 + 50 + 0) / 500
      medianAge: 40, // 30, 40, 50 (one unknown)
      genderShares: [{ value: 'F', share: 0.5 }, { value: 'M', share: 0.25 }], // one of four unknown
      topCities: [{ value: 'A', share: 0.5 }, { value: 'B', share: 0.25 }],
      topChannels: [{ value: 'web', share: 0.5 }, { value: 'app', share: 0.25 }],
      profile: {
        // segment over its 3 buyers; base over 8 buyers
        recencyDays: { segment: 20, base: 40 }, // 10 20 30 | 5 10 20 30 50 100 200 300 → (30 + 50) / 2
        frequency: { segment: 2, base: 1.5 }, // 1 2 4 | 1 1 1 1 2 2 3 4 → (1 + 2) / 2
        monetary: { segment: 100, base: 45 }, // 50 100 200 | 10 20 30 40 50 50 100 200 → (40 + 50) / 2
      },
      // monetary 100 / 45 ≥ 1.5 but recency 20 / 40 < 1.5: only the size is a risk
      risks: [{ code: 'persona.risk.smallSegment', params: { size: 4, min: 30 } }],
    });
  });

  it('ranks values by share, then by value, and keeps five', () => {
    const cities = ['G', 'F', 'E', 'E', 'D', 'D', 'D', 'C', 'B', 'A'];
    const { member, base } = build(cities.map((city) => ({ member: 1, city })));
    // D 3, E 2, then the ties A, B, C, F, G in code-unit order: five kept
    expect(personaSummary(member, base).topCities.map((s) => s.value)).toEqual(['D', 'E', 'A', 'B', 'C']);
  });

  it('returns zeros, nulls and empty lists for an empty segment, never NaN', () => {
    const { base } = build([{ member: 0, age: 30, gender: 'F', city: 'A', channel: 'web', net: 10, r: 5, f: 1, m: 10 }]);
    expect(personaSummary(new Uint8Array(1), base)).toEqual({
      size: 0, shareOfCustomers: 0, shareOfRevenue: 0, medianAge: null, genderShares: [], topCities: [], topChannels: [],
      profile: { recencyDays: { segment: null, base: 5 }, frequency: { segment: null, base: 1 }, monetary: { segment: null, base: 10 } },
      risks: [],
    });
  });

  it('handles no customers, and a base without revenue', () => {
    const none = personaSummary(new Uint8Array(0), build([]).base);
    expect(none).toMatchObject({ size: 0, shareOfCustomers: 0, shareOfRevenue: null, medianAge: null });
    expect(none.profile.monetary).toEqual({ segment: null, base: null });
    const { member, base } = build([{ member: 1, net: 0 }, { member: 0, net: 0 }]);
    expect(personaSummary(member, base).shareOfRevenue).toBeNull();
  });

  it('gives a segment of prospects no profile', () => {
    const p = blocks(30, {}, 10, { r: 10, f: 2, m: 50, net: 50 });
    expect(p.profile.recencyDays).toEqual({ segment: null, base: 10 });
    expect(p.profile.frequency).toEqual({ segment: null, base: 2 });
    expect(p.risks).toEqual([]);
  });
});

describe('persona risks', () => {
  // 30 members and 70 others: every base median is the others' value.
  const others = { r: 60, f: 2, m: 200, net: 200 };

  it('flags valuable customers who have not bought lately', () => {
    // monetary 300 / 200 = 1.5, recency 90 / 60 = 1.5
    expect(blocks(30, { r: 90, f: 2, m: 300, net: 300 }, 70, others).risks).toEqual([
      { code: 'persona.risk.highValueNotRecent', params: { monetaryRatio: 1.5, recencyRatio: 1.5 } },
    ]);
    expect(blocks(30, { r: 89, f: 2, m: 300, net: 300 }, 70, others).risks).toEqual([]); // 89 / 60 < 1.5
    // monetary 299 / 200 < 1.5 with recency 120 / 60 = 2: lapsing instead
    expect(blocks(30, { r: 120, f: 2, m: 299, net: 299 }, 70, others).risks).toEqual([
      { code: 'persona.risk.lapsing', params: { recencyRatio: 2 } },
    ]);
  });

  it('flags lapsing at twice the base recency, not the same segment twice', () => {
    expect(blocks(30, { r: 119, f: 2, m: 100, net: 100 }, 70, others).risks).toEqual([]); // 119 / 60 < 2
    // recency 150 / 60 = 2.5 and monetary 1.5×: high value not recent only
    expect(blocks(30, { r: 150, f: 2, m: 300, net: 300 }, 70, others).risks.map((r) => r.code)).toEqual(['persona.risk.highValueNotRecent']);
  });

  it('flags low frequency at half the base median', () => {
    expect(blocks(30, { r: 60, f: 1, m: 200, net: 200 }, 70, others).risks).toEqual([
      { code: 'persona.risk.lowFrequency', params: { frequency: 1, baseFrequency: 2 } },
    ]);
    expect(blocks(30, { r: 60, f: 1, m: 200, net: 200 }, 70, { ...others, f: 1 }).risks).toEqual([]);
  });

  it('flags revenue concentration: ≥ 50% of revenue from ≤ 20% of customers', () => {
    // 30 of 150 customers = 0.2; 30 × 100 / (30 × 100 + 120 × 20) = 3000 / 5400 = 0.555…
    const p = blocks(30, { r: 60, f: 2, m: 100, net: 100 }, 120, { r: 60, f: 2, m: 100, net: 20 });
    expect(p.risks).toEqual([{ code: 'persona.risk.revenueConcentration', params: { revenueShare: 3000 / 5400, customerShare: 0.2 } }]);
    // 30 of 149 > 0.2: not flagged
    expect(blocks(30, { r: 60, f: 2, m: 100, net: 100 }, 119, { r: 60, f: 2, m: 100, net: 20 }).risks).toEqual([]);
  });

  it('flags a segment whose returns exceed its sales', () => {
    expect(blocks(30, { r: 60, f: 2, m: -10, net: -10 }, 70, others).risks).toEqual([
      { code: 'persona.risk.netLoss', params: { netSpend: -300 } },
    ]);
  });

  it('skips ratios when the base median is 0', () => {
    expect(blocks(30, { r: 5, f: 0, m: 0, net: 1 }, 70, { r: 0, f: 0, m: 0, net: 1 }).risks).toEqual([]);
  });

  it('documents its thresholds', () => {
    expect(PERSONA_RISK_THRESHOLDS).toMatchObject({ minSize: 30, highValueRatio: 1.5, notRecentRatio: 1.5, lapsingRatio: 2, lowFrequencyRatio: 0.5 });
  });
});

describe('scale', () => {
  it('takes exact medians of 100,000 customers with many ties', () => {
    const n = 100_000;
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows: Row[] = Array.from({ length: n }, (_, i) => ({
      member: (i % 3 === 0 ? 1 : 0) as 0 | 1, age: Math.floor(rand() * 60) + 18, r: Math.floor(rand() * 400), f: 1 + Math.floor(rand() * 5),
      m: Math.round(rand() * 1000) / 10, net: rand() * 100, gender: rand() < 0.5 ? 'F' : 'M', city: `c${Math.floor(rand() * 50)}`,
    }));
    const { member, base } = build(rows);
    const p = personaSummary(member, base);
    const sortedMedian = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = s.length >> 1;
      return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
    };
    const members = rows.filter((x) => x.member);
    expect(p.size).toBe(33_334);
    expect(p.medianAge).toBe(sortedMedian(members.map((x) => x.age!)));
    expect(p.profile.recencyDays.segment).toBe(sortedMedian(members.map((x) => x.r!)));
    expect(p.profile.monetary.base).toBe(sortedMedian(rows.map((x) => x.m!)));
    expect(p.profile.frequency.base).toBe(sortedMedian(rows.map((x) => x.f!)));
    expect(p.topCities.length).toBe(5);
  });
});
