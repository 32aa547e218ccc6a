// Renders a Vega-Lite spec headless (no DOM, no canvas): compiled by vega-lite, run by a Vega
// View with the 'none' renderer. Chart tests read what would be drawn from the scenegraph: the
// marks with their positions, colours and tooltips, and the axis and legend texts.
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, timeFormatLocale, View } from 'vega';

/** One drawn item (a bar, a cell, a point, a line vertex's path, a rule…) as Vega keeps it. */
export interface ChartItem {
  x: number;
  y: number;
  width?: number;
  height?: number;
  x2?: number;
  y2?: number;
  fill?: string;
  stroke?: string;
  strokeDash?: number[];
  text?: string;
  tooltip?: unknown;
  datum: Record<string, unknown>;
}

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneItem[];
}

interface SceneItem extends ChartItem {
  items?: SceneNode[];
  orient?: string;
}

export interface RenderedChart {
  view: View;
  /** What vega-lite and Vega warned about while compiling and running (a valid spec gives none). */
  warnings: string[];
  /** The data marks of one kind ('rect', 'line', 'symbol', 'rule', …), in drawing order. */
  marks(marktype: string): ChartItem[];
  /** The tick labels of the axis at `orient`, in order. */
  axisLabels(orient: 'bottom' | 'left'): string[];
  /** The titles of the axes at `orient` (none when the title is null). */
  axisTitles(orient: 'bottom' | 'left'): string[];
  legendLabels(): string[];
  legendTitles(): string[];
}

/** Walks the scenegraph, calling `visit` for every mark with the orient of its axis or legend (if any). */
function walk(node: SceneNode, visit: (node: SceneNode, orient: string | undefined) => void, orient?: string): void {
  visit(node, orient);
  for (const item of node.items ?? []) {
    for (const child of item.items ?? []) walk(child, visit, node.role === 'axis' || node.role === 'legend' ? item.orient : orient);
  }
}

const texts = (items: ChartItem[]) => items.map((item) => String(item.text ?? ''));

/** Renders `spec` at a fixed width (the app's 'container' width needs a page). */
export async function renderChart(
  spec: TopLevelSpec, options: { width?: number; config?: Config; timeLocale?: Record<string, unknown> } = {},
): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.join(' '));
    },
    warn: (...args: unknown[]) => (warnings.push(args.join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  const sized: TopLevelSpec = Object.assign({}, spec, { width: options.width ?? 300 });
  const vega = compile(sized, { logger, config: options.config }).spec;
  // as vega-embed does with its timeFormatLocale option: the default locale of every later view
  if (options.timeLocale) timeFormatLocale(options.timeLocale);
  const view = new View(parse(vega), { renderer: 'none', logger });
  await view.runAsync();

  // vega-typings declare scenegraph() as the root mark; at run time it is a Scenegraph holding it in `root`
  const graph = view.scenegraph();
  const root = ('root' in graph ? graph.root : graph) as SceneNode;
  const collect = (match: (node: SceneNode, orient: string | undefined) => boolean): ChartItem[] => {
    const found: ChartItem[] = [];
    walk(root, (node, orient) => {
      if (match(node, orient)) found.push(...(node.items ?? []));
    });
    return found;
  };
  return {
    view,
    warnings,
    marks: (marktype) => collect((node) => node.role === 'mark' && node.marktype === marktype),
    axisLabels: (orient) => texts(collect((node, o) => node.role === 'axis-label' && o === orient)),
    axisTitles: (orient) => texts(collect((node, o) => node.role === 'axis-title' && o === orient)),
    legendLabels: () => texts(collect((node) => node.role === 'legend-label')),
    legendTitles: () => texts(collect((node) => node.role === 'legend-title')),
  };
}
