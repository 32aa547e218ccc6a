// An import is all or nothing, and bad files get a clear message.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createEngine } from '../../../../workers/engine';
import { beginBatch, openDatabase, writeTable } from '../../../../src/lib/db';
import { generateSyntheticOrders } from '../../../../src/lib/domain/demo';
import { importOne, settingsOf, textFile } from '../../import-helpers';

let n = 0;
async function withDemo() {
  const db = openDatabase(`safety-${++n}`);
  const engine = createEngine(db);
  const id = await engine.createDemo('demo', { locale: 'en' });
  const before = {
    row: await db.datasets.get(id),
    batches: await db.batches.toArray(),
    chunks: await db.chunks.count(),
  };
  const unchanged = async () => {
    expect(await db.datasets.get(id)).toEqual(before.row);
    expect(await db.batches.toArray()).toEqual(before.batches);
    expect(await db.chunks.count()).toBe(before.chunks);
  };
  return { db, engine, id, unchanged };
}

/** A valid orders CSV of `rows` rows (customer_id,order_id,order_date,amount). */
function ordersCsv(rows: number): string {
  const lines = ['customer_id,order_id,order_date,amount'];
  for (let i = 0; i < rows; i++) lines.push(`C${i % 5000},O${i},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
  return lines.join('\n') + '\n';
}

describe('atomic import', () => {
  it('changes nothing when the file turns out broken after chunks were written', async () => {
    const { db, engine, id, unchanged } = await withDemo();
    const file = textFile('broken.csv', ordersCsv(200_000) + 'C1,O-last,2024-01-01,"12\n');
    const preview = await engine.preview(file);
    expect(preview.problems).toEqual([]); // the break is past the preview
    await expect(
      engine.importFiles('broken', [{ file, settings: settingsOf(preview) }], { datasetId: id }),
    ).rejects.toMatchObject({ code: 'import.unbalancedQuotes', params: { line: 200_002 } });
    await unchanged();
    db.close();
  });

  it('changes nothing when cancelled mid-way', async () => {
    const { db, engine, id, unchanged } = await withDemo();
    const file = textFile('big.csv', ordersCsv(400_000));
    const preview = await engine.preview(file);
    let asked = false;
    await expect(
      engine.importFiles('cancel-me', [{ file, settings: settingsOf(preview) }], { datasetId: id }, (p) => {
        if (!asked && p.done > 0) {
          asked = true;
          engine.cancel('cancel-me');
        }
      }),
    ).rejects.toEqual({ code: 'job.cancelled' });
    await unchanged();
    db.close();
  });

  it('adds to the current dataset in one commit, and a new dataset appears only when committed', async () => {
    const { db, engine, id } = await withDemo();
    const countBefore = (await db.datasets.get(id))!.counts.orders;
    const result = await importOne(engine, textFile('more.csv', ordersCsv(1000)), { datasetId: id });
    expect(result.committed).toBe(true);
    expect((await db.datasets.get(id))!.counts.orders).toBe(countBefore + 1000);
    expect(await db.datasets.count()).toBe(1);
    db.close();
  });

  it('removes the leftovers of an interrupted import at the next start', async () => {
    const { db, engine, unchanged } = await withDemo();
    const batch = await beginBatch(db, 'half-written', 'tab closed');
    await writeTable(db, batch, 'orders', generateSyntheticOrders({ orders: 70_000, customers: 100 }));
    expect(await engine.start()).toEqual({ swept: 1 });
    await unchanged();
    db.close();
  });

  it('stores nothing when no row can be imported, and still reports why', async () => {
    const { db, engine, unchanged } = await withDemo();
    const result = await importOne(engine, textFile('na.csv', 'customer_id,order_date,amount\nNA,2024-01-01,5\n,2024-01-02,6\n'));
    expect(result.committed).toBe(false);
    expect(result.files[0].stats.rejected).toBe(2);
    expect(result.files[0].rejects.map((r) => r.reason)).toEqual(['missingId', 'missingId']);
    await unchanged();
    db.close();
  });
});

describe('atomic import with the options against doubling', () => {
  /** The demo with one import of `file` into it (so it has an earlier import to replace), and a snapshot of the state. */
  async function withImport(file: File) {
    const demo = await withDemo();
    const { db, engine, id } = demo;
    const first = await importOne(engine, file, { datasetId: id });
    expect(first.committed).toBe(true);
    const before = { row: await db.datasets.get(id), batches: await db.batches.toArray(), chunks: await db.chunks.count() };
    const unchanged = async () => {
      expect(await db.datasets.get(id)).toEqual(before.row);
      expect(await db.batches.toArray()).toEqual(before.batches);
      expect(await db.chunks.count()).toBe(before.chunks);
    };
    return { ...demo, unchanged };
  }

  it('changes nothing when an import replacing an earlier one is cancelled mid-way', async () => {
    const file = textFile('big.csv', ordersCsv(150_000));
    const { db, engine, id, unchanged } = await withImport(file);
    const preview = await engine.preview(file);
    let asked = false;
    await expect(
      engine.importFiles('cancel-replace', [{ file, settings: settingsOf(preview), ifImported: 'replace' }], { datasetId: id }, (p) => {
        if (!asked && p.done > 0) {
          asked = true;
          engine.cancel('cancel-replace');
        }
      }),
    ).rejects.toEqual({ code: 'job.cancelled' });
    expect(asked).toBe(true);
    await unchanged();
    db.close();
  });

  it('changes nothing when a file of the import fails after the replacing file was read', async () => {
    const file = textFile('orders.csv', ordersCsv(2000));
    const { db, engine, id, unchanged } = await withImport(file);
    const broken = textFile('broken.csv', ordersCsv(100_000).replace(/\n$/, '') + '\nC1,O-last,2024-01-01,"12\n');
    const files = [
      { file, settings: settingsOf(await engine.preview(file)), ifImported: 'replace' as const },
      { file: broken, settings: settingsOf(await engine.preview(broken)) },
    ];
    await expect(engine.importFiles('fails', files, { datasetId: id })).rejects.toMatchObject({ code: 'import.unbalancedQuotes' });
    await unchanged();
    db.close();
  });

  it('keeps the earlier import when the file replacing it has no readable row', async () => {
    const file = textFile('orders.csv', ordersCsv(2000));
    const { db, engine, id, unchanged } = await withImport(file);
    const preview = await engine.preview(file);
    // the amount read from the order id column: every row is rejected
    const settings = settingsOf(preview, { mapping: { ...preview.mapping, amount: preview.mapping.orderId, orderId: null } });
    const result = await engine.importFiles('empty-replace', [{ file, settings, ifImported: 'replace' }], { datasetId: id });
    expect(result).toMatchObject({ committed: false, reason: 'replaceWithoutRows', replaced: [] });
    expect(result.files[0].stats).toMatchObject({ accepted: 0, rejected: 2000 });
    await unchanged();
    db.close();
  });

  it('keeps the earlier import when the commit that replaces it fails', async () => {
    const file = textFile('orders.csv', ordersCsv(2000));
    const { db, engine, id, unchanged } = await withImport(file);
    const preview = await engine.preview(file);
    const fail = () => {
      throw new Error('disk gone');
    };
    db.datasets.hook('updating', fail);
    await expect(engine.importFiles('commit-fails', [{ file, settings: settingsOf(preview), ifImported: 'replace' }], { datasetId: id }))
      .rejects.toMatchObject({ code: 'error.unexpected' });
    db.datasets.hook('updating').unsubscribe(fail);
    await unchanged();
    db.close();
  });

  it('changes nothing when an import skipping known orders is cancelled mid-way', async () => {
    const { db, engine, id, unchanged } = await withImport(textFile('orders.csv', ordersCsv(2000)));
    const file = textFile('overlapping.csv', ordersCsv(150_000)); // its first 2,000 orders are known
    const preview = await engine.preview(file);
    let asked = false;
    await expect(
      engine.importFiles('cancel-known', [{ file, settings: settingsOf(preview) }], { datasetId: id }, (p) => {
        if (!asked && p.done > 0) {
          asked = true;
          engine.cancel('cancel-known');
        }
      }),
    ).rejects.toEqual({ code: 'job.cancelled' });
    await unchanged();
    // and done to the end, it skips exactly the known ones
    const done = await engine.importFiles('known', [{ file, settings: settingsOf(preview) }], { datasetId: id });
    expect(done.files[0].stats).toMatchObject({ accepted: 148_000, existingSkipped: 2000 });
    db.close();
  });
});

describe('bad files get a clear message', () => {
  const engine = createEngine(openDatabase('bad-files'));

  it('empty file', async () => {
    expect((await engine.preview(textFile('e.csv', ''))).problems).toEqual([{ code: 'import.empty' }]);
  });

  it('binary file (a PNG, a workbook cut to its first bytes)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect((await engine.preview(textFile('x.png', png))).problems).toEqual([{ code: 'import.binary' }]);
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0, 0x62, 0xee, 0x9d, 0x68]);
    // the first bytes of a workbook only: refused in words (SheetJS alone looped forever on it)
    expect((await engine.preview(textFile('book.xlsx', xlsx))).problems).toEqual([{ code: 'import.xlsx.unreadable' }]);
  });

  it('a header and no rows', async () => {
    const p = await engine.preview(textFile('h.csv', 'customer_id,order_date,amount\n'));
    expect(p.problems).toContainEqual({ code: 'import.onlyHeader' });
  });

  it('no recognisable columns', async () => {
    const p = await engine.preview(textFile('x.csv', 'foo,bar,baz\nx,y,z\nq,r,s\n'));
    expect(p.problems).toContainEqual({ code: 'import.missingColumns', params: { fields: 'customerId, date, amount' } });
    await expect(engine.importFiles('x', [{ file: textFile('x.csv', 'foo,bar\n1,2\n'), settings: settingsOf(p) }], { newDataset: { name: 'x', currency: 'USD' } }))
      .rejects.toMatchObject({ code: 'import.missingColumns' });
  });

  it('a 50 MB line', async () => {
    const file = textFile('long.csv', 'customer_id,order_date,amount\n' + 'x'.repeat(50 * 1024 * 1024));
    const p = await engine.preview(file);
    expect(p.problems).toEqual([{ code: 'import.noLineBreak' }]); // no whole data row in the preview
    await expect(engine.importFiles('long', [{ file, settings: settingsOf(p) }], { newDataset: { name: 'l', currency: 'USD' } }))
      .rejects.toMatchObject({ code: 'import.fieldTooLong', params: { line: 2 } });
    const noBreak = await engine.preview(textFile('one-line.csv', 'y'.repeat(2 * 1024 * 1024)));
    expect(noBreak.problems).toEqual([{ code: 'import.noLineBreak' }]);
  });

  it('unbalanced quotes', async () => {
    const p = await engine.preview(textFile('q.csv', 'customer_id,order_date,amount\nC1,2024-01-01,"5\nC2,2024-01-02,6\n'));
    expect(p.problems).toContainEqual({ code: 'import.unbalancedQuotes', params: { line: 2 } });
  });
});

describe('encodings and headers', () => {
  it('reads a GBK file with Chinese headers', async () => {
    const db = openDatabase('gbk');
    const engine = createEngine(db);
    const csv = '客户编号,订单编号,下单日期,金额,城市\r\n00042,SO1,2024/1/5,"1,234.50",上海\r\n00042,SO2,2024/2/29,88,上海\r\n00007,SO3,20240105,-20,北京\r\n';
    const file = textFile('订单.csv', iconv.encode(csv, 'gbk'));
    const p = await engine.preview(file);
    expect(p.encoding).toBe('gb18030');
    expect(p.columnNames).toEqual(['客户编号', '订单编号', '下单日期', '金额', '城市']);
    expect(p.mapping).toMatchObject({ customerId: 0, orderId: 1, date: 2, amount: 3 });
    const result = await importOne(engine, file);
    const [f] = result.files;
    expect(f.stats).toMatchObject({ accepted: 3, rejected: 0, returns: 1, customers: 2 });
    expect(f.stats.amount).toBeCloseTo(1234.5 + 88 - 20, 6);
    await engine.load('l', result.datasetId);
    const detail = await engine.customer(result.datasetId, '00042');
    expect(detail?.lines.map((l) => l.day).sort()).toEqual([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 29)].map((t) => t / 86_400_000));
    db.close();
  });

  it('reads UTF-16LE with a BOM and UTF-8 with a BOM', async () => {
    const engine = createEngine(openDatabase('utf16'));
    const csv = 'customer_id\torder_date\tamount\nA1\t2024-03-01\t5\n';
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(csv, 'utf16le')]);
    const p16 = await engine.preview(textFile('a.tsv', le));
    expect(p16).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: [['A1', '2024-03-01', '5']] });
    const p8 = await engine.preview(textFile('b.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('客户ID,日期,销售额\nx,2024-01-01,1\n')])));
    expect(p8.encoding).toBe('utf-8');
    expect(p8.columnNames[0]).toBe('客户ID');
    expect(p8.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2 });
  });
});
