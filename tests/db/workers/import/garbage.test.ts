// 1,000,000 rows with 5% garbage: every good row in, every bad row out with its reason.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, textFile } from '../../import-helpers';

const ROWS = 1_000_000;
// Every 20th row is broken, in turn: no id, bad date, bad amount, wrong column count, "NA" id.
const BROKEN = ['missingId', 'badDate', 'badAmount', 'columnCount', 'missingId'] as const;

function csv(): string {
  const parts: string[] = ['customer_id,order_id,order_date,amount,quantity\n'];
  for (let i = 0; i < ROWS; i++) {
    const id = `C${String(i % 100_000).padStart(6, '0')}`;
    const day = `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i % 20 === 19) {
      const kind = BROKEN[Math.floor(i / 20) % BROKEN.length];
      if (kind === 'missingId') parts.push(`${i % 40 === 39 ? 'NA' : ''},O${i},${day},10.00,1\n`);
      else if (kind === 'badDate') parts.push(`${id},O${i},2023-02-30,10.00,1\n`);
      else if (kind === 'badAmount') parts.push(`${id},O${i},${day},ten,1\n`);
      else parts.push(`${id},O${i},${day}\n`);
    } else {
      parts.push(`${id},O${i},${day},${(i % 500) + 0.25},1\n`);
    }
  }
  return parts.join('');
}

describe('garbage rows', () => {
  it('imports 950,000 good rows and rejects 50,000 bad ones with reasons', async () => {
    const db = openDatabase('garbage');
    const engine = createEngine(db);
    const result = await importOne(engine, textFile('garbage.csv', csv()));
    const [f] = result.files;
    expect(f.stats.rows).toBe(ROWS);
    expect(f.stats.accepted).toBe(950_000);
    expect(f.stats.rejected).toBe(50_000);
    const reasons: Record<string, number> = {};
    for (const r of f.rejects) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
    expect(reasons).toEqual({ missingId: 20_000, badDate: 10_000, badAmount: 10_000, columnCount: 10_000 });
    // row i is on line i + 2 (after the header); the first broken row is i = 19
    expect(f.rejects[0]).toMatchObject({ line: 21, column: 'customer_id', value: '', reason: 'missingId' });
    // the whole row, to fix and import again
    expect(f.rejects[0].row).toHaveLength(f.columnNames.length);
    expect(f.stats.rejectedBy).toEqual(reasons);
    expect(f.rejects[1]).toMatchObject({ line: 41, column: 'order_date', value: '2023-02-30', reason: 'badDate' });
    expect((await db.datasets.get(result.datasetId))?.counts.orders).toBe(950_000);
    db.close();
  });
});
