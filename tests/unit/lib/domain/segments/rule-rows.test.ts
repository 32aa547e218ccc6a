import { describe, expect, it } from 'vitest';
import { builderOps, restoreRows, ruleFromRows, rowCondition } from '../../../../../src/lib/domain/segments/rule-rows';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import { dayFromCivil } from '../../../../../src/lib/domain/days';

describe('rowCondition', () => {
  it('reads numbers (also full-width), ranges and sign-up dates', () => {
    expect(rowCondition({ field: 'orders', op: 'gte', value: ' ２ ' })).toEqual({ field: 'orders', op: 'gte', value: 2 });
    expect(rowCondition({ field: 'age', op: 'between', value: '18-35' })).toEqual({ field: 'age', op: 'between', value: [18, 35] });
    expect(rowCondition({ field: 'age', op: 'between', value: '18 ~ 35' })).toEqual({ field: 'age', op: 'between', value: [18, 35] });
    expect(rowCondition({ field: 'signupDay', op: 'between', value: '2024-01-01 ~ 2024-06-30' }))
      .toEqual({ field: 'signupDay', op: 'between', value: [dayFromCivil(2024, 1, 1), dayFromCivil(2024, 6, 30)] });
    expect(rowCondition({ field: 'age', op: 'gte', value: 'many' }).value).toBeNaN();
    expect(NO_DAY).not.toBe(rowCondition({ field: 'signupDay', op: 'gte', value: '2024-01-01' }).value);
  });

  it('splits lists at commas (also full-width), 、 and semicolons, and writes gender canonically', () => {
    expect(rowCondition({ field: 'city', op: 'in', value: '上海，北京、 杭州; ,' })).toEqual({ field: 'city', op: 'in', value: ['上海', '北京', '杭州'] });
    expect(rowCondition({ field: 'city', op: 'contains', value: ' 上海 ' })).toEqual({ field: 'city', op: 'contains', value: '上海' });
    expect(rowCondition({ field: 'gender', op: 'eq', value: '男' })).toEqual({ field: 'gender', op: 'eq', value: 'M' });
  });
});

describe('ruleFromRows', () => {
  it('leaves out rows with nothing typed yet, and says which row each condition is', () => {
    const r = ruleFromRows('or', [
      { field: 'city', op: 'eq', value: '' },
      { field: 'city', op: 'startsWith', value: '上海' },
      { field: 'city', op: 'in', value: ' , ' },
      { field: 'orders', op: 'gte', value: '2' },
    ]);
    expect(r.group).toEqual({ combine: 'or', conditions: [{ field: 'city', op: 'startsWith', value: '上海' }, { field: 'orders', op: 'gte', value: 2 }] });
    expect(r.rows).toEqual([1, 3]);
    expect(r.blank).toEqual([0, 2]);
  });
});

describe('builderOps and restoreRows', () => {
  it('offers contains and starts with for text, and picks gender from its values', () => {
    expect(builderOps('city')).toEqual(['eq', 'neq', 'in', 'contains', 'startsWith']);
    expect(builderOps('gender')).toEqual(['eq', 'neq']);
    expect(builderOps('age')).toEqual(['gte', 'lte', 'between', 'eq', 'neq']);
  });

  it('restores saved rows: unknown fields dropped, operators the builder lacks replaced, gender canonical', () => {
    expect(restoreRows([
      { field: 'city', op: 'contains', value: '上海' },
      { field: 'income', op: 'eq', value: '1' },
      { field: 'gender', op: 'in', value: '女' },
      { field: 'age', op: 'gte', value: 30 },
      null as unknown as { field: string; op: string; value: string },
    ])).toEqual([
      { field: 'city', op: 'contains', value: '上海' },
      { field: 'gender', op: 'eq', value: 'F' },
      { field: 'age', op: 'gte', value: '30' },
    ]);
  });
});
