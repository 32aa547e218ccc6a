// Customers grouped by an attribute (channel, city, province) for the Voice page: the 15 most
// common values are groups, the rest "all other values", customers without a value or not yet
// customers on the analysis day in none; NPS by channel counted by hand.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { OTHER_VALUES } from '../../../../workers/segments/api';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, textFile } from '../../import-helpers';

describe('attribute groupings', () => {
  it('keep the 15 most common values, put the rest together, and leave out customers without one', async () => {
    const db = openDatabase('attribute-groups');
    const engine = createEngine(db);
    // 17 cities: city k has 18 − k customers (k = 1 … 17), so cities 16 (2 customers) and 17 (1) are the rest; one customer has no city
    const customers = ['customer_id,city,channel'];
    const orders = ['customer_id,order_date,amount'];
    let n = 0;
    for (let k = 1; k <= 17; k++) for (let j = 0; j < 18 - k; j++) {
      n++;
      customers.push(`C${n},City${String(k).padStart(2, '0')},${n % 2 ? 'store' : 'online'}`);
      orders.push(`C${n},2024-01-${String(1 + (n % 28)).padStart(2, '0')},10`);
    }
    customers.push('C0,,store');
    orders.push('C0,2024-01-02,10');
    const first = await importOne(engine, textFile('orders.csv', orders.join('\n')));
    await importOne(engine, textFile('customers.csv', customers.join('\n')), { datasetId: first.datasetId });
    const id = first.datasetId;
    await engine.load('l', id);
    const { groups, handle } = await engine.attributeGroups(id, 'city');
    expect(groups).toHaveLength(16);
    expect(groups[0]).toEqual({ key: 'City01', size: 17 });
    expect(groups.find((g) => g.key === OTHER_VALUES)).toEqual({ key: OTHER_VALUES, size: 3 });
    expect(groups.reduce((s, g) => s + g.size, 0)).toBe(n); // C0 has no city
    expect(handle.definition).toEqual({ kind: 'attribute', field: 'city', analysisDay: undefined });
    await expect(engine.attributeGroups(id, 'name' as never)).rejects.toMatchObject({ code: 'grouping.invalid' });
    db.close();
  });

  it('give the Voice page NPS by acquisition channel', async () => {
    const db = openDatabase('attribute-voice');
    const engine = createEngine(db);
    const orders = ['customer_id,order_date,amount', 'A,2024-01-01,10', 'B,2024-01-02,10', 'C,2024-01-03,10', 'D,2024-01-04,10'];
    const customers = ['customer_id,channel', 'A,store', 'B,store', 'C,online', 'D,online'];
    // store: 10 and 9 (2 promoters of 2) → NPS 100; online: 3 and 8 (1 detractor, 1 passive of 2) → NPS −50
    const surveys = ['customer_id,nps', 'A,10', 'B,9', 'C,3', 'D,8'];
    const first = await importOne(engine, textFile('orders.csv', orders.join('\n')));
    const id = first.datasetId;
    await importOne(engine, textFile('customers.csv', customers.join('\n')), { datasetId: id });
    await importOne(engine, textFile('surveys.csv', surveys.join('\n')), { datasetId: id });
    await engine.load('l', id);
    const { handle } = await engine.attributeGroups(id, 'channel');
    const voice = await engine.voice('v', id, { grouping: handle });
    expect(voice.grouping.kind).toBe('attribute');
    const nps = Object.fromEntries(voice.groups.map((g) => [g.key, g.nps.nps]));
    expect(nps).toEqual({ online: -50, store: 100 });
    db.close();
  });
});
