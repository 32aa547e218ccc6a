/** How the Voice page names its groups (the figures themselves: src/lib/i18n/voice-format.ts). */
import type { MessageKey } from '../../lib/i18n/messages';
import type { Locale } from '../../lib/i18n/format';
import { OTHER_VALUES } from '../../lib/domain/segments/attribute';
import type { VoiceResult } from '../../../workers/api';
import { groupName, stageName } from '../segments/names';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** A group's name as its grouping words it (lifecycle stages apart: 'lost' is also an RFM segment). */
export function groupLabel(kind: VoiceResult['grouping']['kind'], key: string, t: T): string {
  if (kind === 'attribute') return key === OTHER_VALUES ? t('voice.otherValues') : key;
  return kind === 'lifecycle' ? stageName(key, t) : groupName(key, t);
}

/**
 * The two names of a comparison sentence ("{a} NPS is … higher than {b}"): in English both
 * possessive (Champions’, Hibernating’s), in Chinese the first with 的 (冠军客户的 … 比沉睡客户).
 */
export function comparedNames(a: string, b: string, locale: Locale): { a: string; b: string } {
  if (locale === 'zh') return { a: `${a}的`, b };
  const own = (s: string) => (s.endsWith('s') ? `${s}’` : `${s}’s`);
  return { a: own(a), b: own(b) };
}
