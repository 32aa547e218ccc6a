import { catalogs, interpolate, isMessageKey, type MessageKey } from './messages';
import type { Locale } from './format';
import type { Notice } from '../domain/types';

const STORAGE_KEY = 'cswb.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall back to the browser language
  }
  const lang = globalThis.navigator?.language ?? 'zh';
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The interface language; read `i18n.locale`, translate with `i18n.t(key, params)`. */
class I18n {
  #locale = $state<Locale>(initialLocale());

  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    this.#locale = value;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, value);
    } catch {
      // not persisted: the choice still applies to this page
    }
    if (globalThis.document) document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
  }

  toggle(): void {
    this.locale = this.#locale === 'zh' ? 'en' : 'zh';
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    interpolate(catalogs[this.#locale][key] ?? key, params);

  /** Word a key looked up from data (`segmentKey(s)` in keys.ts); the raw value when there is none. */
  label = (key: MessageKey | undefined, raw: string): string => (key ? this.t(key) : raw);

  /**
   * Word a notice from the domain or the engine; unknown codes fall back to a generic message. A
   * notice whose params name a `reason` with words of its own (`code.reason`) gets those words.
   */
  notice = (notice: Notice): string => {
    const table = catalogs[this.#locale];
    const reason = notice.params?.reason;
    const precise = typeof reason === 'string' ? REASONED[notice.code]?.(reason) : undefined;
    if (precise && isMessageKey(precise)) return interpolate(table[precise], notice.params);
    return isMessageKey(notice.code)
      ? interpolate(table[notice.code], notice.params)
      : interpolate(table['error.unexpected'], { message: notice.code });
  };
}

/** Notice codes whose `reason` param has words of its own. */
const REASONED: Record<string, (reason: string) => string> = {
  'model.invalidCustomer': (reason) => `model.invalidCustomer.${reason}`,
};

export const i18n = new I18n();
