// The Strategy page's loyalty panel as a user sees it: the rules in words, the retention sentence,
// the design saved per dataset (read back by a new state, reset to the defaults), an invalid edit
// kept with its errors, adding and removing tiers, the lists and their masked export, the empty
// state — in both languages.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import LoyaltySection from '../../../../src/views/strategy/LoyaltySection.svelte';
import { LoyaltyState } from '../../../../src/lib/state/strategy/loyalty.svelte';
import type { VoiceGroupingSource } from '../../../../src/lib/state/voice.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { privacy } from '../../../../src/lib/state/privacy.svelte';
import { defaultLoyaltyDesign, parseIsoDay, type LoyaltyDesign } from '../../../../src/lib/domain';
import { loadTierDesign, type WorkbenchDB } from '../../../../src/lib/db';
import type { EngineApi, LoyaltyRequest, LoyaltyResult } from '../../../../workers/api';
import { datasetRow, fakeContext, freshDatabase } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
  privacy.mask = false;
});

const day = (iso: string) => parseIsoDay(iso)!;
/** The defaults the engine would suggest from the data: 0 / 1,200 / 5,300 / 20,000. */
const DEFAULTS = defaultLoyaltyDesign([0, 1200, 5300, 20000]);
/** Retention gain per tier index (points), the cost a member = gain × 30 against a value of 3,000 a member. */
const GAINS = [1, 2, 3.1, 4.25];

/** The engine's answer for a design: members 40/30/20/10, figures set by hand per tier. */
function resultFor(design: LoyaltyDesign, orders = 12): LoyaltyResult {
  const tiers = design.tiers.map((t, i) => {
    const members = 40 - 10 * i;
    const perMember = (GAINS[i] ?? 1) * 30;
    return {
      key: t.key, members, share: members / 100, revenue: 1000 * (i + 1), spend12: 1000 * (i + 1),
      cost: { key: t.key, discount: 0, points: 0, pointsCost: 0, fixed: perMember * members, total: perMember * members, perMember },
      valuePerMember: 3000, valueBasis: 'net12' as const, retentionGain: GAINS[i] ?? 1,
    };
  });
  return {
    design, orders, asOfDay: day('2026-11-30'), windowFrom: design.basis === 'lifetime' ? null : day('2025-12-01'), customers: 100, untiered: 0,
    tiers, total: { members: 100, revenue: 10000, cost: tiers.reduce((s, t) => s + t.cost.total, 0) },
    suggested: [0, 1200, 5300, 20000], value: null,
    nudges: { count: 1, customers: [{ id: '13800138000', name: 'Li Lei', tier: 'member', next: 'silver', value: 1100, gap: 100 }] },
    drops: { count: 1, horizonDays: 90, customers: [{ id: 'C0007', name: 'Han Meimei', tier: 'gold', to: 'silver', day: day('2027-01-15'), value: 5500, after: 2500, keep: 2800 }] },
  };
}

const source: VoiceGroupingSource = { analysisDay: undefined, groupingHandle: () => null };

async function database(): Promise<WorkbenchDB> {
  const db = freshDatabase('loyalty');
  await db.datasets.put(datasetRow('d'));
  return db;
}

async function shown(db?: WorkbenchDB, orders = 12) {
  const loyaltyOnData = vi.fn<EngineApi['loyaltyOnData']>(async (_job: string, _id: string, request: LoyaltyRequest = {}) => resultFor(request.design ?? DEFAULTS, orders));
  const ctx = fakeContext({ loyaltyOnData }, { db: db ?? (await database()) });
  const state = new LoyaltyState(ctx, source);
  render(LoyaltySection, { state, currency: 'CNY' });
  await waitFor(() => expect(screen.queryByTestId('loyalty-loading')).toBeNull());
  return { state, loyaltyOnData, db: ctx.db };
}

