/**
 * The files of the voice of the customer (issue 14): feedback and complaints, SERVQUAL answers and
 * importance points, and the referrer of a customers file. Each is recognised from its headers in
 * both languages and converted with the same all-or-nothing rules: a bad value is rejected with
 * its reason and the rest of the file is kept. Expected values are read off the rows by hand.
 */
import { describe, expect, it } from 'vitest';
import { guessKind, mapHeaders, missingFields, RowConverter, type ImportKind } from '../../../../../src/lib/domain/import';
import { NO_DAY, type CustomerColumns, type ImportanceColumns, type InteractionColumns, type ServqualColumns } from '../../../../../src/lib/domain';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

function convert<T>(kind: ImportKind, header: string[], rows: string[][], idPrefix?: string) {
  const mapping = mapHeaders(header, kind);
  const c = new RowConverter({ kind, mapping, columnNames: header, dateOrder: 'ymd', dropDuplicates: false, idPrefix });
  rows.forEach((r, i) => c.accept(r, i + 2));
  return { c, out: c.take() as T, mapping };
}

describe('recognising the voice files from their headers', () => {
  it('tells feedback, SERVQUAL answers, importance points and referrers apart, in both languages', () => {
    expect(guessKind(['客户编号', '日期', '类型', '渠道', '主题', '严重程度', '状态', '解决日期', '内容'])).toBe('interactions');
    expect(guessKind(['ticket_id', 'customer_id', 'opened_at', 'subject', 'priority', 'status', 'closed_at', 'description'])).toBe('interactions');
    expect(guessKind(['客户编号', '日期', '题项', '维度', '期望', '感知'])).toBe('servqual');
    expect(guessKind(['customer_id', 'date', 'item', 'dimension', 'expectation', 'perception'])).toBe('servqual');
    expect(guessKind(['客户编号', '有形性', '可靠性', '响应性', '保证性', '同理心'])).toBe('importance');
    expect(guessKind(['customer_id', 'tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'])).toBe('importance');
    // a customer list with a referrer stays a customer list
    expect(guessKind(['会员编号', '姓名', '推荐人'])).toBe('customers');
    expect(mapHeaders(['会员编号', '姓名', '推荐人'], 'customers').referredBy).toBe(2);
    expect(mapHeaders(['customer_id', 'name', 'referred_by'], 'customers').referredBy).toBe(2);
    // orders and surveys are still what they were
    expect(guessKind(['客户编号', '下单日期', '实付金额', '状态'])).toBe('orders');
    expect(guessKind(['客户编号', '调查日期', 'NPS'])).toBe('surveys');
  });

  it('maps every column of the templates the questionnaire downloads (servqualTemplateCsv headers)', () => {
    expect(mapHeaders(['customer_id', 'date', 'item', 'dimension', 'expectation', 'perception'], 'servqual'))
      .toEqual({ customerId: 0, date: 1, item: 2, dimension: 3, expectation: 4, perception: 5 });
    expect(mapHeaders(['客户编号', '日期', '题项', '维度', '期望', '感知'], 'servqual'))
      .toEqual({ customerId: 0, date: 1, item: 2, dimension: 3, expectation: 4, perception: 5 });
  });

  it('needs an item or a dimension, an expectation and a perception for SERVQUAL; a date for feedback', () => {
    expect(missingFields('servqual', { customerId: 0, date: null, item: null, dimension: 1, expectation: 2, perception: 3 })).toEqual([]);
    expect(missingFields('servqual', { customerId: 0, date: null, item: null, dimension: null, expectation: 2, perception: 3 })).toEqual(['item']);
    expect(missingFields('interactions', mapHeaders(['客户编号', '类型'], 'interactions'))).toEqual(['date']);
  });
});

