import { describe, expect, it } from 'vitest';
import {
  SERVQUAL_DIMENSIONS, SERVQUAL_ITEMS, servqualDimension, servqualImportanceTemplateCsv, servqualTemplateCsv,
} from '../../../../../src/lib/domain';
import { mapHeaders } from '../../../../../src/lib/domain/import';

const lines = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1, -2).split('\r\n').map((l) => l.split(','));
};

describe('the SERVQUAL questionnaire', () => {
  it('has the 22 items in order, each in its dimension', () => {
    expect(SERVQUAL_ITEMS.map((i) => i.item)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const { item, dimension } of SERVQUAL_ITEMS) expect(dimension).toBe(servqualDimension(item));
    expect(SERVQUAL_DIMENSIONS.map((d) => SERVQUAL_ITEMS.filter((i) => i.dimension === d).length)).toEqual([4, 5, 4, 4, 5]);
  });
});

describe('servqualTemplateCsv', () => {
  it.each(['en', 'zh'] as const)('has the header and one row per item with empty answers (%s)', (locale) => {
    const [header, ...rows] = lines(servqualTemplateCsv(locale));
    expect(header).toEqual(locale === 'en'
      ? ['customer_id', 'date', 'item', 'dimension', 'expectation', 'perception']
      : ['客户编号', '日期', '题项', '维度', '期望', '感知']);
    expect(rows).toHaveLength(22);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(6);
      const [id, date, item, dimension, e, p] = row;
      expect(Number(item)).toBe(i + 1);
      expect(dimension).toBe(servqualDimension(Number(item)));
      expect([id, date, e, p]).toEqual(['', '', '', '']);
    });
  });

  it('names the customer id and date so that the import maps them, in both languages', () => {
    for (const locale of ['en', 'zh'] as const) {
      const [header] = lines(servqualTemplateCsv(locale));
      const mapping = mapHeaders(header, 'surveys');
      expect(mapping.customerId, locale).toBe(0);
      expect(mapping.date, locale).toBe(1);
    }
  });
});

describe('servqualImportanceTemplateCsv', () => {
  it('has the customer id and the five dimensions in the questionnaire’s order', () => {
    expect(lines(servqualImportanceTemplateCsv('en'))).toEqual([
      ['customer_id', 'tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'],
      ['', '', '', '', '', ''],
    ]);
    expect(lines(servqualImportanceTemplateCsv('zh'))[0]).toEqual(['客户编号', '有形性', '可靠性', '响应性', '保证性', '同理心']);
  });
});
