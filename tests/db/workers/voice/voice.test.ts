// The Voice area on the demo company: its counts against counts made straight from the generated
// survey table, a group's figures against npsSummary of that group's own answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, DEMO_SEED } from '../../../../workers/engine';
import type { EngineApi, VoiceResult } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { csatSummary, npsSummary } from '../../../../src/lib/domain';
import { generateDemo } from '../../../../src/lib/domain/demo';

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let result: VoiceResult;
const demo = generateDemo({ seed: DEMO_SEED, locale: 'en' });
const sv = demo.surveys;

beforeAll(async () => {
  db = openDatabase(`voice-${Math.random()}`);
  engine = createEngine(db);
  id = await engine.createDemo('d', { locale: 'en' });
  await engine.load('l', id);
  result = await engine.voice('v', id);
}, 60_000);

afterAll(() => db.close());

describe('voice on the demo company', () => {
  it('counts every answer: NPS promoters, passives and detractors and CSAT top-2-box as the survey table holds them', () => {
    const nps = Array.from(sv.nps).filter((v) => v >= 0);
    const csat = Array.from(sv.csat).filter((v) => v > 0);
    expect(result.answers).toBe(sv.customerId.length);
    expect(result.answers).toBeGreaterThan(2000);
    const o = result.overall.nps;
    expect(o.n).toBe(nps.length);
    expect(o.promoters).toBe(nps.filter((v) => v >= 9).length);
    expect(o.passives).toBe(nps.filter((v) => v === 7 || v === 8).length);
    expect(o.detractors).toBe(nps.filter((v) => v <= 6).length);
    expect(o.nps).toBeCloseTo((100 * (o.promoters - o.detractors)) / o.n, 10);
    expect(o.ci[0]).toBeLessThan(o.nps);
    expect(o.ci[1]).toBeGreaterThan(o.nps);
    expect(o.tooFew).toBe(false);
    expect(result.overall.csat.n).toBe(csat.length);
    expect(result.overall.csat.satisfied).toBe(csat.filter((v) => v >= 4).length);
    expect(result.overall.csat).toMatchObject({ ...csatSummary(csat), tooFew: false });
  });

  it('splits the answers by month: every dated answer in its month', () => {
    expect(result.byMonth.reduce((s, m) => s + m.nps.n, 0)).toBe(result.overall.nps.n);
    expect(result.byMonth.reduce((s, m) => s + m.csat.n, 0)).toBe(result.overall.csat.n);
    const months = result.byMonth.map((m) => m.month);
    expect(months).toEqual([...months].sort());
    expect(months[0]).toMatch(/^2023-\d\d$/);
  });

  it('gives each RFM segment the NPS of its own members’ answers, flagged under 30 answers', async () => {
    expect(result.grouping.kind).toBe('rfm');
    const rfm = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
    expect(result.grouping.id).toBe(rfm.handle.id);
    expect(result.groups.length).toBeGreaterThan(3);
    expect(result.groups.reduce((s, g) => s + g.nps.n, 0) + 0).toBeLessThanOrEqual(result.overall.nps.n);
    for (const key of ['champions', result.groups[result.groups.length - 1].key]) {
      const members = new Set<string>();
      const size = rfm.segments.find((s) => s.key === key)!.size;
      for (let offset = 0; offset < size; offset += 500) {
        const page = await engine.customers(id, { segment: { grouping: rfm.handle, key }, sortBy: 'id', offset, limit: 500 });
        for (const r of page.rows) members.add(r.id);
      }
      const scores = sv.customerId.flatMap((c, i) => (members.has(c) && sv.nps[i] >= 0 ? [sv.nps[i]] : []));
      const group = result.groups.find((g) => g.key === key)!;
      expect(group.nps).toEqual({ ...npsSummary(scores), tooFew: scores.length < 30 });
    }
    expect(result.groups.map((g) => g.key)[0]).toBe('champions');
  }, 30_000);

  it('by value tier: three tiers whose answers add up with the ungrouped ones', () => {
    expect(result.tiers.map((t) => t.key)).toEqual(['tier_1', 'tier_2', 'tier_3']);
    expect(result.tiers.every((t) => t.nps.n > 30)).toBe(true);
  });

  it('lists high-value detractors by their latest NPS answer, most valuable first', async () => {
    const d = result.detractors;
    expect(d.basis).toBe('net');
    expect(d.count).toBeGreaterThan(0);
    expect(d.customers.length).toBe(Math.min(500, d.count));
    const nets = d.customers.map((c) => c.net);
    expect(nets).toEqual([...nets].sort((a, b) => b - a));
    for (const c of d.customers.slice(0, 5)) {
      const rows = sv.customerId.flatMap((x, i) => (x === c.id && sv.nps[i] >= 0 ? [i] : []));
      const latest = rows.reduce((a, b) => (sv.day[b] >= sv.day[a] ? b : a));
      expect(c.nps).toBe(sv.nps[latest]);
      expect(c.nps).toBeLessThanOrEqual(6);
      const detail = await engine.customer(id, c.id);
      expect(c.net).toBeCloseTo(detail!.row.net, 2);
    }
  });

  it('by another grouping named by its handle (value tiers) and as of an earlier day', async () => {
    const tiers = await engine.tiers(id, [20, 30, 50], 'customers');
    const byTiers = await engine.voice('v2', id, { grouping: tiers.handle });
    expect(byTiers.grouping.kind).toBe('tiers');
    expect(byTiers.groups).toEqual(result.tiers);
    const day = result.byMonth.length ? Math.floor(((result.firstDay ?? 0) + (result.lastDay ?? 0)) / 2) : 0;
    const earlier = await engine.voice('v3', id, { analysisDay: day });
    expect(earlier.overall.nps.n).toBe(Array.from(sv.nps).filter((v, i) => v >= 0 && sv.day[i] <= day).length);
    expect(earlier.lastDay).toBeLessThanOrEqual(day);
  });
});
