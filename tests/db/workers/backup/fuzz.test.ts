// Fuzz the backup reader: mutated files (plain and encrypted), and valid files whose content was
// mutated before sealing (so the records themselves are hostile). Every case settles in time with
// a backup notice or a complete restore, and never leaves a partial write.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { BackupWriter, readBackupFrames } from '../../../../src/lib/domain/backup/frames';
import { concat, fuzzCases, mutate, rng, within } from '../../../support/fuzz';
import { importOne, textFile } from '../../import-helpers';

const CSV = 'customer_id,date,amount,name\nA1,2024-01-05,10,Ann\nA2,2024-02-05,20,Bo\nA1,2024-03-01,5,Ann\nB7,2024-03-09,99.5,Cy\n';

async function state(db: WorkbenchDB) {
  return {
    datasets: await db.datasets.toArray(),
    batches: await db.batches.toArray(),
    chunks: (await db.chunks.toArray()).length,
    snapshots: await db.snapshots.toArray(),
    settings: await db.settings.toArray(),
  };
}

async function seal(plain: Uint8Array, passphrase?: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = await BackupWriter.create((p) => void parts.push(p), { passphrase, frameBytes: 512 });
  await writer.write(plain);
  await writer.finish();
  return concat(parts);
}

async function plainContent(file: Uint8Array): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  for await (const frame of readBackupFrames(new Blob([file as BlobPart]).stream())) out.push(frame);
  return concat(out);
}

let n = 0;

async function setup() {
  const source = openDatabase(`fuzz-src-${++n}`);
  const engine = createEngine(source);
  const { datasetId } = await importOne(engine, textFile('orders.csv', CSV));
  await engine.load('l', datasetId!);
  const { handle } = await engine.rfm(datasetId!, { monetary: 'total', bins: 3, preset: 'rfm11', reference: 'mean' });
  await engine.snapshot(datasetId!, handle, { label: 'x' });
  await source.settings.put({ key: 'activeDays', value: 30 });
  const plainFile = new Uint8Array(await (await engine.backup('b', {})).arrayBuffer());
  const sealedFile = new Uint8Array(await (await engine.backup('b', { passphrase: 'pw-fuzz-1' })).arrayBuffer());
  source.close();

  const target = openDatabase(`fuzz-dst-${++n}`);
  const restorer = createEngine(target);
  await importOne(restorer, textFile('other.csv', 'customer_id,date,amount\nZ,2024-05-01,1\n'));
  return { plainFile, sealedFile, content: await plainContent(plainFile), target, restorer };
}

describe('backup reader fuzzing', () => {
  it('settles every mutated file with a backup notice or a whole restore, never a partial write', async () => {
    const { plainFile, sealedFile, content, target, restorer } = await setup();
    const cases: { seed: number; bytes: () => Promise<Uint8Array>; passphrase?: string }[] = [
      ...fuzzCases(120, 'plain-file').map((seed) => ({ seed, bytes: async () => mutate(plainFile, rng(seed), { maxEdits: 4 }) })),
      ...fuzzCases(80, 'content').map((seed) => ({
        seed,
        bytes: () => seal(mutate(content, rng(seed), { tokens: ['{', '}', '"', '\0', '\xff', '[]', 'null', '"t":"chunks"'], maxEdits: 3 })),
      })),
      ...fuzzCases(6, 'sealed-file').map((seed) => ({ seed, bytes: async () => mutate(sealedFile, rng(seed), { maxEdits: 2 }), passphrase: 'pw-fuzz-1' })),
    ];
    let restored = 0;
    for (const c of cases) {
      const bytes = await c.bytes();
      const before = await state(target);
      let outcome: unknown = null;
      try {
        await within(
          restorer.restoreBackup(`r${c.seed}`, new Blob([bytes as BlobPart]), { conflict: 'copy', copyLabel: '(r)', passphrase: c.passphrase }),
          20_000, `restore of case ${c.seed}`,
        );
        restored++;
      } catch (error) {
        outcome = error;
      }
      const after = await state(target);
      expect(after.batches.filter((b) => b.status === 'pending'), `FUZZ_CASE=${c.seed}: pending batches left`).toEqual([]);
      if (outcome !== null) {
        expect((outcome as { code?: unknown }).code, `FUZZ_CASE=${c.seed}: ${JSON.stringify(outcome)}`).toMatch(/^backup\./);
        expect(after, `FUZZ_CASE=${c.seed}: a failed restore changed the database`).toEqual(before);
      } else {
        // a restore that passed every check added whole datasets, each with all its chunks
        expect(after.datasets.length, `FUZZ_CASE=${c.seed}`).toBeGreaterThan(before.datasets.length);
        for (const d of after.datasets) {
          const batches = after.batches.filter((b) => b.datasetId === d.id);
          const chunks = await target.chunks.where('datasetId').equals(d.id).count();
          expect(chunks, `FUZZ_CASE=${c.seed}: chunks of ${d.id}`).toBe(batches.reduce((s, b) => s + Object.values(b.tables).reduce((k, t) => k + (t?.chunks ?? 0), 0), 0));
        }
      }
    }
    // most mutations must be caught (a file restored intact is rare: e.g. a mutated JSON string)
    expect(restored).toBeLessThan(cases.length / 4);
    target.close();
  }, 300_000);
});
