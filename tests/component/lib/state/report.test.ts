// The Report page's model on the demo company, read through the pages' own state classes: the
// figures are the pages' (RFM sizes as the Segments state holds them, NPS as the Voice state and
// the dashboard hold it), each section has its notes, a section without data is left out with
// the reason; the HTML has no script and no URL; with masking on no customer name is in any output.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { DashboardData, EngineApi } from '../../../../workers/api';
import type { DatasetRow } from '../../../../src/lib/db';
import { SegmentsState } from '../../../../src/lib/state/segments.svelte';
import { VoiceState } from '../../../../src/lib/state/voice.svelte';
import { StrategyState } from '../../../../src/lib/state/strategy.svelte';
import { BudgetState } from '../../../../src/lib/state/strategy/budget.svelte';
import { PortfolioState } from '../../../../src/lib/state/strategy/portfolio.svelte';
import { ActionsState } from '../../../../src/lib/state/act/actions.svelte';
import { TargetsState } from '../../../../src/lib/state/act/targets.svelte';
import { ReportState, type ReportSources } from '../../../../src/lib/state/report.svelte';
import { reportWriter } from '../../../../src/views/report/write';
import { reportHtml, reportMarkdown, type ReportModel, type ReportSection } from '../../../../src/lib/domain/report';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { points } from '../../../../src/lib/i18n/voice-format';
import { fakeEngine, freshDatabase } from '../../fakes';

// jsdom draws no canvas: a chart is a fixed 1×1 PNG here (the e2e test renders real ones)
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
vi.mock('../../../../src/lib/components/chart-png', () => ({
  chartPng: vi.fn(async () => ({ png: PNG, width: 600, height: 240 })),
}));

let sources: ReportSources;
let names: string[];
let engine: EngineApi;

beforeAll(async () => {
  i18n.locale = 'en';
  const db = freshDatabase('report');
  engine = createEngine(db);
  const id = await engine.createDemo('demo', { locale: 'en' });
  await engine.load('load', id);
  const dashboard: DashboardData = await engine.dashboard(id, { activeDays: 90 });
  const current: DatasetRow = { id, name: 'Demo company', currency: 'CNY', origin: 'demo', createdAt: 0, updatedAt: 0, counts: { customers: 5000, orders: 0, surveys: 0, interactions: 0 } as DatasetRow['counts'] };
  const ctx = { db, engine: fakeEngine(engine), currentDatasetId: id, revision: { datasetId: id }, current, dashboard, activeDays: 90 };
  const segs = new SegmentsState(ctx);
  const voice = new VoiceState(ctx, segs);
  const strategy = new StrategyState(ctx, segs);
  const budget = new BudgetState(strategy);
  sources = {
    ws: ctx, segs, voice, strategy, budget, portfolio: new PortfolioState(strategy), actions: new ActionsState(ctx), targets: new TargetsState(ctx),
  };
  const page = await engine.customers(id, { offset: 0, limit: 10_000 });
  names = [...new Set(page.rows.map((r) => r.name).filter((n) => n.trim().length >= 4))];
}, 120_000);

afterAll(() => {
  i18n.locale = 'en';
});

async function build(mask: boolean): Promise<{ report: ReportState; model: ReportModel }> {
  const report = new ReportState(sources);
  const seen: string[] = [];
  const tracking = { ...reportWriter() };
  const section = tracking.section.bind(tracking);
  tracking.section = (async (id, input, c) => {
    seen.push(`${report.progress?.done}/${report.progress?.total}`);
    return section(id, input, c);
  }) as typeof tracking.section;
  await report.build(tracking, { mask, locale: 'en' });
  expect(report.error).toBeNull();
  expect(report.progress).toBeNull();
  // progress: one step to read each section, one to word it (5 sections chosen, 1 for the frame)
  expect(seen[0]).toBe('1/11');
  return { report, model: report.model! };
}

const sectionOf = (model: ReportModel, id: string): ReportSection => {
  const s = model.sections.find((x) => x.id === id);
  expect(s, id).toBeDefined();
  return s!;
};
const count = (text: string) => Number(text.replace(/,/g, ''));

