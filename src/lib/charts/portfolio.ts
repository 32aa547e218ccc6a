/**
 * The portfolio matrix's pictures: the group-level bubble chart (Vega-Lite) and the scales of
 * the customer-level canvas (100,000 dots are drawn by hand: Vega-Lite is too slow there).
 */
import type { TopLevelSpec } from 'vega-lite';

/** Quadrant colours on both levels: invest, develop, maintain, basic. */
export const QUADRANT_COLORS = { invest: '#2f6fb0', develop: '#3a9d5d', maintain: '#e07b39', basic: '#8a939c' } as const;
/** A group without NPS answers. */
export const NO_NPS_COLOR = '#c4c9cf';

export interface GroupBubble {
  name: string;
  customers: number;
  current: number;
  future: number;
  /** NPS points, null without answers. */
  nps: number | null;
  /** Shown in the tooltip (already formatted). */
  currentText: string;
  futureText: string;
  npsText: string;
  quadrantName: string;
}

export interface GroupBubbleOptions {
  xTitle: string;
  yTitle: string;
  /** Future axis drawn high-to-low (recency: fewer days at the top). */
  reversed: boolean;
  thresholds: { current: number; future: number };
  /** Names written in the corners: top right, top left, bottom right, bottom left. */
  corners: { invest: string; develop: string; maintain: string; basic: string };
  titles: { name: string; customers: string; current: string; future: string; nps: string; quadrant: string; noAnswers: string };
}

/** Axis labels: 0 as 0, else SI-compact (1.5k, 2M). */
const ZERO_OR_SI = "datum.value === 0 ? '0' : format(datum.value, '~s')";

/** A domain holding every value and the threshold, with a margin (a single value gets one around it). */
export function paddedDomain(values: number[], threshold: number): [number, number] {
  const all = [...values, threshold].filter(Number.isFinite);
  if (all.length === 0) return [0, 1];
  const lo = Math.min(...all), hi = Math.max(...all);
  if (hi - lo < 1e-9) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.2 : 1;
    return [lo - d, hi + d];
  }
  const pad = (hi - lo) * 0.08;
  // a margin on both sides, so bubbles at the ends (often 0) stay clear of the axes
  return [lo - pad, hi + pad];
}

/** Where each group's name goes: right or left of its bubble (left in the right quarter), above or below (below when a name is already near). */
function placeLabels<R extends { current: number; future: number }>(rows: R[], xd: [number, number], yd: [number, number]): (R & { place: 'ra' | 'rb' | 'la' | 'lb' })[] {
  const taken: { x: number; y: number }[] = [];
  return rows.map((r) => {
    const nx = (r.current - xd[0]) / (xd[1] - xd[0] || 1), ny = (r.future - yd[0]) / (yd[1] - yd[0] || 1);
    const crowded = taken.some((t) => Math.abs(t.x - nx) < 0.12 && Math.abs(t.y - ny) < 0.05);
    taken.push({ x: nx, y: ny });
    const side = nx > 0.75 ? 'l' : 'r';
    return { ...r, place: `${side}${crowded ? 'b' : 'a'}` as 'ra' | 'rb' | 'la' | 'lb' };
  });
}

/**
 * Groups by current (x) and future value (y): bubbles sized by customers, coloured by NPS on a
 * diverging scale (grey without answers), named beside; the thresholds as dashed lines and the
 * quadrants tinted in their colours, with their names in the corners left free.
 */
