import type { MessageKey } from '../../lib/i18n/messages';

/** The display name of a group key from any grouping (RFM segment, tier, stage, rule, cluster). */
export function groupName(key: string, t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  const tier = /^tier_(\d+)$/.exec(key);
  if (tier) return ['1', '2', '3'].includes(tier[1]) ? t(`tier.${tier[1]}` as MessageKey) : t('tier.n', { n: tier[1] });
  const cluster = /^cluster_(\d+)$/.exec(key);
  if (cluster) return t('cluster.n', { n: cluster[1] });
  if (key === 'rule') return t('rules.members');
  return t(`seg.${key}` as MessageKey);
}

/** Lifecycle stage names (kept apart: 'lost' is also an RFM segment). */
export function stageName(key: string, t: (k: MessageKey) => string): string {
  return t(`stage.${key}` as MessageKey);
}
