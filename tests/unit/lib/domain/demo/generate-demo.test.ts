import { describe, it, expect } from 'vitest';
import { generateDemo, generateSyntheticOrders, type DemoData } from '../../../../../src/lib/domain/demo';
import { createRandom } from '../../../../../src/lib/domain/random';
import { dayFromCivil } from '../../../../../src/lib/domain/days';

const demo: DemoData = generateDemo();

/** Purchase (non-return) count and last purchase day per customer id. */
function purchaseStats(data: DemoData): { count: Map<string, number>; last: Map<string, number> } {
  const count = new Map<string, number>();
  const last = new Map<string, number>();
  const o = data.orders;
  for (let i = 0; i < o.orderId.length; i++) {
    if (o.isReturn[i]) continue;
    const c = o.customerId[i];
    count.set(c, (count.get(c) ?? 0) + 1);
    last.set(c, Math.max(last.get(c) ?? -Infinity, o.day[i]));
  }
  return { count, last };
}

function isSorted(days: Int32Array): boolean {
  for (let i = 1; i < days.length; i++) if (days[i] < days[i - 1]) return false;
  return true;
}

describe('createRandom', () => {
  it('is deterministic per seed and seeds differ', () => {
    const a = createRandom(7);
    const b = createRandom('7');
    const c = createRandom(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws within range with the right means', () => {
    const r = createRandom('moments');
    const n = 50_000;
    let u = 0;
    let g = 0;
    let gSmall = 0;
    let be = 0;
    let po = 0;
    let poBig = 0;
    let z = 0;
    let z2 = 0;
    const hits = [0, 0, 0];
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) bad++;
      u += x;
      const k = r.int(3, 5);
      if (k !== 3 && k !== 4 && k !== 5) bad++;
      g += r.gamma(3, 2);
      gSmall += r.gamma(0.4, 1);
      be += r.beta(2, 6);
      po += r.poisson(3.5);
      poBig += r.poisson(40);
      const v = r.normal();
      z += v;
      z2 += v * v;
      hits[r.weighted([1, 0, 3])]++;
    }
    expect(bad).toBe(0);
    expect(u / n).toBeCloseTo(0.5, 1);
    expect(g / n).toBeCloseTo(6, 1);
    expect(gSmall / n).toBeCloseTo(0.4, 1);
    expect(be / n).toBeCloseTo(0.25, 2);
    expect(po / n).toBeCloseTo(3.5, 1);
    expect(Math.abs(poBig / n - 40)).toBeLessThan(0.2);
    expect(z / n).toBeCloseTo(0, 1);
    expect(z2 / n).toBeCloseTo(1, 1);
    expect(hits[1]).toBe(0);
    expect(hits[2] / n).toBeCloseTo(0.75, 1);
    expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    expect(() => r.pick([])).toThrow();
  });
});

