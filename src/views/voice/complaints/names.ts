/** How the complaints part names topics, kinds and severities. */
import type { MessageKey } from '../../../lib/i18n/messages';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** The default topics and "other", worded in the page's language (DEFAULT_TOPICS, OTHER_TOPIC). */
const TOPIC_WORDS: Readonly<Record<string, MessageKey>> = {
  delivery: 'complaints.topic.delivery',
  quality: 'complaints.topic.quality',
  price: 'complaints.topic.price',
  staff: 'complaints.topic.staff',
  refund: 'complaints.topic.refund',
  other: 'complaints.topic.other',
};

const SEVERITY_WORDS: readonly MessageKey[] = ['complaints.severity.0', 'complaints.severity.1', 'complaints.severity.2', 'complaints.severity.3'];

/** A topic's name: the default topics and "other" in the page's language, a file's or user's topic as written. */
export function topicName(topic: string, t: T): string {
  const key = Object.hasOwn(TOPIC_WORDS, topic) ? TOPIC_WORDS[topic] : undefined;
  return key ? t(key) : topic;
}

/** A severity's name (0 = unknown). */
export function severityName(severity: number, t: T): string {
  return t(SEVERITY_WORDS[severity >= 1 && severity <= 3 ? severity : 0]);
}
