/** The report's own chart: customers per segment as bars (a plain Vega-Lite spec). */
import type { TopLevelSpec } from 'vega-lite';

/** One bar per group, in the given order, its value written above it. */
export function sizesSpec(rows: { group: string; value: number }[], options: { xTitle: string; yTitle: string }): TopLevelSpec {
  const x = { field: 'group', type: 'nominal' as const, title: options.xTitle, sort: rows.map((r) => r.group), axis: { labelAngle: -30 } };
  return {
    width: 'container',
    height: 240,
    data: { values: rows },
    layer: [
      { mark: { type: 'bar', color: '#2f6fb0' }, encoding: { x, y: { field: 'value', type: 'quantitative', title: options.yTitle } } },
      { mark: { type: 'text', dy: -6, fontSize: 10 }, encoding: { x, y: { field: 'value', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: ',' } } },
    ],
  };
}

/** Two bars per group (e.g. the optimal and the equal budget split), groups and series in the given order. */
export function pairedSpec(
  rows: { group: string; series: string; value: number }[],
  options: { xTitle: string; yTitle: string; groups: string[]; series: string[] },
): TopLevelSpec {
  return {
    width: 'container',
    height: 240,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'group', type: 'nominal', title: options.xTitle, sort: options.groups, axis: { labelAngle: -30 } },
      xOffset: { field: 'series', sort: options.series },
      y: { field: 'value', type: 'quantitative', title: options.yTitle },
      color: { field: 'series', type: 'nominal', title: null, sort: options.series, legend: { orient: 'top' } },
    },
  };
}

/**
 * A page's spec with its x-axis labels slanted (a report page is narrower than the screen: long
 * segment names would overlap). A copy: the spec given is not changed.
 */
export function slantedLabels(spec: TopLevelSpec, angle = -30): TopLevelSpec {
  const copy = structuredClone(spec) as { encoding?: { x?: { axis?: Record<string, unknown> } }; layer?: { encoding?: { x?: { axis?: Record<string, unknown> } } }[] };
  for (const part of [copy, ...(copy.layer ?? [])]) {
    const x = part.encoding?.x;
    if (x) x.axis = { ...(x.axis ?? {}), labelAngle: angle };
  }
  return copy as TopLevelSpec;
}