describe('generateDemo', () => {
  it('is deterministic: same seed gives the same data, another seed different data', () => {
    const a = generateDemo({ seed: 11, customers: 600 });
    const b = generateDemo({ seed: 11, customers: 600 });
    const c = generateDemo({ seed: 12, customers: 600 });
    expect(b).toEqual(a);
    expect(c.orders.amount).not.toEqual(a.orders.amount);
    expect(c.customers.signupDay).not.toEqual(a.customers.signupDay);
  });

  it('uses the defaults: 5,000 customers, CNY, 2023-01-01 … 2025-12-31, Chinese names', () => {
    expect(demo.customers.id).toHaveLength(5000);
    expect(demo.currency).toBe('CNY');
    expect(demo.name).toBe('演示公司 · 鲸选零售');
    expect(demo.startDay).toBe(dayFromCivil(2023, 1, 1));
    expect(demo.endDay).toBe(dayFromCivil(2025, 12, 31));
    expect(generateDemo({ seed: 20240601, customers: 300 })).toEqual(generateDemo({ customers: 300 }));
  });

  it('changes only display strings with the locale, never ids, days or amounts', () => {
    const zh = generateDemo({ seed: 5, customers: 800, locale: 'zh' });
    const en = generateDemo({ seed: 5, customers: 800, locale: 'en' });
    expect(en.name).toBe('Demo company · Harbor Retail');
    expect(en.currency).toBe(zh.currency);
    expect(en.orders).toEqual(zh.orders);
    expect(en.surveys).toEqual(zh.surveys);
    const { name: zhName, city: zhCity, province: zhProvince, channel: zhChannel, ...zhRest } = zh.customers;
    const { name: enName, city: enCity, province: enProvince, channel: enChannel, ...enRest } = en.customers;
    expect(enRest).toEqual(zhRest);
    expect(enName).not.toEqual(zhName);
    expect(enCity).not.toEqual(zhCity);
    expect(enProvince).not.toEqual(zhProvince);
    expect(enChannel).not.toEqual(zhChannel);
    expect(new Set(enCity)).toContain('Shanghai');
    expect(new Set(zhCity)).toContain('上海');
    expect(en.interactions.customerId).toEqual(zh.interactions.customerId);
    expect(en.interactions.day).toEqual(zh.interactions.day);
    expect(en.interactions.kind).toEqual(zh.interactions.kind);
    expect(en.interactions.resolved).toEqual(zh.interactions.resolved);
    expect(en.interactions.topic).not.toEqual(zh.interactions.topic);
    // '' = a complaint filed without a topic (its text still says what it is about)
    expect(new Set(en.interactions.topic)).toEqual(new Set(['Delivery', 'Quality', 'Price', 'After-sales', 'Membership', '']));
  });

  it('has unique zero-padded customer ids, sorted by signup day inside the window', () => {
    const c = demo.customers;
    expect(c.id[0]).toBe('C000001');
    expect(new Set(c.id).size).toBe(c.id.length);
    expect(c.id.filter((id) => !/^C\d{6}$/.test(id))).toEqual([]);
    expect(isSorted(c.signupDay)).toBe(true);
    expect(c.signupDay[0]).toBeGreaterThanOrEqual(demo.startDay);
    expect(c.signupDay[c.signupDay.length - 1]).toBeLessThanOrEqual(demo.endDay);
    const female = c.gender.filter((g) => g === 'F').length / c.gender.length;
    expect(female).toBeGreaterThan(0.5);
    expect(female).toBeLessThan(0.6);
    const bad: number[] = [];
    for (let i = 0; i < c.id.length; i++) {
      const age = (c.signupDay[i] - c.birthDay[i]) / 365.25;
      if (!(age >= 18 && age < 77 && c.acquisitionCost[i] > 0 && c.name[i].length > 1)) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(new Set(c.city).size).toBe(15);
    expect(new Set(c.channel).size).toBe(6);
  });

  it('links every order to a known customer, inside the window, sorted by day', () => {
    const known = new Set(demo.customers.id);
    const o = demo.orders;
    expect(isSorted(o.day)).toBe(true);
    const bad: number[] = [];
    for (let i = 0; i < o.orderId.length; i++) {
      const ok =
        known.has(o.customerId[i]) &&
        o.day[i] >= demo.startDay &&
        o.day[i] <= demo.endDay &&
        Number.isInteger(o.quantity[i]) &&
        o.quantity[i] >= 1 &&
        o.quantity[i] <= 6 &&
        Math.round(o.amount[i] * 100) / 100 === o.amount[i];
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(new Set(o.orderId).size).toBe(o.orderId.length);
  });

  it('writes returns as negative rows after the purchase they belong to', () => {
    const o = demo.orders;
    const purchase = new Map<string, number>();
    for (let i = 0; i < o.orderId.length; i++) if (!o.isReturn[i]) purchase.set(o.orderId[i], i);
    let returns = 0;
    const bad: number[] = [];
    for (let i = 0; i < o.orderId.length; i++) {
      if (!o.isReturn[i]) {
        if (!/^SO\d{7}$/.test(o.orderId[i]) || !(o.amount[i] > 0)) bad.push(i);
        continue;
      }
      returns++;
      const k = purchase.get(o.orderId[i].replace(/^R/, ''));
      const ok =
        o.orderId[i].startsWith('R') &&
        o.amount[i] < 0 &&
        k !== undefined &&
        o.customerId[k] === o.customerId[i] &&
        o.day[i] > o.day[k] &&
        -o.amount[i] <= o.amount[k];
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    const share = returns / (o.orderId.length - returns);
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.055);
  });

  it('shows realistic buying behaviour: many one-time buyers, a loyal tail, lapsed repeaters', () => {
    const { count, last } = purchaseStats(demo);
    const counts = [...count.values()];
    const purchases = counts.reduce((s, x) => s + x, 0);
    expect(purchases).toBeGreaterThan(15_000);
    expect(purchases).toBeLessThan(30_000);
    const prospects = 1 - count.size / demo.customers.id.length;
    expect(prospects).toBeGreaterThan(0.02);
    expect(prospects).toBeLessThan(0.1);
    const oneTime = counts.filter((x) => x === 1).length / count.size;
    expect(oneTime).toBeGreaterThan(0.4);
    expect(oneTime).toBeLessThan(0.65);
    expect(counts.filter((x) => x >= 10).length).toBeGreaterThan(50);
    let repeat = 0;
    let lapsed = 0;
    for (const [id, n] of count) {
      if (n < 2) continue;
      repeat++;
      if ((last.get(id) as number) < demo.endDay - 180) lapsed++;
    }
    expect(repeat).toBeGreaterThan(1000);
    expect(lapsed / repeat).toBeGreaterThan(0.2);
    expect(lapsed / repeat).toBeLessThan(0.8);
  });

  it('lets the acquisition channel matter: referrals buy more often than paid-ads customers', () => {
    const { count } = purchaseStats(demo);
    const per = (channel: string): number => {
      let buyers = 0;
      let orders = 0;
      demo.customers.id.forEach((id, i) => {
        if (demo.customers.channel[i] !== channel) return;
        const n = count.get(id) ?? 0;
        if (n > 0) buyers++;
        orders += n;
      });
      return orders / buyers;
    };
    expect(per('老客推荐')).toBeGreaterThan(per('付费广告') * 1.2);
  });

  it('peaks in November (双11)', () => {
    const inRange = (from: number, to: number): number => demo.orders.day.filter((d) => d >= from && d < to).length;
    const october = inRange(dayFromCivil(2025, 10, 1), dayFromCivil(2025, 11, 1));
    const november = inRange(dayFromCivil(2025, 11, 1), dayFromCivil(2025, 12, 1));
    expect(november).toBeGreaterThan(october * 1.2);
  });

  it('has surveys with valid NPS/CSAT, correlated and plausible', () => {
    const s = demo.surveys;
    const known = new Set(demo.customers.id);
    expect(isSorted(s.day)).toBe(true);
    let promoters = 0;
    let detractors = 0;
    let answered = 0;
    let csatHiNps = 0;
    let csatHiNpsN = 0;
    let csatLoNps = 0;
    let csatLoNpsN = 0;
    const bad: number[] = [];
    for (let i = 0; i < s.nps.length; i++) {
      const nps = s.nps[i];
      const csat = s.csat[i];
      const ok =
        known.has(s.customerId[i]) &&
        s.day[i] <= demo.endDay &&
        (nps === -1 || (nps >= 0 && nps <= 10)) &&
        (csat === 0 || (csat >= 1 && csat <= 5)) &&
        (nps !== -1 || csat !== 0);
      if (!ok) bad.push(i);
      if (nps >= 0) {
        answered++;
        if (nps >= 9) promoters++;
        else if (nps <= 6) detractors++;
      }
      if (nps >= 9 && csat > 0) {
        csatHiNps += csat;
        csatHiNpsN++;
      }
      if (nps >= 0 && nps <= 6 && csat > 0) {
        csatLoNps += csat;
        csatLoNpsN++;
      }
    }
    expect(bad).toEqual([]);
    const score = (100 * (promoters - detractors)) / answered;
    expect(score).toBeGreaterThan(10);
    expect(score).toBeLessThan(35);
    expect(csatHiNps / csatHiNpsN).toBeGreaterThan(csatLoNps / csatLoNpsN + 1);
    const { count } = purchaseStats(demo);
    const respondents = new Set(s.customerId).size / count.size;
    expect(respondents).toBeGreaterThan(0.3);
    expect(respondents).toBeLessThan(0.4);
  });

  it('has service interactions with valid fields, nearly all complaints resolved by the end day', () => {
    const it2 = demo.interactions;
    const n = it2.kind.length;
    expect(n).toBeGreaterThan(2000);
    expect(n).toBeLessThan(4000);
    expect(isSorted(it2.day)).toBe(true);
    expect(new Set(it2.kind)).toEqual(new Set(['complaint', 'inquiry', 'praise', 'suggestion']));
    expect(new Set(it2.channel)).toEqual(new Set(['电话', '在线客服', '邮件', '门店']));
    expect(new Set(it2.topic)).toEqual(new Set(['物流', '质量', '价格', '售后', '会员', '']));
    let complaints = 0;
    let resolved = 0;
    const bad: number[] = [];
    for (let i = 0; i < n; i++) {
      if (it2.resolved[i] > 1 || it2.day[i] > demo.endDay) bad.push(i);
      if (it2.kind[i] === 'complaint') {
        complaints++;
        resolved += it2.resolved[i];
      }
    }
    expect(bad).toEqual([]);
    // resolved means closed by the end day: only the recent backlog and a few abandoned ones are open
    // (the open queue is 20–60 of about a thousand complaints, see voice-demo.test.ts)
    expect(resolved / complaints).toBeGreaterThan(0.9);
    expect(resolved / complaints).toBeLessThan(0.99);
  });
});

describe('generateSyntheticOrders', () => {
  it('gives exactly the requested rows, unique ids and every customer at least once', () => {
    const o = generateSyntheticOrders({ orders: 50_000, customers: 8_000, seed: 3 });
    expect(o.orderId).toHaveLength(50_000);
    expect(o.customerId).toHaveLength(50_000);
    expect(o.day).toHaveLength(50_000);
    expect(o.amount).toHaveLength(50_000);
    expect(o.quantity).toHaveLength(50_000);
    expect(o.isReturn).toHaveLength(50_000);
    expect(new Set(o.orderId).size).toBe(50_000);
    expect(new Set(o.customerId).size).toBe(8_000);
    expect(o.orderId[0]).toBe('O00000001');
    expect(o.customerId).toContain('C0000001');
    expect(o.customerId).toContain('C0008000');
    expect(o.customerId.filter((id) => !/^C\d{7}$/.test(id))).toEqual([]);
    expect(isSorted(o.day)).toBe(true);
    const start = dayFromCivil(2023, 1, 1);
    expect(o.day[0]).toBeGreaterThanOrEqual(start);
    expect(o.day[o.day.length - 1]).toBeLessThan(start + 1096);
    expect(o.day[o.day.length - 1] - o.day[0]).toBeGreaterThan(1000);
    let returns = 0;
    const bad: number[] = [];
    for (let i = 0; i < o.orderId.length; i++) {
      const q = o.quantity[i];
      const a = o.amount[i];
      returns += o.isReturn[i];
      const ok =
        Number.isInteger(q) &&
        q >= 1 &&
        q <= 5 &&
        Math.round(a * 100) / 100 === a &&
        (o.isReturn[i] === 1 ? a < 0 : a > 0) &&
        /^O\d{8}$/.test(o.orderId[i]);
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(returns / 50_000).toBeGreaterThan(0.025);
    expect(returns / 50_000).toBeLessThan(0.035);
  });

  it('is deterministic per seed and honours startDay and days', () => {
    const opts = { orders: 2_000, customers: 300, seed: 9, startDay: 19_000, days: 30 };
    const a = generateSyntheticOrders(opts);
    expect(generateSyntheticOrders(opts)).toEqual(a);
    expect(generateSyntheticOrders({ ...opts, seed: 10 }).amount).not.toEqual(a.amount);
    expect(a.day).toHaveLength(2_000);
    expect(a.day.every((d) => d >= 19_000 && d < 19_030)).toBe(true);
  });

  it('handles fewer orders than customers and zero orders', () => {
    const few = generateSyntheticOrders({ orders: 10, customers: 1_000 });
    expect(few.orderId).toHaveLength(10);
    expect(generateSyntheticOrders({ orders: 0, customers: 5 }).orderId).toHaveLength(0);
  });
});
