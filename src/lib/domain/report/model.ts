/**
 * The strategy report (战略报告, issue 17) as plain data: what the Report page assembles from the
 * pages' own state (every figure already computed and worded in the report's language, masked when
 * masking is on) and what the writers (Markdown, self-contained HTML, the print view) turn into a
 * document. Nothing here computes a figure.
 */

/** One block of a section, in reading order. Text is plain (writers escape it). */
export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  /** Headline figures (KPI cards): label, value as shown, optional hint (target, CI, n). */
  | { kind: 'figures'; items: { label: string; value: string; hint?: string }[] }
  /** A table; `numeric[i]` right-aligns column i. Cells are shown as given. */
  | { kind: 'table'; caption?: string; header: string[]; rows: string[][]; numeric?: boolean[] }
  /** A chart rendered to PNG (null when it could not be rendered: the writers show its alt text). */
  | { kind: 'chart'; title: string; alt: string; png: Uint8Array | null; width: number; height: number }
  | { kind: 'list'; items: string[] };

export interface ReportSection {
  /** Stable id (anchors, file names): 'summary', 'segments', 'value', 'voice', 'strategy', 'playbook', 'alerts', 'actions'. */
  id: string;
  title: string;
  /** What the figures rest on, in words: data date, conventions, sample sizes. */
  notes: string[];
  blocks: ReportBlock[];
}

export interface ReportModel {
  /** The document's title (e.g. "Customer strategy report · Demo company"). */
  title: string;
  /** Lines of the cover under the title: dataset, data date, created, masking and pseudonymisation in words. */
  cover: string[];
  /** 'en' or 'zh': the document's language (html lang, fonts). */
  locale: 'en' | 'zh';
  sections: ReportSection[];
  /** Words the writers need, in the report's language. */
  labels: { contents: string; page: string; chartMissing: string };
}