describe('the report of the demo', () => {
  it('holds the pages’ figures: RFM sizes as the Segments state, NPS as the Voice state and the dashboard', async () => {
    const { report, model } = await build(false);
    expect(model.sections.map((s) => s.id)).toEqual(['summary', 'segments', 'voice', 'strategy']);
    // the demo has no actions: left out, with the reason
    expect(report.leftOut).toEqual([{ id: 'actions', reason: 'noActions' }]);
    expect(model.cover.join('\n')).toContain('Not included: Actions and results (no action has been created for this dataset).');

    const rfm = sources.segs.rfm.result!;
    const segTable = sectionOf(model, 'segments').blocks.find((b) => b.kind === 'table')!;
    if (segTable.kind !== 'table') throw new Error('no table');
    expect(segTable.rows).toHaveLength(rfm.segments.length);
    expect(rfm.segments.length).toBeGreaterThanOrEqual(11);
    expect(segTable.rows.map((r) => count(r[1]))).toEqual(rfm.segments.map((s) => s.size));
    expect(segTable.rows.reduce((sum, r) => sum + count(r[1]), 0)).toBe(rfm.scored);
    expect(segTable.rows[0][0]).toBe('Champions');
    expect(sectionOf(model, 'segments').blocks.some((b) => b.kind === 'chart' && b.png !== null)).toBe(true);

    // NPS: the Voice state's figure, which is the dashboard's (the engine's other path)
    const v = sources.voice.result.value!;
    const voiceFigures = sectionOf(model, 'voice').blocks.find((b) => b.kind === 'figures')!;
    if (voiceFigures.kind !== 'figures') throw new Error('no figures');
    expect(voiceFigures.items[0].value).toBe(points(v.overall.nps.nps, 'en'));
    expect(v.overall.nps.nps).toBe(sources.ws.dashboard!.voice!.nps.nps);
    expect(voiceFigures.items[0].hint).toContain(`${v.overall.nps.n.toLocaleString('en')} answers`);
    const byRfm = sectionOf(model, 'voice').blocks.find((b) => b.kind === 'table')!;
    if (byRfm.kind !== 'table') throw new Error('no table');
    expect(byRfm.rows.map((r) => count(r[2]))).toEqual(v.groups.map((g) => g.nps.n));
    const summary = sectionOf(model, 'summary').blocks.find((b) => b.kind === 'figures')!;
    if (summary.kind !== 'figures') throw new Error('no figures');
    expect(summary.items.find((i) => i.label === 'Net Promoter Score')!.value).toBe(points(v.overall.nps.nps, 'en'));
    expect(summary.items[0].value).toBe('5,000');

    // strategy: the portfolio state's groups, the budget state's optimum
    const strategy = sectionOf(model, 'strategy');
    const tables = strategy.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
    const groups = sources.portfolio.groups!.points;
    if (tables[0].kind !== 'table' || tables[1].kind !== 'table') throw new Error('no table');
    expect(tables[0].rows.map((r) => count(r[1]))).toEqual(groups.map((p) => p.customers));
    expect(tables[1].rows).toHaveLength(sources.budget.view!.optimum!.splits.length);

    // every section says what it rests on
    for (const s of model.sections) {
      expect(s.notes.length, s.id).toBeGreaterThan(0);
      expect(s.notes[0], s.id).toMatch(/^(Data as of|\d[\d,]* survey answers count)/);
    }
  }, 120_000);

  it('writes HTML with no script and no URL', async () => {
    const { model } = await build(false);
    const html = reportHtml(model);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    for (const s of model.sections) expect(html).toContain(s.title);
    expect(html).toContain('data:image/png;base64,');
  }, 120_000);

  it('with masking on, no customer name of the dataset is in the HTML or the Markdown', async () => {
    expect(names.length).toBeGreaterThan(100);
    const { model } = await build(true);
    expect(model.cover).toContain('Personal data masked (names, birthdays, ids).');
    const html = reportHtml(model);
    const { markdown } = reportMarkdown(model);
    const found = names.filter((n) => html.includes(n) || markdown.includes(n));
    expect(found).toEqual([]);
  }, 120_000);
});
