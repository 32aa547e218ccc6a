// The Strategy page's portfolio panel as a user sees it: the future value stated in words, the
// quadrant names and their rules as text beside the matrix with the groups in each, thresholds
// typed and reset, the groups' table and its export, the customer level's quadrant buttons, the
// list of a quadrant's customers with links and pages, the export masked, and Chinese words.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import PortfolioSection from '../../../../src/views/strategy/PortfolioSection.svelte';
import { PortfolioState, portfolioCustomersCsv } from '../../../../src/lib/state/strategy/portfolio.svelte';
import { StrategyState } from '../../../../src/lib/state/strategy.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { privacy } from '../../../../src/lib/state/privacy.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { routeHref } from '../../../../src/lib/state/router.svelte';
import type { EngineApi, PortfolioCustomers, PortfolioPoints, SegmentFacts, StrategyFacts } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

// jsdom draws nothing on a canvas (the panel draws when it can)
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
  privacy.mask = false;
});

const segment = (key: string, over: Partial<SegmentFacts>): SegmentFacts => ({
  key, archetype: null, customers: 1, net12: 0, netTotal: 0, revenueShare: 0, meanClv: null, meanPAlive: null, meanRecency: 10,
  lapsedShare: 0, newShare: 0, nps: NaN, npsAnswers: 0, complaintRate: null, ...over,
});

// per customer, last 12 months: champions 1000/10 = 100, loyal 600/4 = 150, at risk 100/5 = 20, hibernating 300/6 = 50
// → median (50 + 100)/2 = 75; recency 10 90 40 200 → median (40 + 90)/2 = 65 days
// champions (100, 10 d) invest; loyal (150, 90 d) maintain; at risk (20, 40 d) develop; hibernating (50, 200 d) basic
const FACTS: StrategyFacts = {
  grouping: { kind: 'rfm', id: 'rfm:default', scheme: 'rfm11' }, asOfDay: 20_400, customers: 25, value: null,
  segments: [
    segment('champions', { customers: 10, net12: 1000, netTotal: 3000, meanRecency: 10, nps: 40, npsAnswers: 12 }),
    segment('loyal_customers', { customers: 4, net12: 600, netTotal: 800, meanRecency: 90 }),
    segment('at_risk', { customers: 5, net12: 100, netTotal: 900, meanRecency: 40, nps: -20, npsAnswers: 3 }),
    segment('hibernating', { customers: 6, net12: 300, netTotal: 360, meanRecency: 200 }),
  ],
};
// with a fit: mean CLV 300 80 120 40 → median (80 + 120)/2 = 100
const FITTED: StrategyFacts = {
  ...FACTS, value: { model: 'bgnbd', months: 12, margin: 1 },
  segments: FACTS.segments.map((s, i) => ({ ...s, meanClv: [300, 80, 120, 40][i], meanPAlive: [0.9, 0.3, 0.6, 0.2][i] })),
};

// five customers: thresholds 100 and 30 days; invest 2, develop 1, maintain 1, basic 1
const POINTS: PortfolioPoints = {
  asOfDay: 20_400, current: 'year', future: 'recency', count: 5, missing: 0,
  x: Float64Array.of(400, 100, 20, 300, 10), y: Float64Array.of(5, 30, 2, 90, 300), quadrant: Uint8Array.of(0, 0, 1, 2, 3),
  thresholds: { current: 100, future: 30 }, medians: { current: 100, future: 30 },
  quadrants: {
    invest: { customers: 2, current: 500, future: 35 }, develop: { customers: 1, current: 20, future: 2 },
    maintain: { customers: 1, current: 300, future: 90 }, basic: { customers: 1, current: 10, future: 300 },
  },
  axes: { current: { min: 10, max: 400, p01: 10, p99: 396 }, future: { min: 2, max: 300, p01: 2, p99: 295 } },
  value: null,
};

const INVEST: PortfolioCustomers = {
  quadrant: 'invest', total: 2, offset: 0, thresholds: { current: 100, future: 30 },
  customers: [{ id: 'C-000001', name: '王文博', current: 400, future: 5 }, { id: 'li.na@example.com', name: 'Emily Reed', current: 100, future: 30 }],
};

const noSegments: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function shown(facts: StrategyFacts = FACTS, customers: (r: { offset?: number; limit?: number }) => PortfolioCustomers = () => INVEST) {
  const strategyFacts = vi.fn<EngineApi['strategyFacts']>(async () => facts);
  const portfolioPoints = vi.fn<EngineApi['portfolioPoints']>(async () => POINTS);
  const portfolioCustomers = vi.fn<EngineApi['portfolioCustomers']>(async (_j, _d, r) => customers(r));
  const ctx = fakeContext({ strategyFacts, portfolioPoints, portfolioCustomers });
  const strategy = new StrategyState(ctx, noSegments);
  await strategy.sync();
  const state = new PortfolioState(strategy);
  render(PortfolioSection, { state, currency: 'CNY' });
  await screen.findByTestId('portfolio-canvas');
  return { state, portfolioPoints, portfolioCustomers };
}

