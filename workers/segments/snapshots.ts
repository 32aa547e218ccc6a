import { migrationMatrix, migrationMembers, OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS, LIFECYCLE_STAGES, type MigrationMatrix } from '../../src/lib/domain';
import { readSnapshot, type WorkbenchDB } from '../../src/lib/db';

/** Known key orders, so matrices of the same scheme line up. */
const ORDER = [...RFM11_RULES.map((r) => r.key), OTHERS_SEGMENT, ...RFM8_KEYS, ...LIFECYCLE_STAGES];
const KNOWN = new Set(ORDER);
/** tier_2 before tier_10, cluster_1 before cluster_2. */
const NUMERIC = new Intl.Collator('en', { numeric: true });

/** The known keys, then the others of either snapshot (tiers, clusters) in numeric order. */
function keyOrder(...snapshots: { segment: string[] }[]): string[] {
  const extra = new Set<string>();
  for (const s of snapshots) for (const k of s.segment) if (!KNOWN.has(k)) extra.add(k);
  return [...ORDER, ...[...extra].sort(NUMERIC.compare)];
}

async function both(db: WorkbenchDB, fromId: string, toId: string) {
  const [from, to] = await Promise.all([readSnapshot(db, fromId), readSnapshot(db, toId)]);
  if (!from || !to) throw { code: 'snapshots.missing' };
  // RFM segments against value tiers say nothing about who moved: one grouping's snapshots only
  if (from.scheme !== to.scheme) throw { code: 'snapshots.otherScheme', params: { from: from.scheme, to: to.scheme } };
  return { from, to };
}

/** Who moved from which segment to which between two snapshots. */
export async function compareSnapshots(db: WorkbenchDB, fromId: string, toId: string): Promise<MigrationMatrix> {
  const { from, to } = await both(db, fromId, toId);
  return migrationMatrix(from, to, { order: keyOrder(from, to) });
}

/** The customers in one cell of the migration matrix (null = new / gone). */
export async function cellMembers(
  db: WorkbenchDB, fromId: string, toId: string, fromKey: string | null, toKey: string | null,
): Promise<string[]> {
  const { from, to } = await both(db, fromId, toId);
  return migrationMembers(from, to, fromKey, toKey);
}
