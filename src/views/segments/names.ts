import { RULE_FIELDS, RULE_OPS, type Notice, type RuleField, type RuleOp } from '../../lib/domain';
import { isMessageKey, type MessageKey } from '../../lib/i18n/messages';
import { segmentKey, stageKey, tierKey } from '../../lib/i18n/keys';

/** The display name of a group key from any grouping (RFM segment, tier, stage, rule, cluster). */
export function groupName(key: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  const tier = /^tier_(\d+)$/.exec(key);
  if (tier) return t(tierKey(tier[1]) ?? 'tier.n', { n: tier[1] });
  const cluster = /^cluster_(\d+)$/.exec(key);
  if (cluster) return t('cluster.n', { n: cluster[1] });
  if (key === 'rule') return t('rules.members');
  const segment = segmentKey(key);
  return segment ? t(segment) : key;
}

/** Lifecycle stage names (kept apart: 'lost' is also an RFM segment). */
export function stageName(key: string, t: (k: MessageKey) => string): string {
  const stage = stageKey(key);
  return stage ? t(stage) : key;
}

/** The display name of a group key of a snapshot, by its scheme (lifecycle stages are worded as stages). */
export function schemeGroupName(key: string, scheme: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  return scheme === 'lifecycle' ? stageName(key, t) : groupName(key, t);
}

/**
 * A problem of a rule segment in words, "Condition 2: …", with the field and the operator in
 * its params named as the builder shows them (not as their keys).
 * @param row the condition's number as the user counts them ('2'), '' for the rule as a whole
 */
export function ruleProblem(notice: Notice, row: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  const params: Record<string, string | number> = { ...notice.params };
  const field = String(params.field ?? '');
  const op = String(params.op ?? '');
  if (Object.hasOwn(RULE_FIELDS, field)) params.field = t(`rules.field.${field as RuleField}`);
  if (RULE_OPS.some((o) => o === op)) params.op = t(`rules.op.${op as RuleOp}`);
  const message = isMessageKey(notice.code) ? t(notice.code, params) : t('error.unexpected', { message: notice.code });
  return row ? t('rules.problem', { path: row, message }) : message;
}
