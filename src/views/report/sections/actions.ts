/** The actions section: each action with its group sizes and its read-out's verdict in words. */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ReportSection } from '../../../lib/domain/report';
import type { ReportContext, ReportInputs } from '../../../lib/state/report.svelte';
import { i18n } from '../../../lib/i18n/i18n.svelte';
import { formatDay, formatNumber } from '../../../lib/i18n/format';
import { STATUS_WORD, TYPE_WORD } from '../../act/actions/words';
import { verdictText } from '../../act/experiment/format';
import { SECTION_TITLES } from '../titles';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export function actionsSection(input: ReportInputs['actions'], c: ReportContext, t: T): ReportSection {
  const l = c.locale;
  const cur = c.dataset.currency;
  let provisional = 0;
  const rows = input.actions.map((a) => {
    const entry = input.readouts[a.id];
    const ro = entry?.value ?? null;
    if (ro && !ro.complete) provisional++;
    const verdict = ro?.readout
      ? verdictText(ro.readout, { currency: cur, locale: l, t, subject: a.name, windowDays: entry?.window })
      : ro?.notice ? i18n.notice(ro.notice) : entry?.error ? i18n.notice(entry.error) : t('report.actions.noReadout');
    return [
      a.name, t(TYPE_WORD[a.type]), formatDay(a.day, l), t(STATUS_WORD[a.status]),
      formatNumber(a.sizes.treated, l), formatNumber(a.sizes.control, l), verdict,
    ];
  });
  return {
    id: 'actions', title: t(SECTION_TITLES.actions),
    notes: [
      t('report.note.actions', { count: formatNumber(input.actions.length, l) }),
      ...(provisional > 0 ? [t('report.note.provisional', { count: formatNumber(provisional, l) })] : []),
    ],
    blocks: [{
      kind: 'table', caption: t('report.actions.table'),
      header: [t('report.col.action'), t('report.col.type'), t('report.col.day'), t('report.col.status'), t('report.col.treated'), t('report.col.control'), t('report.col.verdict')],
      rows, numeric: [false, false, false, false, true, true, false],
    }],
  };
}
