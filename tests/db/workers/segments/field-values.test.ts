// The rule builder's pick-lists from the engine: the values a text field holds, with counts, as
// rules compare them; and rules that find what the data holds (contains, case and width, gender).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import type { ImportSettings } from '../../../../workers/api';
import { settingsOf, textFile } from '../../import-helpers';
import { RULE_VALUES_CUSTOMERS_CSV, RULE_VALUES_ORDERS_CSV } from '../../fixtures/rule-values';

let n = 0;

async function loaded(customers: Partial<ImportSettings> = {}) {
  const db = openDatabase(`field-values-${++n}`);
  const engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['orders.csv', RULE_VALUES_ORDERS_CSV], ['customers.csv', RULE_VALUES_CUSTOMERS_CSV]]) {
    const file = textFile(name, text);
    files.push({ file, settings: { ...settingsOf(await engine.preview(file)), ...(name === 'customers.csv' ? customers : {}) } });
  }
  const { datasetId, committed } = await engine.importFiles(`field-values-${n}`, files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(committed).toBe(true);
  await engine.load('l', datasetId);
  return { db, engine, datasetId };
}

describe('fieldValues', () => {
  it('lists the values of a text field with the number of customers, most common first', async () => {
    const { db, engine, datasetId } = await loaded();
    const city = await engine.fieldValues(datasetId, 'city');
    expect(city.values).toEqual([
      { value: '上海市', count: 3 }, // '上海市 ' counted with it
      { value: 'SHANGHAI', count: 2 }, // ｓｈａｎｇｈａｉ and SHANGHAI are one value (a tie: shown in code-unit order)
      { value: '上海', count: 1 },
      { value: '北京', count: 1 },
    ]);
    expect(city).toMatchObject({ field: 'city', distinct: 4, known: 7 }); // h has no customers row
    const channel = await engine.fieldValues(datasetId, 'channel');
    expect(channel.values).toEqual([{ value: '门店', count: 4 }, { value: 'Store', count: 2 }, { value: '直播电商', count: 1 }]);
    expect((await engine.fieldValues(datasetId, 'city', { limit: 2 })).values.map((v) => v.value)).toEqual(['上海市', 'SHANGHAI']);
    db.close();
  });

  it('lists gender by its canonical values, normalised at import; codes it cannot read stay', async () => {
    const { db, engine, datasetId } = await loaded();
    const gender = await engine.fieldValues(datasetId, 'gender');
    expect(gender.values).toEqual([{ value: 'F', count: 3 }, { value: 'M', count: 3 }, { value: '1', count: 1 }]);
    const page = await engine.customers(datasetId, { sortBy: 'id' });
    expect(page.rows.map((r) => r.gender)).toEqual(['M', 'F', 'M', 'F', 'M', 'F', '1', '']);
    db.close();
  });

  it('reads 1 and 2 as the user declared them at import (1 = male, 2 = female here), and only then', async () => {
    const { db, engine, datasetId } = await loaded({ genderCoding: '1M2F' });
    const page = await engine.customers(datasetId, { sortBy: 'id' });
    // g's 1 is now male; the words are read as before
    expect(page.rows.map((r) => r.gender)).toEqual(['M', 'F', 'M', 'F', 'M', 'F', 'M', '']);
    db.close();
    const reversed = await loaded({ genderCoding: '1F2M' });
    expect((await reversed.engine.customers(reversed.datasetId, { sortBy: 'id' })).rows[6].gender).toBe('F');
    reversed.db.close();
  });

  it('refuses fields that hold numbers', async () => {
    const { db, engine, datasetId } = await loaded();
    await expect(engine.fieldValues(datasetId, 'age')).rejects.toEqual({ code: 'rules.values.notText', params: { field: 'age' } });
    db.close();
  });
});

describe('rules find what the data holds', () => {
  it('上海 finds 上海市 with contains and starts with; case and width do not matter; 男 is M', async () => {
    const { db, engine, datasetId } = await loaded();
    const size = async (field: string, op: string, value: string | string[]) =>
      (await engine.rule(datasetId, { combine: 'and', conditions: [{ field, op, value } as never] })).size;
    expect(await size('city', 'eq', '上海')).toBe(1);
    expect(await size('city', 'contains', '上海')).toBe(4);
    expect(await size('city', 'startsWith', '上海')).toBe(4);
    expect(await size('city', 'eq', 'shanghai')).toBe(2);
    expect(await size('city', 'eq', '上海市')).toBe(3);
    expect(await size('channel', 'in', ['STORE', '直播电商'])).toBe(3);
    expect(await size('gender', 'eq', '男')).toBe(3);
    expect(await size('gender', 'eq', 'male')).toBe(3);
    expect(await size('gender', 'neq', 'F')).toBe(4); // M ×3 and '1'; blank h is unknown
    db.close();
  });
});
