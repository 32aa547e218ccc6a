/**
 * Grouping handles: a grouping call (RFM, tiers, lifecycle, a rule, clusters) returns a handle —
 * an id and the grouping's definition — and every call that works on segments takes one. The
 * answer then depends only on the arguments, never on which grouping ran last. The id is a hash
 * of the definition; the labels are looked up by it on the loaded dataset, or computed again from
 * the definition (after a reload, an eviction, or with a handle from another tab).
 */
import type { LoadedDataset, Segmentation } from '../core/loaded';
import { ATTRIBUTE_FIELDS, type GroupingDefinition, type GroupingHandle } from './api';
import { runAttribute, runClusters, runLifecycle, runRule, runTiers } from './groupings';
import { runRfm } from './rfm';

/** Groupings kept per loaded dataset (each holds a label per customer); older ones are computed again when asked for. */
const KEPT = 8;

/** JSON with object keys in sorted order, so equal definitions have equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** 53-bit FNV-1a style hash of a string, in base 36. */
function hash(text: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) * 2 ** 21 + ((h1 >>> 0) & 0x1fffff)).toString(36);
}

const KINDS: readonly GroupingDefinition['kind'][] = ['rfm', 'tiers', 'lifecycle', 'rule', 'clusters', 'attribute'];

/** A handle's id: a function of the definition alone. */
function idOf(definition: GroupingDefinition, key: string): string {
  return `${definition.kind}:${hash(key)}`;
}

/** The handle of a grouping given by its definition. */
export function handleFor(definition: GroupingDefinition): GroupingHandle {
  return { id: idOf(definition, canonical(definition)), definition };
}

/** Keep a grouping's labels on the dataset and make its handle. */
export function remember(ds: LoadedDataset, definition: GroupingDefinition, segmentation: Segmentation): GroupingHandle {
  const key = canonical(definition);
  const id = idOf(definition, key);
  ds.groupings.delete(id);
  ds.groupings.set(id, { key, segmentation });
  while (ds.groupings.size > KEPT) ds.groupings.delete(ds.groupings.keys().next().value!);
  return { id, definition };
}

/** Labels of a grouping given by its definition (no summary needed). */
function compute(ds: LoadedDataset, definition: GroupingDefinition): Segmentation | null {
  switch (definition.kind) {
    case 'rfm': return runRfm(ds, definition.request).segmentation;
    case 'tiers': return runTiers(ds, definition.shares, definition.basis, definition.analysisDay).segmentation;
    case 'lifecycle': return runLifecycle(ds, definition.options).segmentation;
    case 'rule': return runRule(ds, definition.group, definition.analysisDay).segmentation;
    case 'clusters': return runClusters(ds, definition.request).segmentation;
    case 'attribute': return (ATTRIBUTE_FIELDS as readonly string[]).includes(definition.field) ? runAttribute(ds, definition.field, definition.analysisDay) : null;
  }
}

/** The analysis day a grouping is as of (undefined: the day after the last order). */
export function analysisDayOf(definition: GroupingDefinition): number | undefined {
  switch (definition.kind) {
    case 'rfm': return definition.request.analysisDay;
    case 'tiers': return definition.analysisDay;
    case 'lifecycle': return definition.options.analysisDay;
    case 'rule': return definition.analysisDay;
    case 'clusters': return definition.request.analysisDay;
    case 'attribute': return definition.analysisDay;
  }
}

/** The labels of the grouping a handle names, computed again from its definition when not kept. */
export function resolveGrouping(ds: LoadedDataset, handle: GroupingHandle): Segmentation {
  const definition = handle?.definition;
  if (!definition || typeof definition !== 'object' || !KINDS.includes(definition.kind)) throw { code: 'grouping.invalid' };
  const key = canonical(definition);
  const kept = ds.groupings.get(idOf(definition, key));
  if (kept && kept.key === key) return kept.segmentation;
  const segmentation = compute(ds, definition);
  if (!segmentation) throw { code: 'grouping.invalid' };
  remember(ds, definition, segmentation);
  return segmentation;
}
