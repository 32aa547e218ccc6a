import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import RuleList from '../../src/views/segments/RuleList.svelte';
import { RFM11_RULES } from '../../src/lib/domain';

function props(over: { custom?: boolean; shadowed?: number[] } = {}) {
  return {
    rules: RFM11_RULES, bins: 5, busy: false, custom: over.custom ?? false, shadowed: over.shadowed ?? [],
    onmove: vi.fn(), onrange: vi.fn(), onreset: vi.fn(),
  };
}

describe('RFM preset editor', () => {
  it('shows the rules in the order they are applied, named in the current language', () => {
    render(RuleList, props());
    const names = Array.from(document.querySelectorAll('li .name'), (n) => n.textContent);
    expect(names[0]).toBe('Champions');
    expect(names[2]).toBe('New customers');
    expect(names).toHaveLength(11);
  });

  it('moves a rule and edits a score range', async () => {
    const p = props();
    render(RuleList, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Move New customers up' }));
    expect(p.onmove).toHaveBeenCalledWith(2, -1);
    expect((screen.getByRole('button', { name: 'Move Champions up' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Champions R min' }), { target: { value: '3' } });
    expect(p.onrange).toHaveBeenCalledWith(0, 'R', [3, 5]);
  });

  it('warns about a rule that earlier rules shadow completely', () => {
    render(RuleList, props({ custom: true, shadowed: [2] }));
    expect(screen.getByRole('note').textContent).toContain('“New customers” can never match');
    expect(screen.getByRole('button', { name: 'Reset my rules to the 11-segment preset' })).toBeTruthy();
  });
});
