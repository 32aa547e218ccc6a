// Importing the voice files through the engine (issue 14): feedback and complaints, SERVQUAL
// answers, importance points and referrers, recognised from their headers (Chinese and English),
// stored with the same all-or-nothing rules, rejects reported per row, read back when the dataset
// loads; referrers pseudonymised like the customers they name.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { decodeChunk, openDatabase, readDataset } from '../../../../src/lib/db';
import { NO_DAY } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

const ORDERS = ['客户编号,订单编号,下单日期,金额', 'C1,o1,2024-01-05,100', 'C2,o2,2024-02-05,50', 'C3,o3,2024-02-06,70'].join('\r\n');
const CUSTOMERS = ['会员编号,姓名,推荐人', 'C1,张三,', 'C2,李四,C1', 'C3,王五,C1'].join('\r\n');
const COMPLAINTS = [
  '工单号,客户编号,日期,类型,渠道,主题,严重程度,状态,解决日期,内容',
  'T-1,C1,2024-03-01,投诉,电话,物流,高,已解决,2024-03-03,快递三天还没到',
  'T-2,C2,2024-03-02,咨询,在线客服,,低,处理中,,发票怎么开',
  'T-3,C2,2024-03-05,吐槽,,,,,,', // unknown type
  'T-4,C3,2024-03-10,投诉,,,中,已解决,2024-03-09,', // resolved before it was opened
].join('\r\n');
const SERVQUAL = ['customer_id,date,item,dimension,expectation,perception', 'C1,2024-04-01,10,responsiveness,7,4', 'C1,2024-04-01,11,,6,5', 'C2,2024-04-02,1,,9,5'].join('\n');
const IMPORTANCE = ['客户编号,有形性,可靠性,响应性,保证性,同理心', 'C1,10,30,30,20,10', 'C2,20,20,20,20,20'].join('\n');

describe('voice files through the engine', () => {
  it('are recognised, imported with their rejects, and read back when the dataset loads', async () => {
    const db = openDatabase('voice-files');
    const engine = createEngine(db);
    const files = [
      textFile('订单.csv', iconv.encode(ORDERS, 'gbk')), textFile('客户.csv', iconv.encode(CUSTOMERS, 'gbk')),
      textFile('投诉.csv', iconv.encode(COMPLAINTS, 'gbk')), textFile('servqual.csv', SERVQUAL), textFile('重要性.csv', IMPORTANCE),
    ];
    const previews = await Promise.all(files.map((f) => engine.preview(f)));
    expect(previews.map((p) => p.kind)).toEqual(['orders', 'customers', 'interactions', 'servqual', 'importance']);
    const result = await engine.importFiles('v', files.map((file, i) => ({ file, settings: settingsOf(previews[i]) })), { newDataset: { name: 'shop', currency: 'CNY' } });
    const [, , complaints, servqual, importance] = result.files;
    expect(complaints.stats).toMatchObject({ rows: 4, accepted: 2, rejected: 2, rejectedBy: { badValue: 1, resolvedBefore: 1 } });
    expect(complaints.rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([[4, '类型', '吐槽', 'badValue'], [5, '解决日期', '2024-03-09', 'resolvedBefore']]);
    // the reject keeps the whole row, so it can be fixed and imported again
    expect(complaints.rejects[1].row).toEqual(['T-4', 'C3', '2024-03-10', '投诉', '', '', '中', '已解决', '2024-03-09', '']);
    expect(servqual.stats).toMatchObject({ accepted: 2, rejected: 1, rejectedBy: { outOfRange: 1 } });
    expect(importance.stats).toMatchObject({ accepted: 2, rejected: 0 });
    const dataset = (await db.datasets.get(result.datasetId))!;
    expect(dataset.counts).toEqual({ customers: 3, orders: 3, surveys: 0, interactions: 2, servqual: 2, importance: 2 });

    const content = await readDataset(db, result.datasetId);
    expect(content.customers.referredBy).toEqual(['', 'C1', 'C1']);
    expect(content.interactions.id).toEqual(['T-1', 'T-2']);
    expect(content.interactions.kind).toEqual(['complaint', 'inquiry']);
    expect(Array.from(content.interactions.resolvedDay)).toEqual([day(2024, 3, 3), NO_DAY]);
    expect(content.interactions.text).toEqual(['快递三天还没到', '发票怎么开']);
    expect(Array.from(content.servqual.dimension)).toEqual([2, 2]);
    expect(Array.from(content.importance.responsiveness)).toEqual([30, 20]);

    // loaded, the customer's page lists the complaint
    await engine.load('l', result.datasetId);
    const detail = await engine.customer(result.datasetId, 'C1');
    expect(detail!.interactions).toHaveLength(1);
    db.close();
  });

  it('pseudonymises a referrer with the same pseudonym as the referred-to customer’s own rows', async () => {
    const db = openDatabase('voice-files-pseudo');
    const engine = createEngine(db);
    const file = textFile('customers.csv', ['customer_id,name,referred_by', '13800138000,王文博,', 'C2,Li,138-0013-8000'].join('\n'));
    const preview = await engine.preview(file);
    const result = await engine.importFiles('p', [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'p', currency: 'CNY' }, pseudonymise: { keepMapping: false } });
    const [chunk] = await db.chunks.where('datasetId').equals(result.datasetId).toArray();
    const customers = decodeChunk('customers', chunk.layout, chunk.bytes);
    expect(customers.id[0]).toMatch(/^P-/);
    expect(customers.referredBy).toEqual(['', customers.id[0]]);
    expect(JSON.stringify(customers)).not.toContain('13800138000');
    db.close();
  });
});