describe('loyalty panel', () => {
  it('states the qualification rules in words, with the tiers and how the cost is counted', async () => {
    await shown();
    const rules = screen.getByTestId('loyalty-rules');
    expect(screen.getByTestId('loyalty-rule-basis').textContent).toBe(
      'A customer’s tier is the highest one whose threshold their net spend reaches: purchases minus returns, cumulative over the last 12 months up to 11/30/2026 (orders from 12/01/2025 on).',
    );
    expect(rules.textContent).toContain('Customers without purchases are in Member (its threshold is 0).');
    expect(rules.textContent).toContain('Gold: from CN¥5,300.00 — 5% off, points × 1.5, CN¥50.00 a member a year.');
    expect(rules.textContent).toContain('its discount × its members’ net spend in the last 12 months');
  });

  it('says how much more often each tier must stay to pay for its benefits', async () => {
    await shown();
    const items = within(screen.getByTestId('loyalty-retention')).getAllByRole('listitem').map((li) => li.textContent);
    // gold: 93 a member ÷ 3,000 = 3.1 points
    expect(items[2]).toBe('Gold members must stay 3.1 points more often to pay for their benefits (CN¥93.00 a member a year ÷ CN¥3,000.00 net revenue per member in the last 12 months).');
    // the base tier is already "Member": "Members must stay", 30 ÷ 3,000 = 1.0 point
    expect(items[0]).toBe('Members must stay 1.0 points more often to pay for their benefits (CN¥30.00 a member a year ÷ CN¥3,000.00 net revenue per member in the last 12 months).');
    expect(screen.getByTestId('loyalty-retention-card').textContent).toContain('no value model fitted, so net revenue per member in the last 12 months stands in for CLV');
    i18n.locale = 'zh';
    await waitFor(() => expect(within(screen.getByTestId('loyalty-retention')).getAllByRole('listitem')[2].textContent)
      .toBe('金卡会员的留存率须提高 3.1 个百分点，才能抵消其权益成本（每位会员每年 ¥93.00 ÷ 每位会员近 12 个月净收入 ¥3,000.00）。'));
    expect(screen.getByTestId('loyalty-rule-basis').textContent).toContain('按截至 2026/11/30 的近 12 个月累计');
  });

  it('saves an edit for the dataset, reads it back in a new state, and resets to the defaults', async () => {
    const { loyaltyOnData, db } = await shown();
    expect(screen.getByTestId('loyalty-saved').textContent).toContain('The default design');
    const gold = screen.getByTestId('loyalty-threshold-2') as HTMLInputElement;
    expect(gold.value).toBe('5300');
    await fireEvent.change(gold, { target: { value: '6000' } });
    await waitFor(() => expect(loyaltyOnData).toHaveBeenCalledTimes(2));
    expect(loyaltyOnData.mock.calls[1][2]!.design!.tiers[2].minSpend).toBe(6000);
    expect((await loadTierDesign(db, 'd'))!.design.tiers[2].minSpend).toBe(6000);
    await waitFor(() => expect(screen.getByTestId('loyalty-saved').textContent).toContain('Saved for this dataset'));

    // a new page on the same database finds the edit
    document.body.innerHTML = '';
    const again = await shown(db);
    expect((screen.getByTestId('loyalty-threshold-2') as HTMLInputElement).value).toBe('6000');
    expect(again.loyaltyOnData.mock.calls[0][2]!.design!.tiers[2].minSpend).toBe(6000);

    await fireEvent.click(screen.getByTestId('loyalty-reset'));
    await waitFor(() => expect((screen.getByTestId('loyalty-threshold-2') as HTMLInputElement).value).toBe('5300'));
    expect(await loadTierDesign(db, 'd')).toBeNull();
    expect(again.loyaltyOnData.mock.calls.at(-1)![2]!.design).toBeUndefined();
  });

  it('keeps an invalid edit with its errors in words, saves nothing and asks nothing', async () => {
    const { loyaltyOnData, db } = await shown();
    await fireEvent.change(screen.getByTestId('loyalty-threshold-1'), { target: { value: '9000' } });
    await fireEvent.change(screen.getByTestId('loyalty-discount-3'), { target: { value: '120' } });
    const alert = await screen.findByTestId('loyalty-issues');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('The threshold of Gold must be above that of Silver: thresholds increase from tier to tier.');
    expect(alert.textContent).toContain('The discount of Diamond must be a percentage from 0 to 100.');
    expect((screen.getByTestId('loyalty-threshold-1') as HTMLInputElement).value).toBe('9000');
    expect(screen.getByTestId('loyalty-threshold-2').getAttribute('aria-invalid')).toBe('true');
    expect(loyaltyOnData).toHaveBeenCalledTimes(1);
    expect(await loadTierDesign(db, 'd')).toBeNull();
    i18n.locale = 'zh';
    await waitFor(() => expect(screen.getByTestId('loyalty-issues').textContent).toContain('金卡的门槛必须高于银卡：门槛逐级递增。'));
  });

  it('adds and removes tiers, never below two', async () => {
    const { state } = await shown();
    await fireEvent.click(screen.getByTestId('loyalty-add'));
    // a fifth tier at twice the highest threshold (20,000 → 40,000), named "Tier 5"
    await waitFor(() => expect((screen.getByTestId('loyalty-threshold-4') as HTMLInputElement).value).toBe('40000'));
    expect((screen.getByTestId('loyalty-name-4') as HTMLInputElement).value).toBe('Tier 5');
    for (let i = 0; i < 3; i++) await fireEvent.click(screen.getByTestId('loyalty-remove-0'));
    await waitFor(() => expect(state.draft!.tiers.map((t) => t.key)).toEqual(['diamond', 'tier-5']));
    expect((screen.getByTestId('loyalty-remove-0') as HTMLButtonElement).disabled).toBe(true);
    // no tier from 0 any more: those below the lowest are in none
    await waitFor(() => expect(screen.getByTestId('loyalty-rules').textContent).toContain('Customers below Diamond’s threshold, and those without purchases, are in no tier.'));
  });

  it('lists who is close to the next tier and who is about to drop, and exports them masked when asked', async () => {
    const { state } = await shown();
    const nudge = within(screen.getByTestId('loyalty-nudges')).getAllByRole('row')[1];
    expect(Array.from(nudge.querySelectorAll('td'), (td) => td.textContent)).toEqual(['13800138000', 'Li Lei', 'Member', 'Silver', 'CN¥1,100.00', 'CN¥100.00']);
    expect(screen.getByTestId('loyalty-drops-help').textContent).toContain('If they buy nothing more in the next 90 days, purchases older than 12 months fall out of the window');
    const drop = within(screen.getByTestId('loyalty-drops')).getAllByRole('row')[1];
    expect(Array.from(drop.querySelectorAll('td'), (td) => td.textContent)).toEqual(['C0007', 'Han Meimei', 'Gold', 'Silver', '01/15/2027', 'CN¥5,500.00', 'CN¥2,500.00', 'CN¥2,800.00']);

    privacy.mask = true;
    await fireEvent.click(screen.getByTestId('loyalty-nudges-export'));
    await fireEvent.click(screen.getByTestId('loyalty-drops-export'));
    expect(downloads.map((d) => d.name)).toEqual(['loyalty-close-to-next-tier.csv', 'loyalty-about-to-drop.csv']);
    const nudges = downloads[0].text.replace(/^\uFEFF/, '').split('\r\n');
    expect(nudges[0]).toBe('Customer,Name,Tier now,Next tier,Basis now,Gap to next tier');
    // a phone number as the id is masked, and so is the name (codes such as C0007 are not personal)
    expect(nudges[1]).toBe('*******8000,L* L**,Member,Silver,1100,100');
    const drops = downloads[1].text.replace(/^\uFEFF/, '').split('\r\n');
    expect(drops[1]).toMatch(/,Gold,Silver,2027-01-15,5500,2500,2800$/);
    // unmasked, the ids and names as they are
    expect(state.nudgesCsv(['a', 'b', 'c', 'd', 'e', 'f'], false, (k) => k).split('\r\n')[1]).toBe('13800138000,Li Lei,member,silver,1100,100');
  });

  it('on lifetime spend says nobody drops; draws the charts', async () => {
    await shown();
    await fireEvent.click(screen.getByTestId('loyalty-basis-lifetime'));
    await waitFor(() => expect(screen.getByTestId('loyalty-drops-lifetime').textContent).toBe('Lifetime spend never falls, so nobody drops a tier. Choose spend in the last 12 months or points to see who would.'));
    expect(screen.getByTestId('loyalty-rule-basis').textContent).toContain('cumulative over all their orders up to 11/30/2026');
    await fireEvent.click(screen.getByTestId('loyalty-basis-points'));
    await waitFor(() => expect(screen.getByTestId('loyalty-rule-basis').textContent).toBe(
      'A customer’s tier is the highest one whose threshold their points reach, earned at 1 per CN¥1 of net spend (purchases minus returns; a return takes its points back), each purchase’s points counting for 12 months — on 11/30/2026, the points of purchases from 12/01/2025 on. The tier multipliers add to the points a member earns, not to the points that qualify.',
    ));
    expect(screen.getByTestId('loyalty-drops-help').textContent).toContain('points older than 12 months expire');
    // 30 + 20 + 10 of 100 customers above Member
    expect(screen.getByTestId('loyalty-members-chart').textContent).toContain('60.0% of the customers are above the lowest tier');
    expect(screen.getByTestId('loyalty-money-chart')).toBeTruthy();
  });

  it('without orders: says what to do', async () => {
    await shown(undefined, 0);
    expect(screen.getByTestId('loyalty-empty').textContent).toContain('Import an orders file (customer id, date, amount) or open the demo company');
    expect(screen.queryByTestId('loyalty-design')).toBeNull();
  });
});
