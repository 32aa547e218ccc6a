// Backup → wipe → restore gives identical data; a wrong passphrase or a damaged file changes nothing.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createEngine } from '../../../../workers/engine';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { pseudonymMapSetting, PSEUDONYM_PREFIX } from '../../../../src/lib/domain/privacy/pseudonym';
import { BackupWriter } from '../../../../src/lib/domain/backup/frames';
import { encodeRecord } from '../../../../src/lib/domain/backup/records';

let n = 0;

/** Every row of every table, chunk and snapshot bytes included, in a stable order. */
async function dump(db: WorkbenchDB, omitSettings: string[] = ['currentDataset']) {
  const byKey = <T>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    datasets: byKey(await db.datasets.toArray(), (d) => d.id),
    batches: byKey(await db.batches.toArray(), (b) => b.id),
    // bytes as their SHA-256: as strict, and a failure's diff stays readable (a diff of megabytes never ends)
    chunks: byKey(await db.chunks.toArray(), (c) => `${c.batchId}/${String(c.seq).padStart(6, '0')}`)
      .map(({ bytes, ...c }) => ({ ...c, sha256: createHash('sha256').update(bytes).digest('hex') })),
    customerEdits: byKey(await db.customerEdits.toArray(), (e) => `${e.datasetId}/${e.customerId}`),
    interactionEdits: byKey(await db.interactionEdits.toArray(), (e) => `${e.datasetId}/${e.entryId}`),
    playbooks: byKey(await db.playbooks.toArray(), (p) => `${p.datasetId}/${p.scheme}/${p.segment}`),
    tierDesigns: byKey(await db.tierDesigns.toArray(), (t) => t.datasetId),
    actions: byKey(await db.actions.toArray(), (a) => a.id),
    actionMembers: byKey(await db.actionMembers.toArray(), (m) => m.id).map(({ control, ...m }) => ({ ...m, control: Array.from(control) })),
    targets: byKey(await db.targets.toArray(), (t) => `${t.datasetId}/${t.kpi}`),
    snapshots: byKey(await db.snapshots.toArray(), (s) => s.id),
    snapshotData: byKey(await db.snapshotData.toArray(), (s) => s.id)
      .map(({ bytes, ...d }) => ({ ...d, sha256: createHash('sha256').update(bytes).digest('hex') })),
    settings: byKey((await db.settings.toArray()).filter((s) => !omitSettings.includes(s.key)), (s) => s.key),
  };
}

