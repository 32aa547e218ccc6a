/** The report's section titles and the reasons a section is left out, as catalog keys. */
import type { ReportSectionId, LeftOutReason } from '../../lib/state/report.svelte';
import type { MessageKey } from '../../lib/i18n/messages';

/** The section titles (also the page's checkboxes). */
export const SECTION_TITLES: Record<ReportSectionId, MessageKey> = {
  summary: 'report.section.summary', segments: 'report.section.segments', voice: 'report.section.voice',
  strategy: 'report.section.strategy', actions: 'report.section.actions',
};

/** Why a section was left out, in words. */
export const LEFT_OUT: Record<LeftOutReason, MessageKey> = {
  noOrders: 'report.leftOut.noOrders', noSegments: 'report.leftOut.noSegments', noAnswers: 'report.leftOut.noAnswers',
  noGroups: 'report.leftOut.noGroups', noActions: 'report.leftOut.noActions', failed: 'report.leftOut.failed',
};
