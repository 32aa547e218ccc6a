/**
 * The report's stylesheet, inline in the HTML document: screen and print (A4 and Letter).
 * Nothing in it comes from the model, so nothing here needs escaping.
 */

const FONTS = {
  en: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  zh: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
} as const;

/**
 * The CSS of a report in a language (its font stack).
 * @param locale the report's language
 * @returns the stylesheet's text
 * @example
 * reportCss('zh'); // ':root { … font-family: "Noto Sans CJK SC", … }'
 */
export function reportCss(locale: 'en' | 'zh'): string {
  const fonts = locale === 'zh' ? FONTS.zh : FONTS.en;
  return `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; }
* { box-sizing: border-box; }
html { font-family: ${fonts}; color: var(--ink); background: #fff; line-height: 1.55; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; font-size: 15px; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; line-height: 1.3; margin: 0 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); break-after: avoid; }
p { margin: 0 0 0.75rem; }
a { color: inherit; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; }
.cover p { color: var(--muted); font-size: 1.05rem; margin: 0 0 0.35rem; }
.toc { margin: 2rem 0 0; }
.toc ol { padding-left: 1.5rem; }
.toc li { margin: 0.2rem 0; }
.section { margin-top: 3rem; }
.notes { margin: 0 0 1rem; padding: 0.5rem 0.9rem; border-left: 3px solid var(--line); color: var(--muted); font-size: 0.92rem; font-style: italic; }
.notes p { margin: 0.2rem 0; }
:lang(zh) .notes { font-style: normal; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; margin: 0 0 1rem; }
.card { border: 1px solid var(--line); border-radius: 6px; background: var(--card); padding: 0.6rem 0.8rem; break-inside: avoid; }
.card .label { color: var(--muted); font-size: 0.85rem; }
.card .value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .hint { color: var(--muted); font-size: 0.8rem; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: 0.88rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.35rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--card); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 0 0 1rem; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-weight: 600; margin: 0 0 0.35rem; }
.chart-missing { font-style: italic; color: var(--muted); border: 1px dashed var(--line); padding: 1rem; }
ul { padding-left: 1.5rem; }
@media print {
  /* A4 (210 x 297 mm) and Letter (8.5 x 11 in) alike: the user's paper size, margins that fit both.
     Page numbers: @bottom-center below, where @page margin boxes are supported (Chromium 131 and
     later print it: seen with Chromium 150, page.pdf() with or without displayHeaderFooter). An
     older Chromium prints page numbers only through its own header and footer (print dialog
     "Headers and footers", or page.pdf({ displayHeaderFooter: true, footerTemplate })): the bottom
     margin leaves room for that footer, and nothing else is needed in this document. A newer one
     draws both, so a footerTemplate with the page number shows it twice there. */
  @page { size: auto; margin: 16mm 15mm 18mm; @bottom-center { content: counter(page); font-size: 9pt; color: #59636e; } }
  @page :first { @bottom-center { content: none; } }
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .cover { min-height: 0; padding-top: 25mm; }
  .section { margin-top: 0; break-before: page; }
  a { text-decoration: none; }
  .figures { grid-template-columns: repeat(3, 1fr); }
  table { font-size: 8.5pt; }
  img { max-height: 230mm; object-fit: contain; }
}
`;
}
