// The report of a dataset without survey answers (the Online Retail sample, pseudonymised here):
// the voice section is left out and the cover says why; the cover says the dataset is
// pseudonymised; all in Chinese. (A db test: importing needs Node's crypto, not jsdom's.)
import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../workers/engine';
import { openDatabase, type DatasetRow } from '../../../src/lib/db';
import { SegmentsState } from '../../../src/lib/state/segments.svelte';
import { VoiceState } from '../../../src/lib/state/voice.svelte';
import { StrategyState } from '../../../src/lib/state/strategy.svelte';
import { BudgetState } from '../../../src/lib/state/strategy/budget.svelte';
import { PortfolioState } from '../../../src/lib/state/strategy/portfolio.svelte';
import { ActionsState } from '../../../src/lib/state/act/actions.svelte';
import { TargetsState } from '../../../src/lib/state/act/targets.svelte';
import { ReportState } from '../../../src/lib/state/report.svelte';
import { reportWriter } from '../../../src/views/report/write';
import { reportHtml } from '../../../src/lib/domain/report';
import { i18n } from '../../../src/lib/i18n/i18n.svelte';
import { fakeEngine } from '../../component/fakes';
import { importOne, sharedFile } from '../import-helpers';

// no DOM here: a chart is left without an image (the writers then show its alt text)
vi.mock('../../../src/lib/components/chart-png', () => ({
  chartPng: vi.fn(async () => { throw new Error('no canvas'); }),
}));

const sectionOf = (model: { sections: { id: string; notes: string[] }[] }, id: string) => model.sections.find((s) => s.id === id)!;
describe('the report of a dataset without survey answers', () => {
  it('leaves the voice section out and says why, in Chinese too', async () => {
    const db = openDatabase(`report-orders-${Math.random()}`);
    const eng = createEngine(db);
    const { datasetId: id } = await importOne(eng, sharedFile('online-retail/online_retail_sample.csv'));
    await eng.load('load', id);
    const dashboard = await eng.dashboard(id, { activeDays: 90 });
    const current: DatasetRow = { id, name: 'Online retail', currency: 'GBP', origin: 'import', createdAt: 0, updatedAt: 0, counts: {} as DatasetRow['counts'], pseudonymised: true };
    const ctx = { db, engine: fakeEngine(eng), currentDatasetId: id, revision: { datasetId: id }, current, dashboard, activeDays: 90 };
    const segs = new SegmentsState(ctx);
    const strategy = new StrategyState(ctx, segs);
    const report = new ReportState({
      ws: ctx, segs, voice: new VoiceState(ctx, segs), strategy, budget: new BudgetState(strategy), portfolio: new PortfolioState(strategy),
      actions: new ActionsState(ctx), targets: new TargetsState(ctx),
    });
    i18n.locale = 'zh';
    await report.build(reportWriter(), { mask: true, locale: 'zh' });
    const model = report.model!;
    expect(model.sections.map((s) => s.id)).toEqual(['summary', 'segments', 'strategy']);
    expect(report.leftOut.map((x) => `${x.id}:${x.reason}`)).toEqual(['voice:noAnswers', 'actions:noActions']);
    expect(model.cover).toContain('未收录：客户声音（数据集中没有调查问卷答复）。');
    // a pseudonymised dataset says so on the cover
    expect(model.cover).toContain('此数据集已假名化：导入时客户身份已替换为假名。');
    expect(model.title).toBe('客户战略报告 · Online retail');
    expect(sectionOf(model, 'summary').notes).toContain('数据集中没有调查问卷答复，因此没有 NPS 和 CSAT。');
    // a chart that could not be drawn: its words stand in for it
    expect(reportHtml(model)).toContain('图表无法显示');
    i18n.locale = 'en';
    db.close();
  }, 120_000);
});
