import { describe, expect, it } from 'vitest';
import { NO_DAY } from '../../../../../src/lib/domain/types';
import {
  ageBand, AGE_BANDS, evaluateRule, validateRule, type Condition, type RuleGroup, type RuleTable,
} from '../../../../../src/lib/domain/segments/rules';

// Customer 2 is unknown in every field that can be unknown.
//      age  gender city        province    channel  signup  orders  net   lastOrderDaysAgo returns
const ROWS: [number, string, string, string, string, number, number, number, number, number][] = [
  [30, 'F', 'Hangzhou', 'Zhejiang', 'web', 100, 3, 250, 10, 0],
  [45, 'M', 'Ningbo', 'Zhejiang', 'store', 200, 1, 80, 200, 20],
  [NaN, '', '', '', '', NO_DAY, 0, 0, NaN, 0],
  [25, 'F', 'Shanghai', 'Shanghai', 'app', 150, 6, 1200, 3, 100],
  [64, 'M', 'Hangzhou', 'Zhejiang', 'web', 50, 2, -30, 400, 130],
  [34, 'F', 'Beijing', 'Beijing', 'store', 300, 1, 40, 90, 0],
];

function table(rows = ROWS): RuleTable {
  return {
    length: rows.length,
    age: Float64Array.from(rows, (r) => r[0]),
    gender: rows.map((r) => r[1]),
    city: rows.map((r) => r[2]),
    province: rows.map((r) => r[3]),
    channel: rows.map((r) => r[4]),
    signupDay: Int32Array.from(rows, (r) => r[5]),
    orders: Int32Array.from(rows, (r) => r[6]),
    netSpend: Float64Array.from(rows, (r) => r[7]),
    lastOrderDaysAgo: Float64Array.from(rows, (r) => r[8]),
    returns: Float64Array.from(rows, (r) => r[9]),
  };
}

/** Member rows of one condition. */
function who(c: Condition, t = table()): number[] {
  const m = evaluateRule({ combine: 'and', conditions: [c] }, t);
  return Array.from(m.keys()).filter((i) => m[i]);
}

describe('conditions on numbers', () => {
  it('applies each operator; between is inclusive', () => {
    expect(who({ field: 'age', op: 'between', value: [25, 34] })).toEqual([0, 3, 5]);
    expect(who({ field: 'age', op: 'gte', value: 45 })).toEqual([1, 4]);
    expect(who({ field: 'age', op: 'lte', value: 30 })).toEqual([0, 3]);
    expect(who({ field: 'age', op: 'eq', value: 64 })).toEqual([4]);
    expect(who({ field: 'age', op: 'in', value: [30, 64, 99] })).toEqual([0, 4]);
    expect(who({ field: 'orders', op: 'gte', value: 2 })).toEqual([0, 3, 4]);
    expect(who({ field: 'orders', op: 'eq', value: 0 })).toEqual([2]); // orders are never unknown
    expect(who({ field: 'netSpend', op: 'lte', value: 0 })).toEqual([2, 4]);
    expect(who({ field: 'returns', op: 'gte', value: 100 })).toEqual([3, 4]);
  });

  it('never matches an unknown number, not even with neq', () => {
    expect(who({ field: 'age', op: 'neq', value: 45 })).toEqual([0, 3, 4, 5]); // 2 (NaN) left out
    expect(who({ field: 'lastOrderDaysAgo', op: 'gte', value: 90 })).toEqual([1, 4, 5]);
    expect(who({ field: 'lastOrderDaysAgo', op: 'neq', value: 10 })).toEqual([1, 3, 4, 5]);
  });

  it('treats NO_DAY as an unknown sign-up day, although it is the smallest Int32', () => {
    expect(who({ field: 'signupDay', op: 'lte', value: 150 })).toEqual([0, 3, 4]);
    expect(who({ field: 'signupDay', op: 'between', value: [100, 200] })).toEqual([0, 1, 3]);
    expect(who({ field: 'signupDay', op: 'neq', value: 100 })).toEqual([1, 3, 4, 5]);
    expect(who({ field: 'signupDay', op: 'eq', value: NO_DAY })).toEqual([]);
    expect(who({ field: 'signupDay', op: 'in', value: [NO_DAY, 50] })).toEqual([4]);
    expect(who({ field: 'signupDay', op: 'gte', value: NO_DAY })).toEqual([0, 1, 3, 4, 5]);
  });
});

