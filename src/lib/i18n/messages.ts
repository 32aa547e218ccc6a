/**
 * The message catalogs, one file per language (`locales/en.ts`, `locales/zh.ts`), composed here.
 * Placeholders are written {name}. Domain notices use their `code` as the key.
 */
import { en, type MessageKey } from './locales/en';
import { zh } from './locales/zh';

export { en, zh, type MessageKey };

export const catalogs = { en, zh } as const;

/** Whether a string is a key of the catalogs (for keys built at run time from data). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Fill {placeholders} of a message. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
