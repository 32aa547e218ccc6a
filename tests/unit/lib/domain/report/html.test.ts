// @vitest-environment jsdom
// (jsdom only for its DOMParser, to read the written document as a browser would.)
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../../src/lib/domain/report/html-escape';
import { reportHtml } from '../../../../../src/lib/domain/report/html';
import { BOLD, BREAKOUT, bigTableModel, chineseModel, englishModel, HOSTILE, LINK, PIPES, PNG_SEGMENTS, PNG_VALUE, SCRIPT } from './fixture';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('escapeHtml', () => {
  it('escapes the five characters, and "=", "http:" and "//" so that no text reads as a URL or attribute', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml(BREAKOUT)).toBe('&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(escapeHtml(LINK)).toBe('[link](http&#58;&#47;&#47;evil)');
    expect(escapeHtml('HTTPS://a //b /c/ ///')).toBe('HTTPS&#58;&#47;&#47;a &#47;&#47;b /c/ &#47;&#47;&#47;');
    expect(escapeHtml('客户细分：高价值客户（VIP）')).toBe('客户细分：高价值客户（VIP）');
  });
});

describe('reportHtml', () => {
  const html = reportHtml(englishModel());

  it('is one HTML5 document in the report language, with a strict CSP and inline styles only', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(html.trimEnd().endsWith('</body>\n</html>')).toBe(true);
    const zh = reportHtml(chineseModel());
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;');
    expect(html).not.toContain('Noto Sans CJK SC');
  });

  it('has no script, no event handler, no URL of any origin (scan of the text)', () => {
    for (const doc of [html, reportHtml(chineseModel())]) {
      expect(doc).not.toMatch(/<script/i);
      expect(doc).not.toMatch(/\son\w+\s*=/i);
      expect(doc).not.toMatch(/https?:/i);
      expect(doc).not.toMatch(/url\(|@import|@font-face/i);
      // base64 may hold '//': only data: URLs may carry it.
      expect(doc.replace(/data:image\/png;base64,[A-Za-z0-9+/=]*/g, '')).not.toContain('//');
      // Every tag of the document (text has no '<' left): no on… attribute, src only data:, href only '#'.
      for (const tag of doc.match(/<[^>]*>/g) ?? []) {
        expect(tag).not.toMatch(/\son\w+/i);
        for (const [, value] of tag.matchAll(/\ssrc="([^"]*)"/g)) expect(value.startsWith('data:image/png;base64,')).toBe(true);
        for (const [, value] of tag.matchAll(/\shref="([^"]*)"/g)) expect(value).toMatch(/^#[a-z0-9_-]+$/);
      }
    }
  });

  it('has no script, handler or external reference as a browser reads it either', () => {
    const doc = parse(html);
    expect(doc.querySelectorAll('script, iframe, object, embed, link, base, form').length).toBe(0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on')).toBe(false);
    }
    const images = Array.from(doc.querySelectorAll('img'));
    expect(images.map((img) => img.getAttribute('src'))).toEqual([`data:image/png;base64,${base64(PNG_SEGMENTS)}`, `data:image/png;base64,${base64(PNG_VALUE)}`]);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    );
  });

  it('escapes every hostile text, which a browser shows as written', () => {
    expect(html).toContain('<title>Customer strategy report &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('<p>Name &quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;</p>');
    expect(html).toContain('<p>Plain **bold** and [link](http&#58;&#47;&#47;evil) and &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('<div class="label">Hostile | pipes |</div><div class="value">**bold**</div>');
    expect(html).toContain('<td>&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;</td>');
    expect(html).toContain('<li>&amp;lt;b&amp;gt;</li>');
    const doc = parse(html);
    expect(doc.title).toBe(`Customer strategy report ${SCRIPT}`);
    expect(doc.querySelector('#summary > p')?.textContent).toBe(`Plain ${BOLD} and ${LINK} and ${SCRIPT}`);
    const text = doc.body.textContent ?? '';
    for (const hostile of HOSTILE) expect(text).toContain(hostile);
    expect(doc.querySelector('#summary .card:nth-child(2) .label')?.textContent).toBe(`Hostile ${PIPES}`);
    expect(doc.querySelectorAll('img[src="x"]').length).toBe(0);
  });

  it('has a cover with the contents linking to unique section ids, even for duplicate titles and ids', () => {
    expect(html).toContain(
      '<nav class="toc"><h2>Contents</h2><ol>\n<li><a href="#summary">Summary</a></li>\n<li><a href="#segments">Segments</a></li>\n' +
        '<li><a href="#value">Segments</a></li>\n<li><a href="#value-2">Value again</a></li>\n</ol></nav>',
    );
    const doc = parse(html);
    const ids = Array.from(doc.querySelectorAll('[id]')).map((el) => el.id);
    expect(ids).toEqual(['summary', 'segments', 'value', 'value-2']);
    expect(Array.from(doc.querySelectorAll('.toc a')).map((a) => a.getAttribute('href'))).toEqual(ids.map((id) => `#${id}`));
    expect(Array.from(doc.querySelectorAll('section.section > h2')).map((h) => h.textContent)).toEqual(['Summary', 'Segments', 'Segments', 'Value again']);
    expect(doc.querySelector('header.cover h1')?.textContent).toBe(`Customer strategy report ${SCRIPT}`);
  });

  it('writes notes, figures as cards, tables with a head and numeric cells, charts and lists', () => {
    expect(html).toContain('<section class="section" id="summary">\n<h2>Summary</h2>\n<div class="notes"><p>Data as of 2026-11-30</p><p>n &#61; 1,200 customers<br>masked</p></div>');
    expect(html).toContain(
      '<div class="figures"><div class="card"><div class="label">Customers</div><div class="value">1,200</div><div class="hint">target 1,000</div></div>',
    );
    expect(html).toContain(
      '<table>\n<caption>Segment sizes</caption>\n<thead><tr><th scope="col">Segment</th><th scope="col" class="num">Customers</th><th scope="col" class="num">Share</th></tr></thead>\n<tbody>\n' +
        '<tr><td>a | b</td><td class="num">1,200</td><td class="num">40%</td></tr>\n<tr><td>back\\slash<br>new line</td><td class="num">300</td><td class="num">10%</td></tr>\n',
    );
    expect(html).toContain(
      `<figure class="chart"><figcaption>Sizes</figcaption><img src="data:image/png;base64,${base64(PNG_SEGMENTS)}" alt="Bar chart of segment sizes" width="640" height="320"></figure>`,
    );
    expect(html).toContain(`alt="CLV by segment" width="600" height="300">`);
    expect(html).toContain('<figure class="chart"><figcaption>Trend</figcaption><p class="chart-missing">Chart not available: Line chart</p></figure>');
    expect(html).toContain('<ul><li># not a heading</li><li>- not nested</li><li>1. not ordered</li><li>[link](http&#58;&#47;&#47;evil)</li>');
    expect(reportHtml(chineseModel())).toContain('<p class="chart-missing">图表无法显示：折线图</p>');
    expect(reportHtml(chineseModel())).toContain('<p>客户细分：高价值客户（VIP）占 12%。</p>');
  });

  it('prints: page margins and numbers, a page per section, repeated table heads, rows kept whole', () => {
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(css).toContain('@media print');
    expect(css).toMatch(/@page \{[^}]*margin: /);
    expect(css).toContain('@bottom-center { content: counter(page);');
    expect(css).toContain('.section { margin-top: 0; break-before: page; }');
    expect(css).toContain('thead { display: table-header-group; }');
    expect(css).toContain('tr { break-inside: avoid; }');
    expect(css).toContain('.figures { display: grid;');
  });

  it('is deterministic, and writes a 50,000-row table', () => {
    expect(reportHtml(englishModel())).toBe(html);
    const big = reportHtml(bigTableModel(50_000));
    expect(big.match(/<tr>/g)).toHaveLength(50_001);
    expect(big).toContain('<tr><td>customer 49999 | x</td><td class="num">49999</td><td class="num">9.9</td></tr>\n</tbody></table>');
  });
});
