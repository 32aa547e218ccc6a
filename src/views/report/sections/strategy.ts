/** The strategy section: the portfolio groups and the budget split (optimum beside equal). */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ReportBlock, ReportSection } from '../../../lib/domain/report';
import type { ReportContext, ReportInputs } from '../../../lib/state/report.svelte';
import { formatDay, formatNumber, formatPercent } from '../../../lib/i18n/format';
import { CURRENT_AXIS, FUTURE_AXIS, QUADRANT_NAMES, currentText, futureText } from '../../strategy/portfolio/names';
import { segmentName, wholeMoney } from '../../strategy/budget/format';
import { pairedSpec } from '../specs';
import { chartBlock } from '../chart';
import { SECTION_TITLES } from '../titles';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export async function strategySection(input: ReportInputs['strategy'], c: ReportContext, t: T): Promise<ReportSection> {
  const { facts, portfolio, budget } = input;
  const l = c.locale;
  const cur = c.dataset.currency;
  const name = (key: string) => segmentName(facts, key, t);
  const blocks: ReportBlock[] = [];
  const g = portfolio.groups;
  if (g) {
    blocks.push({
      kind: 'table', caption: t('report.strategy.portfolio'),
      header: [t('portfolio.col.group'), t('portfolio.col.customers'), t(CURRENT_AXIS[portfolio.current]), t(FUTURE_AXIS[portfolio.future]), 'NPS', t('portfolio.col.quadrant')],
      rows: g.points.map((p) => [
        name(p.key), formatNumber(p.customers, l), currentText(p.current, cur, l), futureText(p.future, portfolio.future, cur, l, t),
        p.nps === null ? t('portfolio.noAnswers') : formatNumber(p.nps, l, { maximumFractionDigits: 0 }), p.quadrant ? t(QUADRANT_NAMES[p.quadrant]) : '—',
      ]),
      numeric: [false, true, true, true, true, false],
    });
  }
  const notes = [
    t('report.note.asOf', { date: formatDay(facts.asOfDay, l) }),
    t('report.note.grouped', { count: formatNumber(facts.customers, l), groups: formatNumber(facts.segments.length, l) }),
  ];
  if (g) notes.push(t('report.note.portfolio', { current: currentText(g.thresholds.current, cur, l), future: futureText(g.thresholds.future, portfolio.future, cur, l, t) }));
  const optimum = budget?.optimum ?? null;
  const equal = budget?.naive.find((n) => n.rule === 'equal') ?? null;
  if (budget && optimum) {
    const money = (x: number) => wholeMoney(x, cur, l, true);
    notes.push(t('report.note.budget', { budget: money(budget.budget), months: formatNumber(budget.horizonMonths, l) }));
    blocks.push({
      kind: 'figures', items: [
        { label: t('strategy.budget.optimum'), value: money(optimum.totalResponse), hint: t('report.strategy.expected') },
        ...(equal ? [{ label: t('strategy.budget.naive.equal'), value: money(equal.value), hint: t('report.strategy.expected') }] : []),
      ],
    });
    blocks.push({
      kind: 'table', caption: t('report.strategy.budget'),
      header: [t('portfolio.col.group'), t('strategy.budget.optimum'), t('report.col.share'), ...(equal ? [t('strategy.budget.naive.equal')] : [])],
      rows: optimum.splits.map((s, i) => [
        name(s.key), money(s.amount), Number.isFinite(s.share) ? formatPercent(s.share, l) : '—', ...(equal ? [money(equal.amounts[i] ?? NaN)] : []),
      ]),
      numeric: equal ? [false, true, true, true] : [false, true, true],
    });
    const series = { optimum: t('strategy.budget.optimum'), equal: t('strategy.budget.naive.equal') };
    blocks.push(await chartBlock(
      pairedSpec(optimum.splits.flatMap((s, i) => [
        { group: name(s.key), series: series.optimum, value: s.amount },
        ...(equal ? [{ group: name(s.key), series: series.equal, value: equal.amounts[i] ?? 0 }] : []),
      ]), {
        xTitle: t('portfolio.col.group'), yTitle: `${t('report.col.amount')} (${cur})`,
        groups: optimum.splits.map((s) => name(s.key)), series: equal ? [series.optimum, series.equal] : [series.optimum],
      }),
      t('report.strategy.chart'),
      t('report.strategy.chartAlt', { list: optimum.splits.map((s) => `${name(s.key)} ${money(s.amount)}`).join(l === 'zh' ? '，' : ', ') }),
    ));
  } else {
    blocks.push({ kind: 'paragraph', text: t('report.strategy.noBudget') });
  }
  return { id: 'strategy', title: t(SECTION_TITLES.strategy), notes, blocks };
}
