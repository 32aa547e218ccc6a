/** How the actions section words an action: its type, channel, status and what it was made of. */
import type { Action, ActionChannel, ActionStatus, ActionType } from '../../../lib/domain/act/action';
import type { MessageKey } from '../../../lib/i18n/messages';
import type { ActionSource, CareListKey } from '../../../../workers/api';
import type { ActionGrouping } from '../../../lib/state/act/actions.svelte';
import { groupName, stageName } from '../../segments/names';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export const TYPE_WORD: Record<ActionType, MessageKey> = {
  winback: 'action.type.winback', care: 'action.type.care', vip: 'action.type.vip', onboarding: 'action.type.onboarding',
  upgrade: 'action.type.upgrade', holiday: 'action.type.holiday', other: 'action.type.other',
};

export const CHANNEL_WORD: Record<ActionChannel, MessageKey> = {
  sms: 'action.channel.sms', email: 'action.channel.email', phone: 'action.channel.phone', wechat: 'action.channel.wechat',
  push: 'action.channel.push', store: 'action.channel.store', other: 'action.channel.other',
};

export const STATUS_WORD: Record<ActionStatus, MessageKey> = {
  planned: 'action.status.planned', running: 'action.status.running', done: 'action.status.done',
};

export const GROUPING_WORD: Record<ActionGrouping, MessageKey> = {
  rfm: 'action.grouping.rfm', tiers: 'action.grouping.tiers', lifecycle: 'action.grouping.lifecycle',
};

const LIST_WORD: Record<CareListKey, MessageKey> = {
  birthdays: 'action.list.birthdays', anniversaries: 'action.list.anniversaries', winback: 'action.list.winback', vip: 'action.list.vip',
  secondPurchase: 'action.list.secondPurchase', complaintFollowUp: 'action.list.complaintFollowUp', upgradeNudge: 'action.list.upgradeNudge',
};

/** A segment's name as its grouping words it. */
export function segmentWord(kind: string, key: string, t: T): string {
  return kind === 'lifecycle' ? stageName(key, t) : groupName(key, t);
}

/** What an action is made of, in words ("Ready list: Win-back", "Champions (RFM segments)", "All customers"). */
export function sourceWords(source: ActionSource | Action['source'] | null, t: T): string {
  const s = source as { kind?: unknown; request?: { list?: unknown }; grouping?: { definition?: { kind?: unknown } }; segment?: unknown } | null;
  if (!s || typeof s !== 'object') return t('action.source.unknown');
  if (s.kind === 'all') return t('action.source.all');
  if (s.kind === 'list' && typeof s.request?.list === 'string' && s.request.list in LIST_WORD) {
    return t('action.source.list', { list: t(LIST_WORD[s.request.list as CareListKey]) });
  }
  if (s.kind === 'segment' && typeof s.segment === 'string') {
    const kind = typeof s.grouping?.definition?.kind === 'string' ? s.grouping.definition.kind : '';
    const grouping = kind in GROUPING_WORD ? t(GROUPING_WORD[kind as ActionGrouping]) : t('action.grouping.other');
    return t('action.source.segment', { segment: segmentWord(kind, s.segment, t), grouping });
  }
  return t('action.source.unknown');
}

/** A short name for an action made of this source ("Win-back", "At risk", "All customers"): the form's suggestion. */
export function sourceName(source: ActionSource | null, t: T): string {
  if (!source) return '';
  if (source.kind === 'list' && source.request?.list in LIST_WORD) return t(LIST_WORD[source.request.list]);
  if (source.kind === 'segment' && typeof source.segment === 'string') return segmentWord(source.grouping?.definition?.kind ?? '', source.segment, t);
  return sourceWords(source, t);
}
