/** Hand-built report models for the writers' tests: every block kind, hostile text, both languages. */
import type { ReportModel } from '../../../../../src/lib/domain/report/model';

export const SCRIPT = '<script>alert(1)</script>';
export const BREAKOUT = '"><img src=x onerror=alert(1)>';
export const PIPES = '| pipes |';
export const BOLD = '**bold**';
export const LINK = '[link](http://evil)';
export const HOSTILE = [SCRIPT, BREAKOUT, PIPES, BOLD, LINK];

/** Bytes that stand for a PNG: its signature, then runs of 0xFF (base64 '/'), distinct per seed. */
export function fakePng(seed: number, length = 300): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([137, 80, 78, 71, 13, 10, 26, 10]);
  for (let i = 8; i < length; i++) bytes[i] = i % 7 < 3 ? 255 : (i * 31 + seed) & 255;
  return bytes;
}

export const PNG_SEGMENTS = fakePng(1);
export const PNG_VALUE = fakePng(2, 5000);

export function englishModel(): ReportModel {
  return {
    title: `Customer strategy report ${SCRIPT}`,
    cover: ['Dataset: Demo company', 'Data as of 2026-11-30', `Name ${BREAKOUT}`],
    locale: 'en',
    labels: { contents: 'Contents', page: 'Page', chartMissing: 'Chart not available' },
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        notes: ['Data as of 2026-11-30', 'n = 1,200 customers\nmasked'],
        blocks: [
          { kind: 'paragraph', text: `Plain ${BOLD} and ${LINK} and ${SCRIPT}` },
          {
            kind: 'figures',
            items: [
              { label: 'Customers', value: '1,200', hint: 'target 1,000' },
              { label: `Hostile ${PIPES}`, value: BOLD },
            ],
          },
        ],
      },
      {
        id: 'segments',
        title: 'Segments',
        notes: [],
        blocks: [
          {
            kind: 'table',
            caption: 'Segment sizes',
            header: ['Segment', 'Customers', 'Share'],
            numeric: [false, true, true],
            rows: [
              ['a | b', '1,200', '40%'],
              [`back\\slash\nnew line`, '300', '10%'],
              [BREAKOUT, '0', '0%'],
            ],
          },
          { kind: 'chart', title: 'Sizes', alt: 'Bar chart of segment sizes', png: PNG_SEGMENTS, width: 640, height: 320 },
          { kind: 'chart', title: 'Trend', alt: 'Line chart', png: null, width: 640, height: 320 },
        ],
      },
      // Same title as the one before, another id; then a duplicate id.
      {
        id: 'value',
        title: 'Segments',
        notes: ['CLV: BG/NBD'],
        blocks: [
          { kind: 'chart', title: 'CLV', alt: 'CLV by segment', png: PNG_VALUE, width: 600.4, height: 299.6 },
          { kind: 'list', items: ['# not a heading', '- not nested', '1. not ordered', LINK, SCRIPT] },
        ],
      },
      { id: 'value', title: 'Value again', notes: [], blocks: [{ kind: 'list', items: ['www.evil.example', '&lt;b&gt;'] }] },
    ],
  };
}

export function chineseModel(): ReportModel {
  return {
    title: '客户战略报告 · 演示公司',
    cover: ['数据集：演示公司', '数据日期：2026-11-30', '已开启脱敏；数据集已假名化'],
    locale: 'zh',
    labels: { contents: '目录', page: '页', chartMissing: '图表无法显示' },
    sections: [
      {
        id: 'segments',
        title: '客户细分',
        notes: ['样本量 n = 1,200'],
        blocks: [
          { kind: 'paragraph', text: '客户细分：高价值客户（VIP）占 12%。' },
          { kind: 'figures', items: [{ label: '客户数', value: '1,200', hint: '目标 1,000' }] },
          { kind: 'table', header: ['细分', '客户数'], numeric: [false, true], rows: [['高价值客户', '144']] },
          { kind: 'chart', title: '趋势', alt: '折线图', png: null, width: 600, height: 300 },
          { kind: 'list', items: ['【重点】维系高价值客户'] },
        ],
      },
    ],
  };
}

/** A model with one section holding one table of `rows` rows. */
export function bigTableModel(rows: number): ReportModel {
  const table = Array.from({ length: rows }, (_, i) => [`customer ${i} | x`, String(i), `${(i % 100) / 10}`]);
  return {
    title: 'Big',
    cover: [],
    locale: 'en',
    labels: { contents: 'Contents', page: 'Page', chartMissing: 'Chart not available' },
    sections: [{ id: 'actions', title: 'Actions', notes: [], blocks: [{ kind: 'table', header: ['Customer', 'Orders', 'Score'], numeric: [false, true, true], rows: table }] }],
  };
}