export function portfolioBubbleSpec(rows: GroupBubble[], o: GroupBubbleOptions): TopLevelSpec {
  const x = { field: 'current', type: 'quantitative' as const, title: o.xTitle, scale: { domain: paddedDomain(rows.map((r) => r.current), o.thresholds.current), zero: false, nice: false }, axis: { labelExpr: ZERO_OR_SI, tickCount: 6, labelFlush: true } };
  const y = {
    field: 'future', type: 'quantitative' as const, title: o.yTitle,
    scale: { domain: paddedDomain(rows.map((r) => r.future), o.thresholds.future), zero: false, nice: false, reverse: o.reversed }, axis: { labelExpr: ZERO_OR_SI, tickCount: 6 },
  };
  const tooltip = [
    { field: 'name', type: 'nominal' as const, title: o.titles.name },
    { field: 'customers', type: 'quantitative' as const, title: o.titles.customers, format: ',' },
    { field: 'currentText', type: 'nominal' as const, title: o.titles.current },
    { field: 'futureText', type: 'nominal' as const, title: o.titles.future },
    { field: 'npsText', type: 'nominal' as const, title: o.titles.nps },
    { field: 'quadrantName', type: 'nominal' as const, title: o.titles.quadrant },
  ];
  const withNps = rows.filter((r) => r.nps !== null);
  // symmetric around 0 (red below, blue above), reaching the largest NPS shown (at least ±20), so close scores still differ
  const npsReach = Math.min(100, Math.max(20, Math.ceil(Math.max(...withNps.map((r) => Math.abs(r.nps!))) / 10) * 10));
  const [x0, x1] = x.scale.domain;
  const [y0, y1] = y.scale.domain;
  const labelled = placeLabels(rows, [x0, x1], [y0, y1]);
  // each quadrant tinted in its colour (the legend beside the chart uses the same); its name in
  // its corner only where no group sits near it, so names never cover a group's name
  const t = o.thresholds;
  const [top, bottom] = o.reversed ? [y0, y1] : [y1, y0];
  const quadrants = [
    { name: o.corners.invest, color: QUADRANT_COLORS.invest, x: t.current, x2: x1, y: t.future, y2: top, right: true, high: true },
    { name: o.corners.develop, color: QUADRANT_COLORS.develop, x: x0, x2: t.current, y: t.future, y2: top, right: false, high: true },
    { name: o.corners.maintain, color: QUADRANT_COLORS.maintain, x: t.current, x2: x1, y: bottom, y2: t.future, right: true, high: false },
    { name: o.corners.basic, color: QUADRANT_COLORS.basic, x: x0, x2: t.current, y: bottom, y2: t.future, right: false, high: false },
  ].filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
  const near = (cx: number, cy: number) => rows.some((r) =>
    Math.abs((r.current - cx) / (x1 - x0 || 1)) < 0.3 && Math.abs((r.future - cy) / (y1 - y0 || 1)) < 0.14);
  const corners = quadrants
    .map((q) => ({ name: q.name, x: q.right ? x1 : x0, y: q.high ? top : bottom, right: q.right, high: q.high }))
    .filter((c) => !near(c.x, c.y));
  const cornerLayer = (right: boolean, high: boolean) => ({
    data: { values: corners.filter((c) => c.right === right && c.high === high) },
    mark: {
      type: 'text' as const, align: right ? ('right' as const) : ('left' as const), baseline: high ? ('top' as const) : ('bottom' as const),
      dx: right ? -6 : 6, dy: high ? 6 : -6, color: '#6b7580', fontSize: 11, fontWeight: 'bold' as const,
    },
    encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const }, text: { field: 'name' } },
  });
  return {
    width: 'container',
    height: 380,
    data: { values: rows },
    layer: [
      ...quadrants.map((q) => ({
        data: { values: [q] },
        mark: { type: 'rect' as const, color: q.color, opacity: 0.07 },
        encoding: { x: { field: 'x', type: 'quantitative' as const }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative' as const }, y2: { field: 'y2' } },
      })),
      cornerLayer(true, true),
      cornerLayer(false, true),
      cornerLayer(true, false),
      cornerLayer(false, false),
      {
        data: { values: [o.thresholds] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#555', strokeWidth: 1.2 },
        encoding: { x: { field: 'current', type: 'quantitative' } },
      },
      {
        data: { values: [o.thresholds] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#555', strokeWidth: 1.2 },
        encoding: { y: { field: 'future', type: 'quantitative' } },
      },
      {
        mark: { type: 'circle', opacity: 0.85, stroke: '#ffffff', strokeWidth: 1, tooltip: true },
        encoding: {
          x, y,
          size: { field: 'customers', type: 'quantitative', title: o.titles.customers, scale: { range: [60, 2400] }, legend: { orient: 'bottom', format: '~s' } },
          color: withNps.length
            ? {
                condition: { test: 'datum.nps === null', value: NO_NPS_COLOR },
                field: 'nps', type: 'quantitative', title: o.titles.nps,
                scale: { scheme: 'redblue', domain: [-npsReach, npsReach], domainMid: 0 }, legend: { orient: 'bottom', gradientLength: 160 },
              }
            : { value: NO_NPS_COLOR },
          tooltip,
        },
      },
      // names to the right of their bubble (to the left in the right quarter of the chart), above
      // it, or below when another group's name would sit in the same place
      ...(['ra', 'rb', 'la', 'lb'] as const).map((place) => ({
        data: { values: labelled.filter((r) => r.place === place) },
        mark: {
          type: 'text' as const, align: place[0] === 'r' ? ('left' as const) : ('right' as const), dx: place[0] === 'r' ? 9 : -9, dy: place[1] === 'a' ? -9 : 12,
          fontSize: 11, color: '#333',
        },
        encoding: { x, y, text: { field: 'name', type: 'nominal' as const }, tooltip },
      })),
    ],
  };
}

/** One axis of the customer canvas: value ↔ pixel, and its ticks. */
export interface CanvasAxis {
  /** The domain drawn (values beyond it are drawn at its edge). */
  lo: number;
  hi: number;
  log: boolean;
  toPx(value: number): number;
  fromPx(px: number): number;
  ticks: number[];
}

/** Signed log: sign(v)·log10(1 + |v|), for money that can be zero or negative (returns). */
export const symlog = (v: number): number => Math.sign(v) * Math.log10(1 + Math.abs(v));
const symexp = (t: number): number => Math.sign(t) * (10 ** Math.abs(t) - 1);

/** Round ticks (1, 2, 5 × 10ⁿ) across [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/** Ticks of a signed log axis: 0 and ±10, ±100… inside [lo, hi] (values, not logs). */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  if (lo <= 0 && hi >= 0) out.push(0);
  // from 10 up: ±1 sits too close to 0 to be read apart
  for (let p = 1; p <= 12; p++) {
    const v = 10 ** p;
    if (v >= lo && v <= hi) out.push(v);
    if (-v >= lo && -v <= hi) out.unshift(-v);
  }
  // keep at most 7, spread evenly
  if (out.length <= 7) return out;
  const every = Math.ceil(out.length / 7);
  return out.filter((_, i) => i % every === 0);
}

/**
 * An axis over [lo, hi] (widened to hold the threshold and never empty) drawn from px0 to px1
 * (px1 < px0 for a vertical axis drawn upwards), linear or signed-log.
 */
export function canvasAxis(lo: number, hi: number, threshold: number, px0: number, px1: number, log: boolean, pad = 0.03): CanvasAxis {
  let a = Number.isFinite(lo) ? lo : 0, b = Number.isFinite(hi) ? hi : 1;
  if (Number.isFinite(threshold)) {
    a = Math.min(a, threshold);
    b = Math.max(b, threshold);
  }
  if (b - a < 1e-9) {
    const d = Math.abs(a) > 0 ? Math.abs(a) * 0.2 : 1;
    a -= d;
    b += d;
  }
  const f = log ? symlog : (v: number) => v;
  const g = log ? symexp : (t: number) => t;
  // a margin inside the frame, so the dots at the ends do not sit on it
  const inner = (tb0: number, ta0: number) => (tb0 - ta0) * pad;
  const ta = f(a) - inner(f(b), f(a)), tb = f(b) + inner(f(b), f(a));
  const span = tb - ta;
  return {
    lo: a, hi: b, log,
    toPx: (v) => px0 + ((f(Math.min(b, Math.max(a, v))) - ta) / span) * (px1 - px0),
    fromPx: (px) => g(ta + ((px - px0) / (px1 - px0)) * span),
    ticks: log ? logTicks(a, b) : niceTicks(a, b, 6),
  };
}