describe('conditions on text', () => {
  it('applies eq, neq and in, never matching unknown', () => {
    expect(who({ field: 'gender', op: 'eq', value: 'F' })).toEqual([0, 3, 5]);
    expect(who({ field: 'gender', op: 'neq', value: 'F' })).toEqual([1, 4]); // 2 ('') left out
    expect(who({ field: 'gender', op: 'in', value: ['M', 'X'] })).toEqual([1, 4]);
    expect(who({ field: 'city', op: 'in', value: ['Hangzhou', 'Ningbo'] })).toEqual([0, 1, 4]);
    expect(who({ field: 'province', op: 'eq', value: 'Zhejiang' })).toEqual([0, 1, 4]);
    expect(who({ field: 'channel', op: 'neq', value: 'web' })).toEqual([1, 3, 5]);
  });

  it('sets case, full- / half-width forms and surrounding spaces aside, on both sides', () => {
    expect(who({ field: 'city', op: 'eq', value: 'hangzhou' })).toEqual([0, 4]);
    expect(who({ field: 'city', op: 'eq', value: 'ｓｈａｎｇｈａｉ' })).toEqual([3]); // 'ｓｈａｎｇｈａｉ' equals 'Shanghai'
    expect(who({ field: 'city', op: 'eq', value: '　ＳＨＡＮＧＨＡＩ ' })).toEqual([3]);
    expect(who({ field: 'channel', op: 'in', value: ['WEB', 'ａｐｐ'] })).toEqual([0, 3, 4]);
    expect(who({ field: 'channel', op: 'neq', value: ' Web' })).toEqual([1, 3, 5]);
    // the stored side too
    const t = table([[30, 'F', ' ＨＡＮＧＺＨＯＵ', 'Zhejiang', 'Web ', 1, 1, 1, 1, 0], [30, 'F', 'Hangzhou', 'Zhejiang', 'web', 1, 1, 1, 1, 0]]);
    expect(who({ field: 'city', op: 'eq', value: 'Hangzhou' }, t)).toEqual([0, 1]);
    expect(who({ field: 'channel', op: 'eq', value: 'web' }, t)).toEqual([0, 1]);
  });

  it('contains and starts with find a part of the text: 上海 finds 上海市', () => {
    const t = table([
      [30, 'F', '上海市', '上海', 'web', 1, 1, 1, 1, 0],
      [30, 'F', '上海', '上海', 'web', 1, 1, 1, 1, 0],
      [30, 'F', '大上海', '上海', 'web', 1, 1, 1, 1, 0],
      [30, 'F', '北京市', '北京', 'web', 1, 1, 1, 1, 0],
      [30, 'F', '', '', 'web', 1, 1, 1, 1, 0],
    ]);
    expect(who({ field: 'city', op: 'contains', value: '上海' }, t)).toEqual([0, 1, 2]);
    expect(who({ field: 'city', op: 'startsWith', value: '上海' }, t)).toEqual([0, 1]);
    expect(who({ field: 'city', op: 'eq', value: '上海' }, t)).toEqual([1]); // 'is' stays the whole value
    expect(who({ field: 'city', op: 'contains', value: '市' }, t)).toEqual([0, 3]);
    expect(who({ field: 'city', op: 'startsWith', value: ' 上海 ' }, t)).toEqual([0, 1]); // trimmed
    expect(who({ field: 'city', op: 'contains', value: 'ZHOU' })).toEqual([0, 4]); // Hangzhou, in any case
    expect(who({ field: 'channel', op: 'startsWith', value: 'ST' })).toEqual([1, 5]);
  });

  it('compares gender by its canonical value: M, male and 男 are the same', () => {
    const t = table([
      [30, 'M', 'a', 'a', 'a', 1, 1, 1, 1, 0],
      [30, '男', 'a', 'a', 'a', 1, 1, 1, 1, 0], // stored before import normalised it
      [30, 'F', 'a', 'a', 'a', 1, 1, 1, 1, 0],
      [30, '1', 'a', 'a', 'a', 1, 1, 1, 1, 0],
      [30, '', 'a', 'a', 'a', 1, 1, 1, 1, 0],
    ]);
    for (const male of ['M', 'male', '男', 'Male', 'ｍ']) expect(who({ field: 'gender', op: 'eq', value: male }, t)).toEqual([0, 1]);
    expect(who({ field: 'gender', op: 'neq', value: '女' }, t)).toEqual([0, 1, 3]);
    expect(who({ field: 'gender', op: 'in', value: ['female', '1'] }, t)).toEqual([2, 3]);
  });
});

