/**
 * Message keys built at run time, typed: each family is a template-literal type over the domain's
 * own unions, and `Known<…>` makes a family that names a key the catalog lacks a type error here.
 * Values that arrive as plain strings (from data or the engine) go through a lookup that checks
 * the value and returns `undefined` for one the catalog has no words for; word those with
 * `i18n.label(key, raw)`, which shows the raw value then.
 */
import type { DateOrder, EncodingGuess, ImportKind, RejectReason } from '../domain/import';
import type { RuleField, RuleOp } from '../domain/segments/rules';
import { FEATURE_KEYS, type FeatureKey } from '../domain/segments/cluster-words';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../domain/segments/lifecycle';
import { isMessageKey, type MessageKey } from './messages';
import { INTERACTION_KINDS, type InteractionKind } from '../domain/types';

export { INTERACTION_KINDS };

/** A key family that must exist in full in the catalog. */
type Known<K extends MessageKey> = K;

/** Why the importer read a file in its encoding: the detector's reasons, or the user's choice. */
export type EncodingReason = Extract<EncodingGuess, { bomLength: number }>['reason'] | 'user';
/** Every reject reason and encoding reason, once (a missing or unknown one is a type error). */
export const REJECT_REASONS: Readonly<Record<RejectReason, true>> = {
  missingId: true, badDate: true, badAmount: true, badNumber: true, outOfRange: true, columnCount: true, badValue: true, resolvedBefore: true,
};
export const ENCODING_REASONS: Readonly<Record<EncodingReason, true>> = {
  bom: true, 'utf16-pattern': true, 'utf8-valid': true, ascii: true, fallback: true, user: true,
};

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return values.some((v) => v === value);
}

function isKeyOf<T extends string>(set: Readonly<Record<T, true>>, value: string): value is T {
  return Object.prototype.hasOwnProperty.call(set, value);
}

/** Families worded straight from typed values (`t(`rules.op.${op}`)`), named so a gap fails here. */
export type RuleFieldKey = Known<`rules.field.${RuleField}`>;
export type RuleOpKey = Known<`rules.op.${RuleOp}`>;
export type FeatureLabelKey = Known<`clusters.feature.${FeatureKey}`>;
export type ImportKindKey = Known<`kind.${ImportKind}`>;
export type DateOrderKey = Known<`dateOrder.${DateOrder}`>;

/** Families looked up from plain strings by the functions below. */
export type StageKey = Known<`stage.${LifecycleStage}`>;
export type TierKey = Known<`tier.${1 | 2 | 3}`>;
export type TraitKey = Known<`trait.${FeatureKey}.${'high' | 'low'}`>;
export type InteractionKey = Known<`interaction.${InteractionKind}`>;
export type RejectKey = Known<`reject.${RejectReason}`>;
export type EncodingReasonKey = Known<`encodingReason.${EncodingReason}`>;
/** RFM segment names: the 11-segment and 8-class presets and 'others' (their keys are plain strings). */
export type SegmentKey = Extract<MessageKey, `seg.${string}`>;
/** Import target fields (FIELDS lists them as plain strings). */
export type FieldKey = Extract<MessageKey, `field.${string}`>;
/** The grouping a snapshot was taken of: an RFM preset or a segmentation mode. */
export type SchemeKey = Extract<MessageKey, `snapshots.scheme.${string}`>;

/** The name key of an RFM segment, or undefined for a key the catalog does not know. */
export function segmentKey(segment: string): SegmentKey | undefined {
  const key = `seg.${segment}` as const;
  return isMessageKey(key) ? key : undefined;
}

/** The name key of a lifecycle stage. */
export function stageKey(stage: string): StageKey | undefined {
  return isOneOf(LIFECYCLE_STAGES, stage) ? `stage.${stage}` : undefined;
}

/** The name key of value tier 1, 2 or 3 (deeper tiers are worded with 'tier.n'). */
export function tierKey(tier: string): TierKey | undefined {
  return tier === '1' || tier === '2' || tier === '3' ? `tier.${tier}` : undefined;
}

/** A cluster trait in words ('high frequency'), for a feature the catalog knows. */
export function traitKey(feature: string, level: 'high' | 'low'): TraitKey | undefined {
  return isOneOf(FEATURE_KEYS, feature) ? `trait.${feature}.${level}` : undefined;
}

/** The label key of an import target field. */
export function fieldKey(field: string): FieldKey | undefined {
  const key = `field.${field}` as const;
  return isMessageKey(key) ? key : undefined;
}

/** The label key of an interaction kind. */
export function interactionKey(kind: string): InteractionKey | undefined {
  return isOneOf(INTERACTION_KINDS, kind) ? `interaction.${kind}` : undefined;
}

/** The key of why an import row was rejected. */
export function rejectKey(reason: string): RejectKey | undefined {
  return isKeyOf(REJECT_REASONS, reason) ? `reject.${reason}` : undefined;
}

/** The key of why a file was read in its encoding. */
export function encodingReasonKey(reason: string): EncodingReasonKey | undefined {
  return isKeyOf(ENCODING_REASONS, reason) ? `encodingReason.${reason}` : undefined;
}

/** The name key of a snapshot's scheme. */
export function schemeKey(scheme: string): SchemeKey | undefined {
  const key = `snapshots.scheme.${scheme}` as const;
  return isMessageKey(key) ? key : undefined;
}
