import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import NoticeBanner from '../../../../src/lib/components/NoticeBanner.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';

describe('NoticeBanner', () => {
  it('explains a full storage quota in words, in both languages, and can be dismissed', async () => {
    const ondismiss = vi.fn();
    render(NoticeBanner, { notice: { code: 'error.quota' }, kind: 'error', ondismiss });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('no more storage space');
    expect(alert.textContent).toContain('Nothing was changed');
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByRole('alert').textContent).toContain('存储空间已满');
    await fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it('words an unknown engine error with its message instead of a raw code', () => {
    render(NoticeBanner, { notice: { code: 'error.unexpected', params: { message: 'disk on fire' } }, kind: 'error', ondismiss: () => {} });
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong: disk on fire');
  });
});
