import type { TopLevelSpec } from 'vega-lite';

/** Colours of open (amber) and resolved (blue) complaints. */
export const COMPLAINT_COLORS = { open: '#d98b1f', resolved: '#2f6fb0' } as const;

/** Complaints per topic as horizontal bars, topics in the order given (most first). */
export function topicBarsSpec(
  rows: { topic: string; count: number; share: number }[],
  options: { xTitle: string; shareTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: { step: 22 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: true, color: COMPLAINT_COLORS.resolved },
    encoding: {
      y: { field: 'topic', type: 'nominal', title: null, sort: rows.map((r) => r.topic) },
      x: { field: 'count', type: 'quantitative', title: options.xTitle, axis: { tickMinStep: 1 } },
      tooltip: [
        { field: 'topic', type: 'nominal', title: null },
        { field: 'count', type: 'quantitative', title: options.xTitle },
        { field: 'share', type: 'quantitative', title: options.shareTitle, format: '.1%' },
      ],
    },
  };
}

/** Complaints opened per month ('YYYY-MM', in order) as stacked bars: still open, and resolved. */
export function complaintMonthsSpec(
  rows: { month: string; part: string; count: number }[],
  options: { parts: [open: string, resolved: string]; xTitle: string; yTitle: string },
): TopLevelSpec {
  return {
    width: 'container',
    height: 180,
    data: { values: rows.map((r) => ({ ...r, order: options.parts.indexOf(r.part) })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: options.xTitle, axis: { labelAngle: -45, labelOverlap: 'parity' } },
      y: { field: 'count', type: 'quantitative', title: options.yTitle, stack: 'zero', axis: { tickMinStep: 1 } },
      color: {
        field: 'part', type: 'nominal', title: null, legend: { orient: 'top' },
        scale: { domain: options.parts, range: [COMPLAINT_COLORS.open, COMPLAINT_COLORS.resolved] },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'month', type: 'ordinal', title: options.xTitle },
        { field: 'part', type: 'nominal', title: null },
        { field: 'count', type: 'quantitative', title: options.yTitle },
      ],
    },
  };
}
