/**
 * Segments: the groupings (RFM, value tiers, lifecycle stages, rule segments, clusters), each
 * returning a handle; personas, member exports and snapshots of a grouping named by its handle;
 * migration between snapshots.
 */
import { ATTRIBUTE_FIELDS, type AttributeField } from '../../src/lib/domain/segments/attribute';
import {
  schemeOf, type FieldValueCounts, type LifecycleOptions, type MigrationMatrix, type Notice, type ParetoPoint, type Persona, type RfmBinning, type RuleGroup, type SegmentRule,
  type TierBasis, type TierSummary,
} from '../../src/lib/domain';
import { saveSnapshot, type SnapshotRow } from '../../src/lib/db';
import type { EngineContext } from '../core/context';
import type { LoadedDataset, Segmentation } from '../core/loaded';
import type { SegmentVoice } from '../voice/api';
import { voiceOfGroups } from '../voice/segments';
import { runAttribute, runClusters, runLifecycle, runRule, runTiers } from './groupings';
import { analysisDayOf, handleFor, remember, resolveGrouping } from './handles';
import { runRfm, segmentCsv, segmentPersona } from './rfm';
import { cellMembers, compareSnapshots } from './snapshots';
import { fieldValuesOf } from './field-values';

/** What a grouping is, as data: enough to compute its labels again. */
export type GroupingDefinition =
  | { kind: 'rfm'; request: RfmRequest }
  | { kind: 'tiers'; shares: number[]; basis: TierBasis; analysisDay?: number }
  | { kind: 'lifecycle'; options: LifecycleRequest }
  | { kind: 'rule'; group: RuleGroup; analysisDay?: number }
  | { kind: 'clusters'; request: ClusterRequest }
  | { kind: 'attribute'; field: AttributeField; analysisDay?: number };

export { ATTRIBUTE_FIELDS, MAX_ATTRIBUTE_GROUPS, OTHER_VALUES, type AttributeField } from '../../src/lib/domain/segments/attribute';

/**
 * Every grouping is as of an analysis day: only orders dated on or before it count, customers
 * whose first order is later are in no group, and recency, tenure and age are counted to it.
 * Without one, the day after the last order (every order counts).
 */
export interface AsOfOptions {
  analysisDay?: number;
}

/** The day a grouping was computed as of. */
export interface AsOfResult {
  /** The day recency is counted to. */
  analysisDay: number;
  /** The last day whose orders count. */
  asOfDay: number;
}

/** Lifecycle thresholds and the analysis day (default: the day after the last order). */
export type LifecycleRequest = Omit<LifecycleOptions, 'analysisDay'> & AsOfOptions;

/** Names one grouping of a dataset: its id (a hash of the definition) and its definition. */
export interface GroupingHandle {
  id: string;
  definition: GroupingDefinition;
}

/** A grouping's summary and its labels (inside the engine). */
export interface GroupingRun<T> {
  result: T;
  segmentation: Segmentation;
}

/** How to score and segment customers with RFM. */
export interface RfmRequest {
  /** Day the recency is counted to; default the day after the last order. */
  analysisDay?: number;
  monetary: 'total' | 'average';
  bins: number;
  /** The user's own bin edges per score, replacing the quantiles. */
  thresholds?: { R?: number[]; F?: number[]; M?: number[] };
  preset: 'rfm11' | 'rfm8' | SegmentRule[];
  reference: 'mean' | 'median';
  /** How bin edges are found when the user gave none ['tie-aware']. */
  method?: RfmBinning;
}

export interface SegmentStat {
  key: string;
  size: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  avgRecencyDays: number;
  avgFrequency: number;
  avgMonetary: number;
  avgR: number;
  avgF: number;
  avgM: number;
  /** Mean CLV of the segment's customers after a value fit. */
  meanClv?: number | null;
  /** NPS, CSAT and complaints of the segment's customers (absent when the dataset holds no answers or interactions). */
  voice?: SegmentVoice;
}

export interface RfmResult extends AsOfResult {
  bins: number;
  thresholds: { R: number[]; F: number[]; M: number[] };
  /** Customers per score 1…bins. */
  distributions: { R: number[]; F: number[]; M: number[] };
  /** One cell per R × F score pair. */
  grid: { R: number; F: number; count: number; meanMonetary: number }[];
  segments: SegmentStat[];
  /** Customers with at least one order (prospects have no RFM). */
  scored: number;
  /** Rules that earlier rules shadow completely (never match). */
  shadowed: number[];
  /** The binning used. */
  method: RfmBinning;
  /** Empty score levels ('rfm.emptyLevels', per score) and many customers in 'others' ('rfm.manyOthers'). */
  warnings: Notice[];
  /** Names this grouping in calls on its segments. */
  handle: GroupingHandle;
}

