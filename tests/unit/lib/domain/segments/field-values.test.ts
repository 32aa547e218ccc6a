import { describe, expect, it } from 'vitest';
import { countFieldValues, filterValues } from '../../../../../src/lib/domain/segments/field-values';

describe('countFieldValues', () => {
  it('counts customers per value, most common first, blanks left out', () => {
    const r = countFieldValues('city', ['上海市', '北京', '上海市', '', '杭州', '北京', '上海市', '  ']);
    expect(r.values).toEqual([{ value: '上海市', count: 3 }, { value: '北京', count: 2 }, { value: '杭州', count: 1 }]);
    expect(r).toMatchObject({ field: 'city', distinct: 3, known: 6 });
  });

  it('counts spellings that a rule treats as the same as one value, shown as the most common spelling', () => {
    const r = countFieldValues('city', ['Shanghai', 'ｓｈａｎｇｈａｉ', 'Shanghai ', 'SHANGHAI', 'Shanghai', 'Beijing']);
    expect(r.values).toEqual([{ value: 'Shanghai', count: 5 }, { value: 'Beijing', count: 1 }]);
  });

  it('shows gender by its canonical value', () => {
    const r = countFieldValues('gender', ['M', '男', 'F', 'female', 'M', '1', '']);
    expect(r.values).toEqual([{ value: 'M', count: 3 }, { value: 'F', count: 2 }, { value: '1', count: 1 }]);
  });

  it('breaks ties by the value, and cuts the list at the limit while saying how many there are', () => {
    const r = countFieldValues('channel', ['b', 'a', 'c', 'a', 'b', 'd'], 2);
    expect(r.values).toEqual([{ value: 'a', count: 2 }, { value: 'b', count: 2 }]);
    expect(r).toMatchObject({ distinct: 4, known: 6 });
    expect(countFieldValues('channel', ['a'], 0).values).toHaveLength(1); // at least one
    expect(countFieldValues('channel', [], 5)).toEqual({ field: 'channel', values: [], distinct: 0, known: 0 });
  });
});

describe('filterValues', () => {
  const values = [{ value: '大上海' }, { value: '北京市' }, { value: '上海市' }, { value: 'Shanghai' }];
  const text = (v: { value: string }) => v.value;

  it('keeps values containing what is typed, those starting with it first', () => {
    expect(filterValues(values, '上海', text).map(text)).toEqual(['上海市', '大上海']);
    expect(filterValues(values, 'ＳＨＡＮＧ', text).map(text)).toEqual(['Shanghai']);
    expect(filterValues(values, '市', text).map(text)).toEqual(['北京市', '上海市']);
    expect(filterValues(values, '  ', text)).toEqual(values);
    expect(filterValues(values, '广州', text)).toEqual([]);
  });
});
