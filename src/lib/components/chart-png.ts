/**
 * Charts as PNG images for documents (the strategy report): a Vega-Lite spec rendered off-screen
 * with vega-embed exactly as VegaChart.svelte renders it on a page (CSP-safe expression
 * interpreter, no eval), then `toImageURL('png', scale)`. The view is finalized and its element
 * removed afterwards.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import type { TimeLocale } from '../charts/time-locales';

export interface ChartPng {
  png: Uint8Array;
  /** Size in CSS pixels (the image holds `scale` times as many). */
  width: number;
  height: number;
}

export interface ChartPngOptions {
  config?: Config;
  /** Month and day names on time axes. */
  timeFormatLocale?: TimeLocale;
  /** Width in CSS pixels of a spec whose width is 'container' (default 720). */
  width?: number;
  /** Pixels per CSS pixel in the image (default 2: crisp in print). */
  scale?: number;
}

/** The bytes of a data: URL (base64). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const binary = atob(url.slice(comma + 1));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Render a spec to PNG off-screen.
 * @returns the image and its size in CSS pixels
 * @throws when vega cannot render the spec
 */
export async function chartPng(spec: TopLevelSpec, options: ChartPngOptions = {}): Promise<ChartPng> {
  const [{ default: embed }, { expressionInterpreter }] = await Promise.all([import('vega-embed'), import('vega-interpreter')]);
  const width = options.width ?? 720;
  const scale = options.scale ?? 2;
  const host = document.createElement('div');
  // off-screen but laid out, so a 'container' width is measured
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;visibility:hidden;pointer-events:none`;
  host.setAttribute('aria-hidden', 'true');
  document.body.appendChild(host);
  let finalize: (() => void) | undefined;
  try {
    const result = await embed(host, spec, {
      mode: 'vega-lite',
      renderer: 'canvas',
      ast: true,
      expr: expressionInterpreter,
      actions: false,
      config: options.config,
      timeFormatLocale: options.timeFormatLocale,
      tooltip: false,
    });
    finalize = () => result.finalize();
    const view = result.view;
    const url = await view.toImageURL('png', scale);
    const png = dataUrlBytes(url);
    // the image's own size, in CSS pixels
    const size = pngSize(png);
    return { png, width: size ? Math.round(size.width / scale) : view.width(), height: size ? Math.round(size.height / scale) : view.height() };
  } finally {
    finalize?.();
    host.remove();
  }
}

/** Width and height from a PNG's IHDR chunk (null when the bytes are no PNG). */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24 || png[0] !== 0x89 || png[1] !== 0x50) return null;
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
