import { describe, expect, it } from 'vitest';
import { sectionAnchors } from '../../../../../src/lib/domain/report/anchors';
import { reportMarkdown } from '../../../../../src/lib/domain/report/markdown';
import { escapeMarkdownInline, escapeMarkdownLine, markdownCell, markdownLines } from '../../../../../src/lib/domain/report/markdown-escape';
import { bigTableModel, chineseModel, englishModel, PNG_SEGMENTS, PNG_VALUE } from './fixture';

describe('Markdown escaping', () => {
  it('escapes inline markup so it shows as written', () => {
    expect(escapeMarkdownInline('**bold** _i_ `code` ~~s~~ $x$')).toBe('\\*\\*bold\\*\\* \\_i\\_ \\`code\\` \\~\\~s\\~\\~ \\$x\\$');
    expect(escapeMarkdownInline('[link](http://evil) ![img](x)')).toBe('\\[link\\](http\\://evil) !\\[img\\](x)');
    expect(escapeMarkdownInline('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdownInline('a\\b | c')).toBe('a\\\\b \\| c');
    expect(escapeMarkdownInline('&amp; &#60; & AT&T')).toBe('\\&amp; \\&#60; & AT&T');
    expect(escapeMarkdownInline('see www.evil.example or HTTPS://x')).toBe('see www\\.evil.example or HTTPS\\://x');
  });

  it('leaves Chinese text and harmless punctuation alone', () => {
    expect(escapeMarkdownInline('客户细分：高价值客户（VIP）占 12%。【重点】')).toBe('客户细分：高价值客户（VIP）占 12%。【重点】');
    expect(escapeMarkdownLine('-5% vs 2025-11 (n = 1,200), 3.5 stars!')).toBe('-5% vs 2025-11 (n = 1,200), 3.5 stars!');
  });

  it('escapes what would start a block at a line start, and drops leading white space (indented code)', () => {
    expect(escapeMarkdownLine('# title')).toBe('\\# title');
    expect(escapeMarkdownLine('- item')).toBe('\\- item');
    expect(escapeMarkdownLine('+ item')).toBe('\\+ item');
    expect(escapeMarkdownLine('---')).toBe('\\---');
    expect(escapeMarkdownLine('===')).toBe('\\===');
    expect(escapeMarkdownLine('* * *')).toBe('\\* \\* \\*');
    expect(escapeMarkdownLine('1. first')).toBe('1\\. first');
    expect(escapeMarkdownLine('2) second')).toBe('2\\) second');
    expect(escapeMarkdownLine('> quote')).toBe('\\> quote');
    expect(escapeMarkdownLine('```js')).toBe('\\`\\`\\`js');
    expect(escapeMarkdownLine('    code')).toBe('code');
    expect(escapeMarkdownLine('2026. year')).toBe('2026\\. year');
  });

  it('joins lines with hard breaks, continued by the given indent', () => {
    expect(markdownLines('a\n# b\r\n\nc', '  ')).toBe('a\\\n  \\# b\\\n  c');
    expect(markdownLines('one\u0000 line')).toBe('one line');
  });

  it('writes table cells with escaped pipes and backslashes, line breaks as <br>', () => {
    expect(markdownCell('a | b')).toBe('a \\| b');
    expect(markdownCell('c:\\dir\nnext')).toBe('c:\\\\dir<br>next');
    expect(markdownCell(' 1,200 ')).toBe('1,200');
  });
});

describe('section anchors', () => {
  it('come from the ids, unique even for duplicate ids, never from titles', () => {
    expect(sectionAnchors(['summary', 'value', 'value', 'value-2', 'Voice & NPS', '', '客户'])).toEqual([
      'summary',
      'value',
      'value-2',
      'value-2-2',
      'voice-nps',
      'section',
      'section-2',
    ]);
  });
});

describe('reportMarkdown', () => {
  it('writes the English model as expected, every text escaped', () => {
    const expected = [
      '# Customer strategy report \\<script\\>alert(1)\\</script\\>',
      '',
      'Dataset: Demo company',
      '',
      'Data as of 2026-11-30',
      '',
      'Name "\\>\\<img src=x onerror=alert(1)\\>',
      '',
      '## Contents',
      '',
      '- [Summary](#summary)',
      '- [Segments](#segments)',
      '- [Segments](#value)',
      '- [Value again](#value-2)',
      '',
      '## <a id="summary"></a>Summary',
      '',
      '> Data as of 2026-11-30',
      '>',
      '> n = 1,200 customers\\',
      '> masked',
      '',
      'Plain \\*\\*bold\\*\\* and \\[link\\](http\\://evil) and \\<script\\>alert(1)\\</script\\>',
      '',
      '- Customers: **1,200** — target 1,000',
      '- Hostile \\| pipes \\|: **\\*\\*bold\\*\\***',
      '',
      '## <a id="segments"></a>Segments',
      '',
      '**Segment sizes**',
      '',
      '| Segment | Customers | Share |',
      '| --- | ---: | ---: |',
      '| a \\| b | 1,200 | 40% |',
      '| back\\\\slash<br>new line | 300 | 10% |',
      '| "\\>\\<img src=x onerror=alert(1)\\> | 0 | 0% |',
      '',
      '**Sizes**',
      '',
      '![Bar chart of segment sizes](images/segments-1.png)',
      '',
      '**Trend**',
      '',
      '*Chart not available: Line chart*',
      '',
      '## <a id="value"></a>Segments',
      '',
      '> CLV: BG/NBD',
      '',
      '**CLV**',
      '',
      '![CLV by segment](images/value-1.png)',
      '',
      '- \\# not a heading',
      '- \\- not nested',
      '- 1\\. not ordered',
      '- \\[link\\](http\\://evil)',
      '- \\<script\\>alert(1)\\</script\\>',
      '',
      '## <a id="value-2"></a>Value again',
      '',
      '- www\\.evil.example',
      '- \\&lt;b\\&gt;',
      '',
    ].join('\n');
    const { markdown, images } = reportMarkdown(englishModel());
    expect(markdown).toBe(expected);
    expect(images.map((i) => i.name)).toEqual(['images/segments-1.png', 'images/value-1.png']);
    expect(images[0].bytes).toEqual(PNG_SEGMENTS);
    expect(images[1].bytes).toEqual(PNG_VALUE);
  });

  it('writes the Chinese model with its text untouched', () => {
    const expected = [
      '# 客户战略报告 · 演示公司',
      '',
      '数据集：演示公司',
      '',
      '数据日期：2026-11-30',
      '',
      '已开启脱敏；数据集已假名化',
      '',
      '## 目录',
      '',
      '- [客户细分](#segments)',
      '',
      '## <a id="segments"></a>客户细分',
      '',
      '> 样本量 n = 1,200',
      '',
      '客户细分：高价值客户（VIP）占 12%。',
      '',
      '- 客户数：**1,200** — 目标 1,000',
      '',
      '| 细分 | 客户数 |',
      '| --- | ---: |',
      '| 高价值客户 | 144 |',
      '',
      '**趋势**',
      '',
      '*图表无法显示：折线图*',
      '',
      '- 【重点】维系高价值客户',
      '',
    ].join('\n');
    const { markdown, images } = reportMarkdown(chineseModel());
    expect(markdown).toBe(expected);
    expect(images).toEqual([]);
  });

  it('leaves no live link, image or HTML tag of its own making from the text (scan)', () => {
    const { markdown } = reportMarkdown(englishModel());
    // The writer's own markup: internal links, image links, anchors, cell line breaks.
    const own = markdown
      .replace(/\]\(#[a-z0-9_-]+\)/g, '')
      .replace(/\]\(images\/[a-z0-9_-]+\.png\)/g, '')
      .replace(/<a id="[a-z0-9_-]+"><\/a>/g, '')
      .replace(/<br>/g, '');
    expect(own).not.toMatch(/(?<!\\)\]\(/); // no other link
    expect(own).not.toMatch(/(?<!\\)</); // no tag, no autolink
    expect(own).not.toMatch(/https?:/i); // no extended autolink
    expect(own).not.toMatch(/(?<!\\)`/); // no code span
  });

  it('gives the same output for the same model, and the table part has a line per row plus two', () => {
    expect(reportMarkdown(englishModel())).toEqual(reportMarkdown(englishModel()));
    const { markdown } = reportMarkdown(bigTableModel(50_000));
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('|'));
    expect(tableLines).toHaveLength(50_002);
    expect(tableLines[0]).toBe('| Customer | Orders | Score |');
    expect(tableLines[1]).toBe('| --- | ---: | ---: |');
    expect(tableLines[50_001]).toBe('| customer 49999 \\| x | 49999 | 9.9 |');
  });

  it('pads short rows to the widest row, and leaves out an empty table', () => {
    const model = bigTableModel(0);
    model.sections[0].blocks = [
      { kind: 'table', header: ['A'], rows: [['1', '2'], []] },
      { kind: 'table', header: [], rows: [] },
    ];
    const { markdown } = reportMarkdown(model);
    expect(markdown).toContain('| A |  |\n| --- | --- |\n| 1 | 2 |\n|  |  |\n');
    expect(markdown.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(4);
  });
});