const quadrantText = (level: string, q: string) => screen.getByTestId(`portfolio-${level}-quadrant-${q}`).textContent!.replace(/\s+/g, ' ');

describe('portfolio panel', () => {
  it('states the future value: recency without a fit, with a link to fit one', async () => {
    await shown();
    const basis = screen.getByTestId('portfolio-future-basis');
    expect(basis.textContent).toContain('Future value: recency');
    expect(basis.textContent).toContain('no value model fitted; fit one on the Value page');
    expect(within(basis).getByRole('link').getAttribute('href')).toBe(routeHref({ page: 'value' }));
    expect(Array.from((screen.getByTestId('portfolio-future') as HTMLSelectElement).options, (o) => o.value)).toEqual(['recency']);
  });

  it('names the four quadrants beside the group chart with their rules and groups (medians 75 and 65 days)', async () => {
    await shown();
    expect(quadrantText('groups', 'invest')).toContain('Invest & retain');
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥75.00 and last purchase ≤ 65 days ago');
    expect(quadrantText('groups', 'invest')).toContain('Groups: Champions');
    expect(quadrantText('groups', 'develop')).toContain('Develop');
    expect(quadrantText('groups', 'develop')).toContain('current < CN¥75.00 and last purchase ≤ 65 days ago');
    expect(quadrantText('groups', 'develop')).toContain('Groups: At risk');
    expect(quadrantText('groups', 'maintain')).toContain('Maintain efficiently');
    expect(quadrantText('groups', 'maintain')).toContain('current ≥ CN¥75.00 and last purchase > 65 days ago');
    expect(quadrantText('groups', 'maintain')).toContain('Groups: Loyal customers');
    expect(quadrantText('groups', 'basic')).toContain('Basic service');
    expect(quadrantText('groups', 'basic')).toContain('Groups: Hibernating');
    expect(screen.getByTestId('portfolio-groups-thresholds').textContent).toContain('The median of the groups');
  });

  it('lists the groups in a table and exports them as CSV', async () => {
    await shown();
    const rows = within(screen.getByTestId('portfolio-groups-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Champions', 'Loyal customers', 'At risk', 'Hibernating']);
    expect(Array.from(rows[0].querySelectorAll('td'), (td) => td.textContent)).toEqual(['10', 'CN¥100.00', '10 days', '40', 'Invest & retain']);
    expect(Array.from(rows[1].querySelectorAll('td'), (td) => td.textContent)).toEqual(['4', 'CN¥150.00', '90 days', 'no answers', 'Maintain efficiently']);
    await fireEvent.click(screen.getByTestId('portfolio-groups-export'));
    const lines = downloads[0].text.replace(/^\uFEFF/, '').split('\r\n');
    expect(downloads[0].name).toBe('portfolio-groups.csv');
    expect(lines[0]).toBe('Group,Customers,"Net revenue, last 12 months (CNY)",Days since the last purchase (fewer at the top),NPS,NPS answers,Quadrant');
    expect(lines[1]).toBe('Champions,10,100,10,40,12,Invest & retain');
    expect(lines[2]).toBe('Loyal customers,4,150,90,,0,Maintain efficiently');
  });

  it('moves groups when a threshold is typed, refuses text, and goes back to the medians', async () => {
    await shown();
    const input = screen.getByTestId('portfolio-groups-threshold-current') as HTMLInputElement;
    // current ≥ 120: champions (100) drops to develop, loyal (150) stays in maintain
    await fireEvent.change(input, { target: { value: '120' } });
    expect(quadrantText('groups', 'develop')).toContain('Groups: Champions, At risk');
    expect(quadrantText('groups', 'invest')).toContain('No group here.');
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥120.00');
    expect(screen.getByTestId('portfolio-groups-thresholds').textContent).toContain('Typed by you (the median is CN¥75.00).');
    await fireEvent.change(input, { target: { value: 'lots' } });
    expect(screen.getByRole('alert').textContent).toContain('Not a number');
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥120.00');
    await fireEvent.click(screen.getByTestId('portfolio-groups-reset'));
    expect(quadrantText('groups', 'invest')).toContain('Groups: Champions');
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥75.00');
  });

  it('says when there are no NPS answers and when a grouping has one group', async () => {
    await shown({ ...FACTS, segments: [segment('champions', { customers: 3, net12: 300, meanRecency: 5 })] });
    const notes = screen.getByTestId('portfolio-groups-notes').textContent!;
    expect(notes).toContain('No NPS answers for these groups');
    expect(notes).toContain('only one group');
    // its own values are the thresholds: CN¥100.00 and 5 days; high on both
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥100.00 and last purchase ≤ 5 days ago');
    expect(quadrantText('groups', 'invest')).toContain('Groups: Champions');
  });

  it('uses the mean CLV after a fit, says so, and compares it upward (median 100)', async () => {
    await shown(FITTED);
    expect(screen.getByTestId('portfolio-future-basis').textContent).toContain('Future value: mean CLV over 12 months (BG/NBD).');
    expect(Array.from((screen.getByTestId('portfolio-future') as HTMLSelectElement).options, (o) => o.value)).toEqual(['clv', 'palive', 'recency']);
    // champions (100, 300) invest; loyal (150, 80) maintain; at risk (20, 120) develop; hibernating (50, 40) basic
    expect(quadrantText('groups', 'invest')).toContain('current ≥ CN¥75.00 and future ≥ CN¥100.00');
    expect(quadrantText('groups', 'maintain')).toContain('Groups: Loyal customers');
    expect(quadrantText('groups', 'develop')).toContain('Groups: At risk');
  });

  it('shows the customer level: counts per quadrant, and asks the engine again for other axes', async () => {
    const { portfolioPoints } = await shown();
    expect(portfolioPoints).toHaveBeenCalledTimes(1);
    expect(portfolioPoints.mock.calls[0][2]).toMatchObject({ current: 'year', future: 'recency', thresholds: undefined });
    // 2 of 5 = 40.0%; CN¥500.00 of current value
    expect(screen.getByTestId('portfolio-customers-in-invest').textContent).toContain('2 customers (40.0%), CN¥500.00 current value.');
    expect(quadrantText('customers', 'invest')).toContain('current ≥ CN¥100.00 and last purchase ≤ 30 days ago');
    // money on a signed log scale by default, said so; linear to the percentiles on request
    expect(screen.getByTestId('portfolio-scale-note').textContent).toContain('signed log scale');
    await fireEvent.change(screen.getByTestId('portfolio-scale'), { target: { value: 'clip' } });
    expect(screen.getByTestId('portfolio-scale-note').textContent).toContain('1st to the 99th percentile');
    await fireEvent.change(screen.getByTestId('portfolio-current'), { target: { value: 'total' } });
    await waitFor(() => expect(portfolioPoints).toHaveBeenCalledTimes(2));
    expect(portfolioPoints.mock.calls[1][2]).toMatchObject({ current: 'total', future: 'recency' });
  });

  it('lists a quadrant’s customers from its button, with links, pages, masking and the export', async () => {
    const page2: PortfolioCustomers = { ...INVEST, total: 23, offset: 20, customers: [{ id: 'C-000021', name: '李娜', current: 50, future: 3 }] };
    const { portfolioCustomers } = await shown(FACTS, (r) => (r.limit === undefined ? INVEST : r.offset === 20 ? page2 : { ...INVEST, total: 23 }));
    await fireEvent.click(screen.getByTestId('portfolio-pick-invest'));
    const list = await screen.findByTestId('portfolio-quadrant-list');
    expect(portfolioCustomers.mock.calls[0][2]).toMatchObject({ quadrant: 'invest', offset: 0, limit: 20, thresholds: { current: 100, future: 30 } });
    expect(within(list).getByRole('heading').textContent).toBe('Invest & retain: 23 customers');
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['C-000001', 'li.na@example.com']);
    expect(links[0].getAttribute('href')).toBe(routeHref({ page: 'customers', customerId: 'C-000001' }));
    expect(screen.getByTestId('portfolio-pick-invest').getAttribute('aria-pressed')).toBe('true');
    // 23 customers, 20 a page: page 2 of 2
    await fireEvent.click(within(list).getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(within(screen.getByTestId('portfolio-quadrant-table')).getAllByRole('link').map((a) => a.textContent)).toEqual(['C-000021']));
    expect(portfolioCustomers.mock.calls[1][2]).toMatchObject({ offset: 20, limit: 20 });
    // masked on screen and in the export of the whole quadrant (no limit asked)
    privacy.mask = true;
    await waitFor(() => expect(screen.getByTestId('portfolio-quadrant-table').textContent).toContain('李*'));
    await fireEvent.click(screen.getByTestId('portfolio-quadrant-export'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(portfolioCustomers.mock.calls[2][2].limit).toBeUndefined();
    expect(downloads[0].name).toBe('portfolio-invest.csv');
    const lines = downloads[0].text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Customer,Name,"Net revenue, last 12 months (CNY)",Days since the last purchase (fewer at the top)');
    expect(lines[1]).toBe('C-000001,王**,400,5');
    expect(lines[2]).toBe('l****@example.com,E**** R***,100,30');
  });

  it('builds the quadrant CSV unmasked when masking is off, P(alive) with 4 decimals', () => {
    const csv = portfolioCustomersCsv([{ id: 'C1', name: '王文博', current: 12.345, future: 0.123456 }], ['id', 'name', 'now', 'later'], 'palive', false);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('C1,王文博,12.35,0.1235');
  });

  it('words the quadrants in Chinese', async () => {
    i18n.locale = 'zh';
    await shown();
    expect(quadrantText('groups', 'invest')).toContain('重点保持');
    expect(quadrantText('groups', 'develop')).toContain('重点发展');
    expect(quadrantText('groups', 'maintain')).toContain('维持/收割');
    expect(quadrantText('groups', 'basic')).toContain('基础服务');
    expect(quadrantText('groups', 'invest')).toContain('冠军客户');
    expect(screen.getByTestId('portfolio-future-basis').textContent).toContain('尚未拟合价值模型');
  });
});
