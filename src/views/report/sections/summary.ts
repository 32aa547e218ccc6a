/** The summary section: the dashboard's KPI cards as the dashboard words them, each against its target. */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ReportBlock, ReportSection } from '../../../lib/domain/report';
import { KPI_KEYS, type KpiKey } from '../../../lib/domain';
import type { ReportContext, ReportInputs } from '../../../lib/state/report.svelte';
import { formatDay, formatMoney, formatNumber, formatPercent } from '../../../lib/i18n/format';
import { csatRange, npsRange, points } from '../../../lib/i18n/voice-format';
import { formatKpi, kpiName, statusText } from '../../act/targets/format';
import { SECTION_TITLES } from '../titles';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** The dashboard's cards (as KpiCards words them), each against its target when one is set. */
export function summarySection(input: ReportInputs['summary'], c: ReportContext, t: T): ReportSection {
  const { kpis, voice } = input.dashboard;
  const l = c.locale;
  const cur = c.dataset.currency;
  const money = (v: number | null, compact = true) => formatMoney(v, cur, l, { compact });
  const targets = input.targets;
  const target = (kpi: KpiKey | null): string | undefined => {
    const goal = kpi ? targets.targets[kpi] : undefined;
    if (!kpi || !goal) return undefined;
    return `${statusText(targets.status(kpi), t)}: ${t('target.badge', { target: formatKpi(kpi, goal.value, cur, l, true), value: formatKpi(kpi, targets.current(kpi), cur, l, true) })}`;
  };
  const hint = (text: string, kpi: KpiKey | null) => [text, target(kpi)].filter(Boolean).join(' · ');
  const items = [
    { label: t('kpi.customers'), value: formatNumber(kpis.customers, l, { compact: true }), hint: hint(t('kpi.customersHint', { buyers: formatNumber(kpis.buyers, l) }), 'customers') },
    { label: t('kpi.active'), value: formatNumber(kpis.activeCustomers, l, { compact: true }), hint: hint(t('kpi.activeHint', { days: formatNumber(kpis.activeDays, l) }), 'activeCustomers') },
    { label: t('kpi.orders'), value: formatNumber(kpis.orders, l, { compact: true }), hint: hint(t('kpi.ordersHint'), null) },
    { label: t('kpi.revenue'), value: money(kpis.netRevenue), hint: hint(t('kpi.revenueHint', { gross: money(kpis.grossSales) }), 'revenue') },
    { label: t('kpi.aov'), value: money(kpis.averageOrderValue, false), hint: hint(t('kpi.aovHint'), 'aov') },
    { label: t('kpi.frequency'), value: formatNumber(kpis.purchaseFrequency, l, { maximumFractionDigits: 2 }), hint: hint(t('kpi.frequencyHint'), 'frequency') },
    { label: t('kpi.repurchase'), value: formatPercent(kpis.repurchaseRate, l), hint: hint(t('kpi.repurchaseHint'), 'repurchaseRate') },
    { label: t('kpi.returns'), value: formatPercent(kpis.returnsShare, l), hint: hint(t('kpi.returnsHint', { amount: money(kpis.returnsAmount) }), null) },
  ];
  if (voice) {
    const answers = (n: number) => t('voice.answers', { count: formatNumber(n, l) });
    items.push(
      { label: t('kpi.nps'), value: points(voice.nps.nps, l), hint: hint([answers(voice.nps.n), voice.nps.n > 0 ? t('voice.ciRange', { range: npsRange(voice.nps.ci, l, t) }) : ''].filter(Boolean).join(' · '), 'nps') },
      { label: t('kpi.csat'), value: formatPercent(voice.csat.csat, l, 0), hint: hint([answers(voice.csat.n), voice.csat.n > 0 ? t('voice.ciRange', { range: csatRange(voice.csat.ci, l, t) }) : ''].filter(Boolean).join(' · '), 'csat') },
    );
  }
  const blocks: ReportBlock[] = [{ kind: 'figures', items }];
  const targeted = KPI_KEYS.filter((k) => targets.targets[k] !== undefined);
  if (targeted.length > 0) {
    blocks.push({
      kind: 'table', caption: t('report.summary.targets'),
      header: [t('report.col.kpi'), t('report.col.target'), t('report.col.current'), t('report.col.status')],
      rows: targeted.map((k) => [kpiName(k, t), formatKpi(k, targets.targets[k]!.value, cur, l), formatKpi(k, targets.current(k), cur, l), statusText(targets.status(k), t)]),
      numeric: [false, true, true, false],
    });
  } else {
    blocks.push({ kind: 'paragraph', text: t('report.summary.noTargets') });
  }
  return {
    id: 'summary', title: t(SECTION_TITLES.summary),
    notes: [
      t('report.note.asOf', { date: formatDay(kpis.asOfDay, l) }),
      t('report.note.activeWindow', { days: formatNumber(kpis.activeDays, l) }),
      t('dashboard.conventions'),
      voice ? t('report.note.voiceAnswers', { count: formatNumber(voice.nps.n, l), csat: formatNumber(voice.csat.n, l) }) : t('report.note.noVoice'),
    ],
    blocks,
  };
}
