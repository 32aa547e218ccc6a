import type { MessageKey } from '../../lib/i18n/messages';
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
