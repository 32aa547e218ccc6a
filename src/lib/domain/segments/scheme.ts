/**
 * The scheme a snapshot of a grouping records: which segments it holds. Two snapshots can be
 * compared (who moved where) only when their schemes are the same.
 */
import { LIFECYCLE_STAGES } from './lifecycle';
import { OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS } from './rfm-presets';

/** The schemes a snapshot can have: an RFM preset ('custom': the user's own rule order) or a kind of grouping. */
export type SnapshotScheme = 'rfm11' | 'rfm8' | 'custom' | 'tiers' | 'lifecycle' | 'rules' | 'clusters' | 'attribute';

/** What the scheme is read from: a grouping's definition (the engine's GroupingDefinition fits it). */
export type SchemeSource =
  | { kind: 'rfm'; request: { preset: string | readonly unknown[] } }
  | { kind: 'tiers' | 'lifecycle' | 'rule' | 'clusters' | 'attribute' };

/**
 * The scheme of a grouping: for RFM the preset's name, or 'custom' for the user's own rules;
 * 'rules' for a rule segment; else the kind of grouping.
 *
 * @example
 * schemeOf({ kind: 'rfm', request: { preset: 'rfm8' } }); // 'rfm8'
 * schemeOf({ kind: 'rule' }); // 'rules'
 */
export function schemeOf(definition: SchemeSource): SnapshotScheme {
  if (definition.kind === 'rfm') {
    const preset = definition.request.preset;
    return preset === 'rfm11' || preset === 'rfm8' ? preset : 'custom';
  }
  return definition.kind === 'rule' ? 'rules' : definition.kind;
}

/**
 * The order a scheme's segments are shown in: the 11-segment preset's rules (also for the user's
 * own order of them) then 'others', the 8 classes, the lifecycle stages; [] when the keys carry
 * their own order (tiers, clusters).
 *
 * @example
 * schemeOrder('lifecycle'); // ['prospect', 'new', 'repeat', 'loyal', 'at_risk', 'lost']
 */
export function schemeOrder(scheme: string): string[] {
  if (scheme === 'rfm11' || scheme === 'custom') return [...RFM11_RULES.map((r) => r.key), OTHERS_SEGMENT];
  if (scheme === 'rfm8') return [...RFM8_KEYS];
  if (scheme === 'lifecycle') return [...LIFECYCLE_STAGES];
  return [];
}