describe('feedback and complaints rows', () => {
  const header = ['工单号', '客户编号', '日期', '类型', '渠道', '主题', '严重程度', '状态', '解决日期', '内容'];

  it('reads type, severity and status words in both languages, and the resolved day', () => {
    const { c, out } = convert<InteractionColumns>('interactions', header, [
      ['T-1', 'C1', '2024-03-01', '投诉', '电话', '物流', '高', '已解决', '2024-03-03', '快递三天还没到'],
      ['T-2', 'C2', '2024-03-02', 'Inquiry', 'chat', '', 'low', 'open', '', 'Where is my parcel?'],
      ['T-3', 'C1', '2024-03-05', '建议', '', '', '', '', '2024-03-05', ''],
      ['T-4', 'C3', '2024-03-06', 'praise', 'store', 'Staff', '2', '处理中', '', ''],
    ]);
    expect(c.stats).toMatchObject({ rows: 4, accepted: 4, rejected: 0, customers: 3 });
    expect(out.id).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
    expect(out.kind).toEqual(['complaint', 'inquiry', 'suggestion', 'praise']);
    expect(Array.from(out.severity)).toEqual([3, 1, 0, 2]);
    // T-3 has no status but a resolved date: resolved
    expect(Array.from(out.resolved)).toEqual([1, 0, 1, 0]);
    expect(Array.from(out.resolvedDay)).toEqual([day(2024, 3, 3), NO_DAY, day(2024, 3, 5), NO_DAY]);
    expect(out.channel).toEqual(['电话', 'chat', '', 'store']);
    expect(out.topic).toEqual(['物流', '', '', 'Staff']);
    expect(out.text).toEqual(['快递三天还没到', 'Where is my parcel?', '', '']);
  });

  it('rejects an unknown type, a severity it cannot read and a resolved date before the entry, keeping the other rows', () => {
    const { c, out } = convert<InteractionColumns>('interactions', header, [
      ['T-1', 'C1', '2024-03-01', 'complaint', '', '', '', '', '', ''],
      ['T-2', 'C1', '2024-03-01', 'gossip', '', '', '', '', '', ''],
      ['T-3', 'C1', '2024-03-01', 'complaint', '', '', 'extreme', '', '', ''],
      ['T-4', 'C1', '2024-03-10', 'complaint', '', '', '', '', '2024-03-09', ''],
      ['T-5', 'C1', '2024-03-10', 'complaint', '', '', '', 'maybe', '', ''],
      ['T-6', '', '2024-03-10', 'complaint', '', '', '', '', '', ''],
      ['T-7', 'C1', 'not a date', 'complaint', '', '', '', '', '', ''],
      ['T-8', 'C1', '2024-03-10', '', '', '', '', '', '', ''],
    ]);
    expect(out.id).toEqual(['T-1']);
    expect(c.stats.rejectedBy).toEqual({ badValue: 4, resolvedBefore: 1, missingId: 1, badDate: 1 });
    expect(c.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, '类型', 'badValue'], [4, '严重程度', 'badValue'], [5, '解决日期', 'resolvedBefore'], [6, '状态', 'badValue'],
      [7, '客户编号', 'missingId'], [8, '日期', 'badDate'], [9, '类型', 'badValue'],
    ]);
  });

  it('makes an entry id from the prefix and the line when the file has no ticket number; a file without type is complaints', () => {
    const { out } = convert<InteractionColumns>('interactions', ['customer_id', 'date', 'description'], [
      ['C1', '2024-03-01', 'rude staff'], ['C2', '2024-03-02', 'late'],
    ], 'b_1-2-');
    expect(out.id).toEqual(['b_1-2-2', 'b_1-2-3']);
    expect(out.kind).toEqual(['complaint', 'complaint']);
    expect(Array.from(out.resolved)).toEqual([0, 0]);
  });

  it('cuts a huge text to 4,000 characters and keeps the row', () => {
    const { c, out } = convert<InteractionColumns>('interactions', ['customer_id', 'date', 'text'], [['C1', '2024-03-01', '投'.repeat(1_000_000)]]);
    expect(c.stats.accepted).toBe(1);
    expect(out.text[0]).toHaveLength(4000);
  });
});

describe('SERVQUAL answers', () => {
  it('reads item-level and dimension-level answers; the item gives the dimension (items 10–13 responsiveness)', () => {
    const { c, out } = convert<ServqualColumns>('servqual', ['客户编号', '日期', '题项', '维度', '期望', '感知'], [
      ['C1', '2024-05-01', '1', 'tangibles', '7', '5'],
      ['C1', '2024-05-01', '11', '', '6', '4'],
      ['C2', '', '', '响应性', '6', '3'],
      ['C2', '', '', '5', '5', '5'],
    ]);
    expect(c.stats).toMatchObject({ accepted: 4, rejected: 0, customers: 2 });
    expect(Array.from(out.item)).toEqual([1, 11, 0, 0]);
    // 0 tangibles, 2 responsiveness, 4 empathy (the fifth dimension by number)
    expect(Array.from(out.dimension)).toEqual([0, 2, 2, 4]);
    expect(Array.from(out.expectation)).toEqual([7, 6, 6, 5]);
    expect(Array.from(out.perception)).toEqual([5, 4, 3, 5]);
    expect(Array.from(out.day)).toEqual([day(2024, 5, 1), day(2024, 5, 1), NO_DAY, NO_DAY]);
  });

  it('rejects SERVQUAL 9, item 23, an unknown dimension, an item of another dimension and a missing perception', () => {
    const { c, out } = convert<ServqualColumns>('servqual', ['customer_id', 'item', 'dimension', 'expectation', 'perception'], [
      ['C1', '3', '', '9', '5'],
      ['C1', '23', '', '5', '5'],
      ['C1', '', 'friendliness', '5', '5'],
      ['C1', '2', 'empathy', '5', '5'],
      ['C1', '4', '', '5', ''],
      ['C1', '', '', '5', '5'],
      ['C1', '4', 'tangibles', '6.5', '5'],
      ['C1', '4', 'tangibles', '6', '5'],
    ]);
    expect(c.stats.accepted).toBe(1);
    expect(Array.from(out.item)).toEqual([4]);
    expect(c.rejects.map((r) => [r.column, r.reason])).toEqual([
      ['expectation', 'outOfRange'], ['item', 'outOfRange'], ['dimension', 'badValue'], ['dimension', 'badValue'],
      ['perception', 'outOfRange'], ['item', 'badValue'], ['expectation', 'outOfRange'],
    ]);
  });
});

describe('importance points', () => {
  it('reads the five dimensions\' points; empty is 0; negative, over 100 or all zero is rejected', () => {
    const { c, out } = convert<ImportanceColumns>('importance', ['客户编号', '有形性', '可靠性', '响应性', '保证性', '同理心'], [
      ['C1', '10', '30', '25', '20', '15'],
      ['C2', '', '50', '50', '', ''],
      ['C3', '-5', '50', '55', '0', '0'],
      ['C4', '0', '0', '0', '0', '0'],
      ['C5', '0', '120', '0', '0', '0'],
    ]);
    expect(out.customerId).toEqual(['C1', 'C2']);
    expect(Array.from(out.reliability)).toEqual([30, 50]);
    expect(Array.from(out.tangibles)).toEqual([10, 0]);
    expect(c.stats.rejectedBy).toEqual({ outOfRange: 3 });
  });
});

describe('the referrer of a customers file', () => {
  it('is kept as an id, normalised like customer ids (blank when none)', () => {
    const { out } = convert<CustomerColumns>('customers', ['会员编号', '姓名', '推荐人'], [['C1', '张三', ''], ['C2', '李四', ' C1 ']]);
    expect(out.referredBy).toEqual(['', 'C1']);
  });
});
