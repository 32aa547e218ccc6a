import { expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';

it('CAC per channel from cost fields or a cost table, CLV/CAC after a fit, churn per period', async () => {
  const engine = createEngine(openDatabase('acq'));
  const id = await engine.createDemo('d', { locale: 'en' });
  await engine.load('l', id);
  const before = await engine.acquisition(id);
  expect(before.channels).toHaveLength(6);
  const referral = before.channels.find((c) => c.channel === 'Referral')!;
  expect(referral.source).toBe('fields');
  expect(referral.meanClv).toBeNull();
  const withTable = await engine.acquisition(id, { costTable: { Referral: referral.customers * 50 } });
  expect(withTable.channels.find((c) => c.channel === 'Referral')).toMatchObject({ source: 'table', cac: 50 });
  await engine.value('v', id, { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
  const after = await engine.acquisition(id);
  const r = after.channels.find((c) => c.channel === 'Referral')!;
  expect(r.meanClv).toBeGreaterThan(0);
  expect(r.ratio).toBeCloseTo(r.meanClv! / r.cac!, 10);
  expect(after.churn.length).toBeGreaterThan(12);
  // with segments computed, the same figures per segment, and mean CLV on the segment table
  const rfm = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
  const champions = rfm.segments.find((x) => x.key === 'champions')!;
  const others = rfm.segments.find((x) => x.key === 'hibernating')!;
  expect(champions.meanClv!).toBeGreaterThan(others.meanClv!);
  const bySegment = await engine.acquisition(id, { grouping: rfm.handle });
  expect(bySegment.segments.map((x) => x.channel).sort()).toEqual(rfm.segments.map((x) => x.key).sort());
  expect(bySegment.segments.reduce((n, x) => n + x.customers, 0)).toBe(rfm.scored);
  expect(after.churn.some((p) => p.rate !== null)).toBe(true);
  for (const p of after.churn) if (p.rate !== null) expect(p.rate).toBeGreaterThanOrEqual(0);
}, 60_000);

it('warns when a segment’s CLV fell by more than the threshold since the last snapshot with values', async () => {
  const engine = createEngine(openDatabase('value-drop'));
  const id = await engine.createDemo('d', { locale: 'en' });
  await engine.load('l', id);
  const rule = { id: 'drop', kind: 'segmentValueDrop' as const, segment: 'champions', dropShare: 0.1 };
  // no value fit, no snapshot with values: the rule cannot fire
  expect((await engine.warnings(id, [rule])).alerts).toEqual([]);
  await engine.value('v', id, { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 1 });
  const rfm = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
  const snap = await engine.snapshot(id, rfm.handle, { label: 'with values' });
  expect(snap.scheme).toBe('rfm11');
  expect(snap.clv!.champions).toBeGreaterThan(0);
  // same fit: no drop
  expect((await engine.warnings(id, [rule])).alerts).toEqual([]);
  // a margin of 50% halves every CLV: champions' value falls by 50% > 10%
  await engine.value('v2', id, { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.5 });
  const [alert] = (await engine.warnings(id, [rule])).alerts;
  expect(alert).toMatchObject({ ruleId: 'drop', code: 'warning.valueDrop' });
  expect(Number(alert.params.drop)).toBeCloseTo(0.5, 6);
  expect(alert.count).toBe(snap.counts.champions);
}, 60_000);