/** A workspace with two datasets, an edit, a snapshot, rules and a pseudonymisation key. */
async function populated() {
  const db = openDatabase(`backup-${++n}`);
  const engine = createEngine(db);
  const first = await engine.createDemo('d1', { locale: 'zh' });
  const second = await engine.createDemo('d2', { locale: 'en', seed: 7 });
  await engine.load('l', first);
  const { handle } = await engine.rfm(first, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
  await engine.snapshot(first, handle, { label: 'Q4' });
  await db.customerEdits.put({ datasetId: first, customerId: 'C000001', fields: { city: '杭州' }, note: 'VIP', tags: ['a'], updatedAt: 5 });
  // a complaint added by hand and resolved with a note (schema v3's interaction edits)
  const added = await engine.saveInteraction(first, { customerId: 'C000001', fields: { day: 20000, kind: 'complaint', severity: 3, text: '快递太慢' } });
  await engine.saveInteraction(first, { entryId: added!.entryId, customerId: 'C000001', fields: { resolved: 1, resolvedDay: 20002 }, note: '已致电道歉' });
  // a playbook card edited twice (its previous card kept for undo) and a tier design (schema v4)
  await db.playbooks.put({
    datasetId: first, scheme: 'rfm11', segment: 'champions', card: { valueProposition: '专属顾问', channels: ['advisor', 'wechat'] }, updatedAt: 7,
    previous: { card: { valueProposition: 'VIP' }, updatedAt: 6 },
  });
  await db.tierDesigns.put({ datasetId: second, design: { basis: 'spend12', tiers: [{ key: 'member', minSpend: 0 }] }, updatedAt: 8 });
  // an action with its members (one in control), an action of no one, and a KPI target (schema v5)
  await db.actions.bulkPut([
    { id: 'act_1', datasetId: first, action: { name: '挽回', type: 'winback', seed: 's1', controlShare: 0.1 }, createdAt: 9, updatedAt: 9 },
    { id: 'act_2', datasetId: second, action: { name: 'Empty', type: 'other', seed: 's2' }, createdAt: 9, updatedAt: 9 },
  ]);
  await db.actionMembers.bulkPut([
    { id: 'act_1', customerIds: ['C000001', 'C000002', 'C000003'], control: Uint8Array.of(0, 1, 0) },
    { id: 'act_2', customerIds: [], control: new Uint8Array(0) },
  ]);
  await db.targets.put({ datasetId: first, kpi: 'revenue', target: { value: 100000, direction: 'up' }, updatedAt: 9 });
  await db.settings.bulkPut([
    { key: 'activeDays', value: 120 },
    { key: 'segments.savedRules', value: [{ name: 'big', rule: { op: 'and' } }] },
    { key: `${PSEUDONYM_PREFIX}key`, value: Uint8Array.of(9, 8, 7) },
    { key: pseudonymMapSetting(first), value: { id: ['P-1'], originalId: ['13800000000'], originalName: ['王'] } },
    { key: pseudonymMapSetting(second), value: { id: ['P-2'], originalId: ['a@b.cn'], originalName: ['Ann'] } },
    { key: 'currentDataset', value: second },
  ]);
  return { db, engine, first, second };
}

let shared: ReturnType<typeof populated> | undefined;
/** The populated workspace for tests that only read it. */
const readOnlySource = () => (shared ??= populated());

async function fresh(): Promise<{ db: WorkbenchDB; engine: ReturnType<typeof createEngine> }> {
  const db = openDatabase(`backup-${++n}`);
  return { db, engine: createEngine(db) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('backup and restore', () => {
  it('restores everything into a fresh browser, identical, plain and encrypted', async () => {
    const source = await readOnlySource();
    const before = await dump(source.db, ['currentDataset', `${PSEUDONYM_PREFIX}key`, pseudonymMapSetting(source.first), pseudonymMapSetting(source.second)]);
    for (const passphrase of [undefined, 'Tr0ub4dor&3 密码']) {
      const made: { done: number; total: number }[] = [];
      const blob = await source.engine.backup('b', { passphrase }, (p) => made.push(p));
      // progress counts stored chunks up to all of them
      expect(made.at(-1)).toEqual({ phase: 'backingUp', done: before.chunks.length, total: before.chunks.length });
      const target = await fresh();
      const info = await target.engine.inspectBackup(blob, passphrase);
      expect(info.header.encryption === null).toBe(passphrase === undefined);
      expect(info.manifest!.datasets.map((d) => d.id).sort()).toEqual(before.datasets.map((d) => d.id));
      expect(info.existing).toEqual([]);
      const progress: number[] = [];
      const result = await target.engine.restoreBackup('r', blob, { conflict: 'replace', passphrase }, (p) => progress.push(p.done));
      expect(result.datasetIds.sort()).toEqual([source.first, source.second].sort());
      expect(progress.at(-1)).toBe(blob.size);
      // identical rows, chunk bytes, snapshots and settings; the key stayed out
      expect(await dump(target.db, ['currentDataset'])).toEqual(before);
      expect((await target.db.settings.toArray()).filter((r) => r.key.startsWith(PSEUDONYM_PREFIX))).toEqual([]);
      // and the engine reads it
      await target.engine.load('l', source.first);
      expect((await target.engine.customers(source.first, {})).total).toBe(5000);
      target.db.close();
    }
  }, 120_000);

  it('backs up one dataset, with the pseudonymisation key only when asked', async () => {
    const source = await readOnlySource();
    const blob = await source.engine.backup('b', { datasetId: source.second, includePseudonymKey: true });
    const target = await fresh();
    const result = await target.engine.restoreBackup('r', blob, { conflict: 'replace' });
    expect(result.manifest.scope).toBe('dataset');
    expect((await target.db.datasets.toArray()).map((d) => d.id)).toEqual([source.second]);
    expect((await target.db.settings.get(`${PSEUDONYM_PREFIX}key`))?.value).toEqual(Uint8Array.of(9, 8, 7));
    // the dataset's own mapping comes along, not the other dataset's
    expect((await target.db.settings.get(pseudonymMapSetting(source.second)))?.value).toEqual({ id: ['P-2'], originalId: ['a@b.cn'], originalName: ['Ann'] });
    expect(await target.db.settings.get(pseudonymMapSetting(source.first))).toBeUndefined();
    expect((await target.db.settings.get('currentDataset'))?.value).toBe(source.second);
    // that dataset's chunks, byte for byte, and no other
    expect((await dump(target.db)).chunks).toEqual((await dump(source.db)).chunks.filter((c) => c.datasetId === source.second));
    target.db.close();
  }, 60_000);

  it('replaces an existing dataset, or keeps both', async () => {
    const source = await populated();
    const blob = await source.engine.backup('b', { datasetId: source.first, includePseudonymKey: true });
    const original = await dump(source.db);
    // change the dataset, then restore the backup over it
    await source.engine.forgetCustomer(source.first, 'C000001');
    expect((await source.engine.inspectBackup(blob)).existing).toEqual([source.first]);
    await source.engine.restoreBackup('r', blob, { conflict: 'replace' });
    const replaced = await dump(source.db);
    // the restored batches got new ids (the old ones existed here): compare everything else, in an id-free order
    const strip = (d: typeof original) => ({
      ...d,
      batches: d.batches.map((b) => ({ ...b, id: '' })).sort((a, b) => a.datasetId.localeCompare(b.datasetId) || a.createdAt - b.createdAt),
      chunks: d.chunks.map((c) => ({ ...c, batchId: '' })).sort((a, b) => a.datasetId.localeCompare(b.datasetId) || a.sha256.localeCompare(b.sha256)),
    });
    expect(strip(replaced)).toEqual(strip(original));
    // keep both: a second dataset with a new id and the label
    await source.engine.restoreBackup('r2', blob, { conflict: 'copy', copyLabel: '(restored)' });
    const datasets = await source.db.datasets.toArray();
    expect(datasets).toHaveLength(3);
    const copy = datasets.find((d) => d.name.endsWith('(restored)'))!;
    expect(copy.id).not.toBe(source.first);
    expect(copy.counts).toEqual(original.datasets.find((d) => d.id === source.first)!.counts);
    expect(await source.db.snapshots.where('datasetId').equals(copy.id).count()).toBe(1);
    // the kept pseudonym mapping follows the copy's new id
    expect((await source.db.settings.get(pseudonymMapSetting(copy.id)))?.value).toEqual((await source.db.settings.get(pseudonymMapSetting(source.first)))?.value);
    expect(await source.db.snapshots.where('datasetId').equals(source.first).count()).toBe(1);
    await source.engine.load('l', copy.id);
    expect((await source.engine.customers(copy.id, {})).total).toBe(5000);
    // restored once more: the second copy gets a name of its own, not a second "(restored)"
    await source.engine.restoreBackup('r3', blob, { conflict: 'copy', copyLabel: '(restored)' });
    const names = (await source.db.datasets.toArray()).map((d) => d.name);
    expect(names.length).toBeGreaterThan(3);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(`${copy.name} 2`);
    source.db.close();
  }, 60_000);

  it('changes nothing on a wrong passphrase, a truncated or damaged file, or a newer version', async () => {
    const source = await readOnlySource();
    const sealed = await bytesOf(await source.engine.backup('b', { passphrase: 'right' }));
    const plain = await bytesOf(await source.engine.backup('b2', {}));
    const target = await fresh();
    await target.engine.createDemo('d', { locale: 'en', seed: 3 });
    const before = await dump(target.db, []);
    const attempt = (bytes: Uint8Array, passphrase?: string) =>
      codeOf(target.engine.restoreBackup('r', new Blob([bytes as BlobPart]), { conflict: 'replace', passphrase }));

    expect(await attempt(sealed, 'wrong')).toBe('backup.wrongPassphrase');
    expect(await attempt(sealed)).toBe('backup.needsPassphrase');
    expect(await attempt(sealed.subarray(0, sealed.length - 10), 'right')).toBe('backup.truncated');
    expect(await attempt(plain.subarray(0, Math.floor(plain.length * 0.8)))).toBe('backup.truncated');
    for (const at of [Math.floor(sealed.length / 2), sealed.length - 20]) {
      const flipped = sealed.slice();
      flipped[at] ^= 0x40;
      expect(await attempt(flipped, 'right')).toBe('backup.damaged');
    }
    const flipped = plain.slice();
    flipped[Math.floor(plain.length * 0.7)] ^= 1;
    expect(await attempt(flipped)).toBe('backup.damaged');
    expect(await attempt(new TextEncoder().encode('customer,amount\n1,2'))).toBe('backup.notBackup');

    // a file written by a newer app: a newer container format, or a newer database schema inside
    const newerFormat = new TextEncoder().encode(new TextDecoder('latin1').decode(plain).replace('"format":1', '"format":9'));
    expect(await attempt(Uint8Array.from(newerFormat))).toBe('backup.newerFormat');
    const parts: Uint8Array[] = [];
    const writer = await BackupWriter.create((p) => void parts.push(p));
    for (const part of encodeRecord(1, { app: 'customer-strategy-workbench', schema: 99, scope: 'all', createdAt: 0, datasets: [], includesPseudonymKey: false })) {
      await writer.write(part);
    }
    for (const part of encodeRecord(3, { records: 0 })) await writer.write(part);
    await writer.finish();
    expect(await attempt(new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()))).toBe('backup.newerFormat');

    expect(await dump(target.db, [])).toEqual(before);
    expect(await target.db.batches.where('status').equals('pending').count()).toBe(0);
    target.db.close();
  }, 120_000);

  it('is cancellable, and a cancelled restore leaves nothing behind', async () => {
    const source = await readOnlySource();
    const blob = await source.engine.backup('b', {});
    const target = await fresh();
    const restoring = target.engine.restoreBackup('r', blob, { conflict: 'replace' }, () => target.engine.cancel('r'));
    expect(await codeOf(restoring)).toBe('job.cancelled');
    expect(await target.db.batches.count()).toBe(0);
    expect(await target.db.chunks.count()).toBe(0);
    expect(await target.db.datasets.count()).toBe(0);
    target.db.close();
    await Dexie.delete(target.db.name);
  }, 60_000);
});
