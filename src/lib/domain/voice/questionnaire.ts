/**
 * The SERVQUAL questionnaire as a file to collect answers in: one row per respondent and item
 * (expectation and perception on the 7-point scale), and one row per respondent for the 100
 * importance points split over the five dimensions. The statements themselves are user-facing
 * text and live in the message catalogs (`servqual.item.1` … `servqual.item.22`).
 */
import { toCsv } from '../import/csv-export';
import { SERVQUAL_DIMENSIONS, SERVQUAL_DIMENSION_ZH, servqualDimension, type ServqualDimension } from './servqual';

/** The questionnaire's items, 1–22, each with its dimension. */
export const SERVQUAL_ITEMS: readonly { item: number; dimension: ServqualDimension }[] = Array.from({ length: 22 }, (_, i) => ({
  item: i + 1, dimension: servqualDimension(i + 1),
}));

/** The answers' scale: 1 = strongly disagree … 7 = strongly agree. */
export const SERVQUAL_SCALE = { min: 1, max: 7 } as const;

/** The points a respondent splits over the five dimensions. */
export const SERVQUAL_IMPORTANCE_POINTS = 100;

type TemplateLocale = 'en' | 'zh';

/**
 * Column names of the answer template. The Chinese customer id and date headers are ones the
 * import's header mapping recognises (客户编号, 日期).
 */
export const SERVQUAL_TEMPLATE_HEADER: Record<TemplateLocale, readonly string[]> = {
  en: ['customer_id', 'date', 'item', 'dimension', 'expectation', 'perception'],
  zh: ['客户编号', '日期', '题项', '维度', '期望', '感知'],
};

/** Dimension names for the importance template's columns. */
const DIMENSION_HEADER: Record<TemplateLocale, Record<ServqualDimension, string>> = {
  en: Object.fromEntries(SERVQUAL_DIMENSIONS.map((d) => [d, d])) as Record<ServqualDimension, string>,
  zh: SERVQUAL_DIMENSION_ZH,
};

/**
 * The answer template as CSV (UTF-8 BOM, CRLF): the header, then one row per item 1–22 with its
 * dimension (written as the stable English key in both languages) and empty customer id, date and
 * answers — one copy of the 22 rows per respondent.
 * @example servqualTemplateCsv('en').split('\r\n')[1] // ',,1,tangibles,,'
 */
export function servqualTemplateCsv(locale: TemplateLocale): string {
  return toCsv([...SERVQUAL_TEMPLATE_HEADER[locale]], SERVQUAL_ITEMS.map(({ item, dimension }) => [null, null, item, dimension, null, null]));
}

/**
 * The importance template as CSV: the customer id and one column per dimension, in the
 * questionnaire's order, with one empty row; each respondent's five points add up to 100.
 * @example servqualImportanceTemplateCsv('en').split('\r\n')[0] // '\uFEFFcustomer_id,tangibles,reliability,responsiveness,assurance,empathy'
 */
export function servqualImportanceTemplateCsv(locale: TemplateLocale): string {
  const header = [SERVQUAL_TEMPLATE_HEADER[locale][0], ...SERVQUAL_DIMENSIONS.map((d) => DIMENSION_HEADER[locale][d])];
  return toCsv(header, [header.map(() => null)]);
}