describe('groups', () => {
  const and = (...conditions: RuleGroup['conditions']): RuleGroup => ({ combine: 'and', conditions });
  const or = (...conditions: RuleGroup['conditions']): RuleGroup => ({ combine: 'or', conditions });
  const members = (g: RuleGroup) => Array.from(evaluateRule(g, table()));

  it('combines with and / or', () => {
    // Zhejiang {0, 1, 4} ∩ orders ≥ 2 {0, 3, 4} = {0, 4}
    expect(members(and({ field: 'province', op: 'eq', value: 'Zhejiang' }, { field: 'orders', op: 'gte', value: 2 })))
      .toEqual([1, 0, 0, 0, 1, 0]);
    // Shanghai {3} ∪ net ≤ 0 {2, 4} = {2, 3, 4}
    expect(members(or({ field: 'city', op: 'eq', value: 'Shanghai' }, { field: 'netSpend', op: 'lte', value: 0 })))
      .toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('nests groups', () => {
    // F {0, 3, 5} ∩ (last ≤ 10 {0, 3} ∪ store {1, 5}) = {0, 3, 5}
    const g = and({ field: 'gender', op: 'eq', value: 'F' },
      or({ field: 'lastOrderDaysAgo', op: 'lte', value: 10 }, { field: 'channel', op: 'eq', value: 'store' }));
    expect(members(g)).toEqual([1, 0, 0, 1, 0, 1]);
    // (age ≥ 45 {1, 4}) ∪ (F ∩ orders = 1) {5} = {1, 4, 5}
    const h = or({ field: 'age', op: 'gte', value: 45 }, and({ field: 'gender', op: 'eq', value: 'F' }, { field: 'orders', op: 'eq', value: 1 }));
    expect(members(h)).toEqual([0, 1, 0, 0, 1, 1]);
  });

  it('matches everyone with an empty and, no one with an empty or', () => {
    expect(members(and())).toEqual([1, 1, 1, 1, 1, 1]);
    expect(members(or())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(members(and({ field: 'orders', op: 'gte', value: 0 }, or()))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(members(or({ field: 'orders', op: 'eq', value: 99 }, and()))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(evaluateRule(and(), table([])).length).toBe(0);
  });

  it('allows five levels of groups, not six', () => {
    const nest = (levels: number): RuleGroup =>
      levels === 1 ? and({ field: 'gender', op: 'eq', value: 'M' }) : and(nest(levels - 1));
    expect(validateRule(nest(5))).toEqual([]);
    expect(members(nest(5))).toEqual([0, 1, 0, 0, 1, 0]);
    expect(validateRule(nest(6))).toEqual([{ code: 'rules.depth', params: { path: '0.0.0.0.0', max: 5 } }]);
    expect(() => evaluateRule(nest(6), table())).toThrow(expect.objectContaining({ code: 'rules.depth' }));
  });
});

describe('validateRule', () => {
  const check = (c: unknown) => validateRule({ combine: 'and', conditions: [c as Condition] });

  it('accepts valid conditions', () => {
    expect(check({ field: 'age', op: 'between', value: [30, 30] })).toEqual([]);
    expect(check({ field: 'city', op: 'in', value: ['A', 'B'] })).toEqual([]);
    expect(check({ field: 'netSpend', op: 'gte', value: -5.5 })).toEqual([]);
  });

  it('names each problem with the path to the item', () => {
    expect(check({ field: 'income', op: 'eq', value: 1 })).toEqual([{ code: 'rules.field.unknown', params: { path: '0', field: 'income' } }]);
    expect(check({ field: 'age', op: 'like', value: 1 })).toEqual([{ code: 'rules.op.unknown', params: { path: '0', op: 'like' } }]);
    expect(check({ field: 'city', op: 'gte', value: 'A' }))
      .toEqual([{ code: 'rules.op.notForText', params: { path: '0', field: 'city', op: 'gte' } }]);
    expect(check({ field: 'age', op: 'eq', value: '30' }))
      .toEqual([{ code: 'rules.value.type', params: { path: '0', field: 'age', op: 'eq', expected: 'number' } }]);
    expect(check({ field: 'age', op: 'gte', value: NaN })[0].params?.expected).toBe('number');
    expect(check({ field: 'gender', op: 'eq', value: 1 })[0].params?.expected).toBe('text');
    expect(check({ field: 'gender', op: 'neq', value: '' })).toEqual([{ code: 'rules.value.blank', params: { path: '0', field: 'gender', op: 'neq' } }]);
    expect(check({ field: 'age', op: 'in', value: 30 })[0].params?.expected).toBe('numberList');
    expect(check({ field: 'age', op: 'in', value: [30, 'x'] })[0].params?.expected).toBe('numberList');
    expect(check({ field: 'city', op: 'in', value: ['A', 2] })[0].params?.expected).toBe('textList');
    expect(check({ field: 'city', op: 'in', value: [] })).toEqual([{ code: 'rules.value.emptyList', params: { path: '0' } }]);
    expect(check({ field: 'age', op: 'between', value: [1, 2, 3] })[0].params?.expected).toBe('range');
    expect(check({ field: 'age', op: 'between', value: 5 })[0].params?.expected).toBe('range');
    expect(check({ field: 'age', op: 'between', value: [40, 30] }))
      .toEqual([{ code: 'rules.between.order', params: { path: '0', min: 40, max: 30 } }]);
    expect(check(null)).toEqual([{ code: 'rules.item.invalid', params: { path: '0' } }]);
  });

  it('accepts contains and starts with on text, and says so clearly for numbers and blank text', () => {
    expect(check({ field: 'city', op: 'contains', value: '上海' })).toEqual([]);
    expect(check({ field: 'channel', op: 'startsWith', value: 'Paid' })).toEqual([]);
    expect(check({ field: 'age', op: 'contains', value: 3 }))
      .toEqual([{ code: 'rules.op.notForNumber', params: { path: '0', field: 'age', op: 'contains' } }]);
    expect(check({ field: 'orders', op: 'startsWith', value: '1' }))
      .toEqual([{ code: 'rules.op.notForNumber', params: { path: '0', field: 'orders', op: 'startsWith' } }]);
    expect(check({ field: 'city', op: 'contains', value: '　 ' }))
      .toEqual([{ code: 'rules.value.blank', params: { path: '0', field: 'city', op: 'contains' } }]);
    expect(check({ field: 'city', op: 'startsWith', value: 5 })[0]).toMatchObject({ code: 'rules.value.type', params: { expected: 'text' } });
    expect(check({ field: 'city', op: 'contains', value: ['上海'] })[0]).toMatchObject({ code: 'rules.value.type', params: { expected: 'text' } });
    expect(check({ field: 'city', op: 'in', value: ['上海', ' '] }))
      .toEqual([{ code: 'rules.value.blank', params: { path: '0', field: 'city', op: 'in' } }]);
  });

  it('checks groups and reports every problem, nested paths included', () => {
    const bad = {
      combine: 'xor',
      conditions: [
        { field: 'age', op: 'gte', value: 18 },
        { combine: 'or', conditions: [{ field: 'orders', op: 'gte', value: 'many' }, { combine: 'and' }] },
      ],
    } as unknown as RuleGroup;
    expect(validateRule(bad)).toEqual([
      { code: 'rules.combine.unknown', params: { path: '', combine: 'xor' } },
      { code: 'rules.value.type', params: { path: '1.0', field: 'orders', op: 'gte', expected: 'number' } },
      { code: 'rules.group.invalid', params: { path: '1.1' } },
    ]);
    expect(validateRule(undefined as unknown as RuleGroup)).toEqual([{ code: 'rules.group.invalid', params: { path: '' } }]);
    expect(() => evaluateRule(bad, table())).toThrow(expect.objectContaining({ code: 'rules.combine.unknown' }));
  });
});

describe('ageBand', () => {
  it('bands ages at 25, 35, 45, 55 and 65', () => {
    const ages = [0, 24.99, 25, 34.99, 35, 44, 45, 54, 55, 64.5, 65, 101];
    expect(ages.map(ageBand)).toEqual(['<25', '<25', '25–34', '25–34', '35–44', '35–44', '45–54', '45–54', '55–64', '55–64', '65+', '65+']);
    expect(AGE_BANDS).toEqual(['<25', '25–34', '35–44', '45–54', '55–64', '65+']);
  });

  it('gives unknown or impossible ages no band', () => {
    expect([NaN, -1, Infinity].map(ageBand)).toEqual(['', '', '']);
  });
});

describe('scale', () => {
  it('evaluates a nested rule on 100,000 customers', () => {
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) => ROWS[i % ROWS.length]);
    const t = table(rows);
    const m = evaluateRule({
      combine: 'and',
      conditions: [
        { field: 'gender', op: 'eq', value: 'F' },
        { combine: 'or', conditions: [{ field: 'lastOrderDaysAgo', op: 'lte', value: 10 }, { field: 'channel', op: 'eq', value: 'store' }] },
      ],
    }, t);
    let count = 0;
    for (let i = 0; i < n; i++) count += m[i];
    // rows 0, 3, 5 of every 6: 16,667 + 16,667 + 16,666 (100,000 = 6 × 16,666 + 4)
    expect(count).toBe(50_000);
  });
});
