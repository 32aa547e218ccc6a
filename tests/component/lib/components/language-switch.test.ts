import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import LanguageSwitch from '../../../../src/lib/components/LanguageSwitch.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';

describe('LanguageSwitch', () => {
  it('toggles the interface language and remembers it', async () => {
    render(LanguageSwitch);
    const button = screen.getByRole('button', { name: 'Switch the interface to Chinese' });
    expect(button.textContent?.trim()).toBe('中文');
    await fireEvent.click(button);
    expect(i18n.locale).toBe('zh');
    expect(localStorage.getItem('cswb.locale')).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    const back = screen.getByRole('button', { name: 'Switch the interface to English' });
    expect(back.textContent?.trim()).toBe('EN');
    await fireEvent.click(back);
    expect(i18n.locale).toBe('en');
  });

  it('translates every message key into both languages', async () => {
    const { en, zh } = await import('../../../../src/lib/i18n/messages');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zh).length).toBeGreaterThan(0);
    for (const [key, text] of Object.entries(zh)) {
      expect(text.length, key).toBeGreaterThan(0);
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});
