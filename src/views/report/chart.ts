/** A chart of the report: a spec rendered off-screen to PNG in the report's theme and language. */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportBlock } from '../../lib/domain/report';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { light } from '../../lib/charts';
import { TIME_LOCALES } from '../../lib/charts/time-locales';
import { chartPng } from '../../lib/components/chart-png';

/** A chart as a report block: rendered off-screen, or null (its alt text then) when it cannot be. */
export async function chartBlock(spec: TopLevelSpec, title: string, alt: string): Promise<ReportBlock> {
  try {
    const image = await chartPng(spec, { config: light, timeFormatLocale: TIME_LOCALES[i18n.locale], width: 680 });
    return { kind: 'chart', title, alt, png: image.png, width: image.width, height: image.height };
  } catch {
    return { kind: 'chart', title, alt, png: null, width: 0, height: 0 };
  }
}
