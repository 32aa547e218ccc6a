/** The voice section: NPS and CSAT overall and by RFM segment, with the answers counted. */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ReportBlock, ReportSection } from '../../../lib/domain/report';
import { MIN_ANSWERS } from '../../../lib/domain';
import type { ReportContext, ReportInputs } from '../../../lib/state/report.svelte';
import { formatDay, formatNumber, formatPercent } from '../../../lib/i18n/format';
import { csatRange, npsRange, points } from '../../../lib/i18n/voice-format';
import { npsBarsSpec } from '../../../lib/charts/voice';
import { groupLabel } from '../../voice/format';
import { slantedLabels } from '../specs';
import { chartBlock } from '../chart';
import { SECTION_TITLES } from '../titles';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export async function voiceSection(input: ReportInputs['voice'], c: ReportContext, t: T): Promise<ReportSection> {
  const v = input.voice;
  const l = c.locale;
  const answers = (n: number) => t('voice.answers', { count: formatNumber(n, l) });
  // by RFM segment: the Voice page's groups when it shows RFM, else the Segments page's voice columns
  const byRfm = v.grouping.kind === 'rfm'
    ? v.groups.map((g) => ({ key: g.key, nps: g.nps, csat: g.csat }))
    : (input.rfm?.segments ?? []).filter((s) => s.voice).map((s) => ({ key: s.key, nps: s.voice!.nps, csat: s.voice!.csat }));
  const name = (key: string) => groupLabel('rfm', key, t);
  const few = (tooFew: boolean) => (tooFew ? ` (${t('voice.tooFew')})` : '');
  const blocks: ReportBlock[] = [
    {
      kind: 'figures', items: [
        { label: t('kpi.nps'), value: points(v.overall.nps.nps, l), hint: [answers(v.overall.nps.n), v.overall.nps.n > 0 ? t('voice.ciRange', { range: npsRange(v.overall.nps.ci, l, t) }) : ''].filter(Boolean).join(' · ') },
        { label: t('kpi.csat'), value: formatPercent(v.overall.csat.csat, l, 0), hint: [answers(v.overall.csat.n), v.overall.csat.n > 0 ? t('voice.ciRange', { range: csatRange(v.overall.csat.ci, l, t) }) : ''].filter(Boolean).join(' · ') },
      ],
    },
  ];
  if (byRfm.length > 0) {
    blocks.push({
      kind: 'table', caption: t('report.voice.table'),
      header: [t('segments.table.segment'), 'NPS', t('report.col.npsN'), 'CSAT', t('report.col.csatN')],
      rows: byRfm.map((g) => [
        name(g.key),
        g.nps.n > 0 ? points(g.nps.nps, l) + few(g.nps.tooFew) : '—', formatNumber(g.nps.n, l),
        g.csat.n > 0 ? formatPercent(g.csat.csat, l, 0) + few(g.csat.tooFew) : '—', formatNumber(g.csat.n, l),
      ]),
      numeric: [false, true, true, true, true],
    });
    const withNps = byRfm.filter((g) => g.nps.n > 0 && Number.isFinite(g.nps.nps));
    if (withNps.length > 0) {
      const groups = withNps.map((g) => name(g.key));
      blocks.push(await chartBlock(
        slantedLabels(npsBarsSpec(withNps.map((g) => ({ group: name(g.key), nps: g.nps.nps, lo: g.nps.ci[0], hi: g.nps.ci[1], n: g.nps.n })), { groups, yTitle: 'NPS', ciTitle: '95% CI', countTitle: t('report.col.npsN') })),
        t('report.voice.chart'),
        t('report.voice.chartAlt', { list: withNps.map((g) => `${name(g.key)} ${points(g.nps.nps, l)}`).join(l === 'zh' ? '，' : ', ') }),
      ));
    }
  }
  const range = v.firstDay !== null && v.lastDay !== null ? t('report.note.answersRange', { from: formatDay(v.firstDay, l), to: formatDay(v.lastDay, l) }) : '';
  return {
    id: 'voice', title: t(SECTION_TITLES.voice),
    notes: [
      t('report.note.answers', { count: formatNumber(v.answers, l) }) + (range ? ` ${range}` : ''),
      t('report.note.csatScale', { scale: v.csatScale.scale, top: v.csatScale.topBox }),
      t('report.note.tooFew', { min: formatNumber(MIN_ANSWERS, l) }),
    ].filter(Boolean),
    blocks,
  };
}
