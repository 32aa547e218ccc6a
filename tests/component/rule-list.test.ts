import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import RuleList from '../../src/views/segments/RuleList.svelte';
import { RFM11_RULES } from '../../src/lib/domain';
import type { SegmentsState } from '../../src/lib/state/segments.svelte';

function fakeSegs(over: Partial<Record<string, unknown>> = {}) {
  return {
    rules: RFM11_RULES, bins: 5, busy: false, preset: 'rfm11',
    moveRule: vi.fn(async () => {}), setRange: vi.fn(async () => {}), resetCustom: vi.fn(async () => {}),
    ...over,
  } as unknown as SegmentsState & { moveRule: ReturnType<typeof vi.fn>; setRange: ReturnType<typeof vi.fn> };
}

describe('RFM preset editor', () => {
  it('shows the rules in the order they are applied, named in the current language', () => {
    render(RuleList, { segs: fakeSegs(), shadowed: [] });
    const names = Array.from(document.querySelectorAll('li .name'), (n) => n.textContent);
    expect(names[0]).toBe('Champions');
    expect(names[2]).toBe('New customers');
    expect(names).toHaveLength(11);
  });

  it('moves a rule and edits a score range', async () => {
    const segs = fakeSegs();
    render(RuleList, { segs, shadowed: [] });
    await fireEvent.click(screen.getByRole('button', { name: 'Move New customers up' }));
    expect(segs.moveRule).toHaveBeenCalledWith(2, -1);
    expect((screen.getByRole('button', { name: 'Move Champions up' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Champions R min' }), { target: { value: '3' } });
    expect(segs.setRange).toHaveBeenCalledWith(0, 'R', [3, 5]);
  });

  it('warns about a rule that earlier rules shadow completely', () => {
    render(RuleList, { segs: fakeSegs({ preset: 'custom' }), shadowed: [2] });
    expect(screen.getByRole('note').textContent).toContain('“New customers” can never match');
    expect(screen.getByRole('button', { name: 'Reset my rules to the 11-segment preset' })).toBeTruthy();
  });
});
