import type { Config } from 'vega-lite';

/** Chart themes, kept apart from the specs. */
export const light: Config = {
  background: 'transparent',
  font: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  axis: { labelColor: '#444', titleColor: '#333', gridColor: '#e6e8eb', domainColor: '#999', labelFontSize: 11, titleFontSize: 12 },
  view: { stroke: null },
  bar: { color: '#2f6fb0' },
  line: { color: '#2f6fb0' },
  range: { category: ['#2f6fb0', '#e07b39', '#3a9d5d', '#c0392b', '#8e6bbf', '#7f8c8d'] },
};

/** Larger type and stronger contrast for projectors. */
export const projector: Config = {
  ...light,
  axis: { ...light.axis, labelFontSize: 16, titleFontSize: 18, labelColor: '#111', titleColor: '#000' },
  bar: { color: '#1f4e79' },
};

export const themes = { light, projector };
export type ThemeName = keyof typeof themes;
