/** The segments section: the RFM segments with sizes and shares, as a table and a bar chart. */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ReportSection } from '../../../lib/domain/report';
import type { ReportContext, ReportInputs } from '../../../lib/state/report.svelte';
import { i18n } from '../../../lib/i18n/i18n.svelte';
import { formatDay, formatNumber, formatPercent } from '../../../lib/i18n/format';
import { segmentKey } from '../../../lib/i18n/keys';
import { sizesSpec } from '../specs';
import { chartBlock } from '../chart';
import { SECTION_TITLES } from '../titles';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export async function segmentsSection(input: ReportInputs['segments'], c: ReportContext, t: T): Promise<ReportSection> {
  const { rfm } = input;
  const l = c.locale;
  const name = (key: string) => i18n.label(segmentKey(key), key);
  const rows = rfm.segments.map((s) => [name(s.key), formatNumber(s.size, l), formatPercent(s.customerShare, l), formatPercent(s.revenueShare, l)]);
  const title = t('report.segments.chart');
  const chart = await chartBlock(
    sizesSpec(rfm.segments.map((s) => ({ group: name(s.key), value: s.size })), { xTitle: t('segments.table.segment'), yTitle: t('segments.table.size') }),
    title,
    t('report.segments.chartAlt', { list: rfm.segments.map((s) => `${name(s.key)} ${formatNumber(s.size, l)}`).join(l === 'zh' ? '，' : ', ') }),
  );
  return {
    id: 'segments', title: t(SECTION_TITLES.segments),
    notes: [
      t('report.note.asOf', { date: formatDay(rfm.asOfDay, l) }),
      t('report.note.rfm', { scored: formatNumber(rfm.scored, l), bins: rfm.bins }),
      t('dashboard.conventions'),
    ],
    blocks: [
      {
        kind: 'table', caption: t('report.segments.table'),
        header: [t('segments.table.segment'), t('segments.table.size'), t('segments.table.share'), t('segments.table.revenueShare')],
        rows, numeric: [false, true, true, true],
      },
      chart,
    ],
  };
}