/** Size and revenue of one group of a grouping. */
export interface GroupCount {
  key: string;
  size: number;
  share: number;
  revenue: number;
  revenueShare: number;
  /** Mean CLV of the group's customers after a value fit. */
  meanClv?: number | null;
  /** NPS, CSAT and complaints of the group's customers (absent when the dataset holds no answers or interactions). */
  voice?: SegmentVoice;
}

export interface TiersResult extends AsOfResult {
  tiers: (TierSummary & { voice?: SegmentVoice })[];
  edges: (number | null)[];
  pareto: ParetoPoint[];
  /** Names this grouping in calls on its segments. */
  handle: GroupingHandle;
}

export interface LifecycleResult extends AsOfResult {
  stages: GroupCount[];
  /** Names this grouping in calls on its segments. */
  handle: GroupingHandle;
}

export interface RuleResult extends AsOfResult {
  size: number;
  share: number;
  revenue: number;
  revenueShare: number;
  /** NPS, CSAT and complaints of the rule's members (absent with problems, or when the dataset holds no answers or interactions). */
  voice?: SegmentVoice;
  problems: Notice[];
  /** Names this grouping in calls on its segments; null when the rule has problems. */
  handle: GroupingHandle | null;
}

export interface ClusterRequest extends AsOfOptions {
  features: string[];
  k: number | 'auto';
  seed?: number;
}

export interface ClusterResult extends AsOfResult {
  k: number;
  /** Silhouette per k tried (empty when k was set by hand). */
  scores: { k: number; silhouette: number }[];
  /** Customers the silhouettes were measured on (a seeded sample of at most 2,000; 0 when k was set by hand). */
  sample: number;
  /** Customers clustered: those with an order by the analysis day. */
  clustered: number;
  features: string[];
  clusters: (GroupCount & { means: (number | null)[]; traits: { feature: string; level: 'high' | 'low' }[] })[];
  /** Names this grouping in calls on its segments. */
  handle: GroupingHandle;
}

export interface SegmentsApi {
  rfm(datasetId: string, request: RfmRequest): Promise<RfmResult>;
  tiers(datasetId: string, shares: number[], basis: TierBasis, options?: AsOfOptions): Promise<TiersResult>;
  /**
   * Customers grouped by an attribute (acquisition channel, city, province) as of the analysis day:
   * each of the MAX_ATTRIBUTE_GROUPS most common values is a group, the others are OTHER_VALUES;
   * customers without a value (or not yet customers that day) are in none.
   */
  attributeGroups(datasetId: string, field: AttributeField, options?: AsOfOptions): Promise<{ handle: GroupingHandle; groups: { key: string; size: number }[] }>;
  lifecycle(datasetId: string, options: LifecycleRequest): Promise<LifecycleResult>;
  rule(datasetId: string, group: RuleGroup, options?: AsOfOptions): Promise<RuleResult>;
  /**
   * The values a text field of rule segments holds (gender, city, province, channel), with the
   * number of customers holding each, most common first, as rules compare them (case, width and
   * spaces set aside); at most `options.limit` [500] of them. Throws `rules.values.notText` for
   * another field.
   */
  fieldValues(datasetId: string, field: string, options?: { limit?: number }): Promise<FieldValueCounts>;
  clusters(datasetId: string, request: ClusterRequest): Promise<ClusterResult>;
  /** Persona of one segment of a grouping, with its voice (null when no customer is in it). */
  persona(datasetId: string, grouping: GroupingHandle, segment: string): Promise<SegmentPersona | null>;
  /** Members of one segment of a grouping as CSV text (formula-injection safe). */
  segmentCsv(datasetId: string, grouping: GroupingHandle, segment: string, header: string[], options?: { mask?: boolean }): Promise<string>;
  /** Save a grouping's labels (and CLV after a value fit) as a dated snapshot. */
  snapshot(datasetId: string, grouping: GroupingHandle, meta: { label: string }): Promise<SnapshotRow>;
  /** The snapshot taken at each import: the 11-segment RFM preset with default settings. */
  snapshotAfterImport(datasetId: string, label: string): Promise<SnapshotRow>;
  compareSnapshots(fromId: string, toId: string): Promise<MigrationMatrix>;
  migrationMembers(fromId: string, toId: string, fromKey: string | null, toKey: string | null): Promise<string[]>;
}

/** A segment's persona and its voice (absent when the dataset holds no answers or interactions). */
export type SegmentPersona = Persona & { voice?: SegmentVoice };

/** The rows of a grouping's table, each with the voice of its group (`key` names it) when the dataset has any. */
function withVoice<T extends object>(ds: LoadedDataset, definition: GroupingDefinition, seg: Segmentation, rows: T[], key: (row: T) => string): (T & { voice?: SegmentVoice })[] {
  const voice = voiceOfGroups(ds, seg, rows.map(key), analysisDayOf(definition));
  return rows.map((row, i) => (voice ? { ...row, voice: voice[i] } : row));
}

