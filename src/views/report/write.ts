/**
 * The report's words: each section's figures, read from the pages' state by ReportState, worded
 * in the current language as the pages word them (same names, same formats), with its notes
 * (data date, conventions, sample sizes) and its charts rendered to PNG. Nothing is computed here
 * but the wording.
 */
import type { ReportInputs, ReportWriter } from '../../lib/state/report.svelte';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { LEFT_OUT, SECTION_TITLES } from './titles';
import { summarySection } from './sections/summary';
import { segmentsSection } from './sections/segments';
import { voiceSection } from './sections/voice';
import { strategySection } from './sections/strategy';
import { actionsSection } from './sections/actions';

export { LEFT_OUT, SECTION_TITLES } from './titles';
export { chartBlock } from './chart';

/** The writer of the Report page: the current language, the dataset's currency. */
export function reportWriter(): ReportWriter {
  return {
    async section(id, input, context) {
      const t = i18n.t;
      switch (id) {
        case 'summary': return summarySection(input as ReportInputs['summary'], context, t);
        case 'segments': return segmentsSection(input as ReportInputs['segments'], context, t);
        case 'voice': return voiceSection(input as ReportInputs['voice'], context, t);
        case 'strategy': return strategySection(input as ReportInputs['strategy'], context, t);
        case 'actions': return actionsSection(input as ReportInputs['actions'], context, t);
      }
      throw new Error(`unknown section ${String(id)}`);
    },
    frame(context, _sections, leftOut) {
      const t = i18n.t;
      const l = context.locale;
      const cover = [
        t('report.cover.dataset', { name: context.dataset.name }),
        t('report.cover.created', { date: new Intl.DateTimeFormat(l === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'long' }).format(new Date()) }),
        t(context.mask ? 'report.cover.masked' : 'report.cover.unmasked'),
      ];
      if (context.dataset.pseudonymised) cover.push(t('report.cover.pseudonymised'));
      for (const x of leftOut) cover.push(t('report.cover.leftOut', { section: t(SECTION_TITLES[x.id]), reason: t(LEFT_OUT[x.reason]) }));
      cover.push(t('report.laterSlice'));
      return {
        title: t('report.docTitle', { name: context.dataset.name }),
        cover,
        locale: l,
        labels: { contents: t('report.contents'), page: t('report.page'), chartMissing: t('report.chartMissing') },
      };
    },
  };
}