/** The grouping the app snapshots at each import, and shows by default. */
export const DEFAULT_RFM: RfmRequest = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' };

export function segmentsApi(ctx: EngineContext): SegmentsApi {
  const { db } = ctx;
  const save = (datasetId: string, grouping: GroupingHandle, label: string, auto: boolean) => {
    const ds = ctx.current(datasetId);
    const seg = resolveGrouping(ds, grouping);
    return saveSnapshot(
      db, { datasetId, scheme: schemeOf(grouping.definition), label, auto, asOfDay: seg.asOfDay }, ds.indexed.customers.id, seg.labels, ds.value?.clv,
    );
  };
  return {
    async rfm(datasetId, request) {
      const ds = ctx.current(datasetId);
      const { result, segmentation } = runRfm(ds, request);
      const definition: GroupingDefinition = { kind: 'rfm', request };
      const segments = withVoice(ds, definition, segmentation, result.segments, (x) => x.key);
      return { ...result, segments, handle: remember(ds, definition, segmentation) };
    },

    async attributeGroups(datasetId, field, options) {
      const ds = ctx.current(datasetId);
      if (!(ATTRIBUTE_FIELDS as readonly string[]).includes(field)) throw { code: 'grouping.invalid' };
      const definition: GroupingDefinition = { kind: 'attribute', field, analysisDay: options?.analysisDay };
      const segmentation = runAttribute(ds, field, options?.analysisDay);
      const size = new Map<string, number>();
      for (const l of segmentation.labels) if (l) size.set(l, (size.get(l) ?? 0) + 1);
      const groups = [...size].map(([key, n]) => ({ key, size: n })).sort((a, b) => b.size - a.size);
      return { handle: remember(ds, definition, segmentation), groups };
    },
    async tiers(datasetId, shares, basis, options) {
      const ds = ctx.current(datasetId);
      const analysisDay = options?.analysisDay;
      const { result, segmentation } = runTiers(ds, shares, basis, analysisDay);
      const definition: GroupingDefinition = { kind: 'tiers', shares, basis, analysisDay };
      const tiers = withVoice(ds, definition, segmentation, result.tiers, (t) => `tier_${t.tier + 1}`);
      return { ...result, tiers, handle: remember(ds, definition, segmentation) };
    },

    async lifecycle(datasetId, options) {
      const ds = ctx.current(datasetId);
      const { result, segmentation } = runLifecycle(ds, options);
      const definition: GroupingDefinition = { kind: 'lifecycle', options };
      const stages = withVoice(ds, definition, segmentation, result.stages, (g) => g.key);
      return { ...result, stages, handle: remember(ds, definition, segmentation) };
    },

    async rule(datasetId, group, options) {
      const ds = ctx.current(datasetId);
      const analysisDay = options?.analysisDay;
      const { result, segmentation } = runRule(ds, group, analysisDay);
      if (!segmentation) return { ...result, handle: null };
      const definition: GroupingDefinition = { kind: 'rule', group, analysisDay };
      const [voiced] = withVoice(ds, definition, segmentation, [result], () => 'rule');
      return { ...voiced, handle: remember(ds, definition, segmentation) };
    },

    async fieldValues(datasetId, field, options) {
      return fieldValuesOf(ctx.current(datasetId), field, options?.limit);
    },

    async clusters(datasetId, request) {
      const ds = ctx.current(datasetId);
      const { result, segmentation } = runClusters(ds, request);
      const definition: GroupingDefinition = { kind: 'clusters', request };
      const clusters = withVoice(ds, definition, segmentation, result.clusters, (g) => g.key);
      return { ...result, clusters, handle: remember(ds, definition, segmentation) };
    },

    async persona(datasetId, grouping, segment) {
      const ds = ctx.current(datasetId);
      const seg = resolveGrouping(ds, grouping);
      const persona = segmentPersona(ds, seg, segment);
      if (persona.size === 0) return persona;
      const [voiced] = withVoice(ds, grouping.definition, seg, [persona], () => segment);
      return voiced;
    },

    async segmentCsv(datasetId, grouping, segment, header, options) {
      const ds = ctx.current(datasetId);
      return segmentCsv(ds, resolveGrouping(ds, grouping), segment, header, options?.mask ?? false);
    },

    async snapshot(datasetId, grouping, meta) {
      return save(datasetId, grouping, meta.label, false);
    },

    async snapshotAfterImport(datasetId, label) {
      return save(datasetId, handleFor({ kind: 'rfm', request: DEFAULT_RFM }), label, true);
    },

    async compareSnapshots(fromId, toId) {
      return compareSnapshots(db, fromId, toId);
    },

    async migrationMembers(fromId, toId, fromKey, toKey) {
      return cellMembers(db, fromId, toId, fromKey, toKey);
    },
  };
}
