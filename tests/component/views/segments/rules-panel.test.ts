import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import RulesPanel from '../../../../src/views/segments/RulesPanel.svelte';
import { SegmentsState } from '../../../../src/lib/state/segments.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { validateRule, type FieldValueCounts, type RuleGroup } from '../../../../src/lib/domain';
import type { RuleResult } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

/** What the engine says a field holds. */
const VALUES: Record<string, FieldValueCounts> = {
  city: { field: 'city', values: [{ value: '上海市', count: 1234 }, { value: '北京', count: 56 }, { value: '大上海', count: 7 }], distinct: 3, known: 1297 },
  gender: { field: 'gender', values: [{ value: 'F', count: 2569 }, { value: 'M', count: 2431 }, { value: '1', count: 30 }], distinct: 3, known: 5030 },
  channel: { field: 'channel', values: [{ value: '门店', count: 900 }], distinct: 812, known: 5000 },
};

function setUp() {
  const api = {
    rule: vi.fn(async (_id: string, group: RuleGroup): Promise<RuleResult> => {
      const problems = validateRule(group);
      return { analysisDay: 20_000, asOfDay: 19_999, size: 10, share: 0.1, revenue: 100, revenueShare: 0.1, problems, handle: problems.length ? null : { id: JSON.stringify(group), definition: { kind: 'rule', group } } };
    }),
    fieldValues: vi.fn(async (_id: string, field: string) => VALUES[field]),
    persona: vi.fn(async () => null),
  };
  const segs = new SegmentsState(fakeContext(api));
  render(RulesPanel, { segs, currency: 'CNY' });
  return { api, segs };
}

const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ').trim();

/** The value box of the last condition. */
const lastCombobox = () => screen.getAllByRole('combobox', { name: 'Value' }).at(-1)!;

describe('rule builder: values from the data', () => {
  it('offers the values of a text field with their counts, most common first', async () => {
    const { api } = setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const box = lastCombobox();
    box.focus();
    await tick();
    await waitFor(() => expect(api.fieldValues).toHaveBeenCalledWith('d', 'city'));
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByRole('listbox', { name: 'Values of City in the data, with customers' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(3));
    expect(within(list).getAllByRole('option').map(text)).toEqual(['上海市 1,234', '北京 56', '大上海 7']);
  });

  it('narrows the list as the user types, and picks with the keyboard', async () => {
    const { api } = setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const box = lastCombobox() as HTMLInputElement;
    box.focus();
    await tick();
    await fireEvent.input(box, { target: { value: '上海' } });
    const list = screen.getByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option').map(text)).toEqual(['上海市 1,234', '大上海 7']));
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    const first = within(list).getAllByRole('option')[0];
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(first.id);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('上海市');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(api.rule).toHaveBeenLastCalledWith('d', {
      combine: 'and', conditions: [{ field: 'orders', op: 'gte', value: 2 }, { field: 'city', op: 'eq', value: '上海市' }],
    }, { analysisDay: undefined }));
    await fireEvent.keyDown(box, { key: 'ArrowDown' }); // opens again
    expect(box.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  it('completes each entry of an "is one of" list and leaves the values already taken out', async () => {
    const { api } = setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const ops = screen.getAllByRole('combobox', { name: 'Condition' }).at(-1)! as HTMLSelectElement;
    await fireEvent.change(ops, { target: { value: 'in' } });
    const box = lastCombobox() as HTMLInputElement;
    box.focus();
    await fireEvent.input(box, { target: { value: '上' } });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('上海市, ');
    expect(box.getAttribute('aria-expanded')).toBe('true'); // open for the next one
    const list = screen.getByRole('listbox');
    expect(within(list).getAllByRole('option').map(text)).toEqual(['北京 56', '大上海 7']);
    await fireEvent.keyDown(box, { key: 'ArrowUp' }); // from the end
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('上海市, 大上海, ');
    await waitFor(() => expect(api.rule).toHaveBeenLastCalledWith('d', expect.objectContaining({
      conditions: [{ field: 'orders', op: 'gte', value: 2 }, { field: 'city', op: 'in', value: ['上海市', '大上海'] }],
    }), { analysisDay: undefined }));
  });

  it('offers contains and starts with for text, and says when only the most common values are listed', async () => {
    const { api } = setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const ops = screen.getAllByRole('combobox', { name: 'Condition' }).at(-1)! as HTMLSelectElement;
    expect([...ops.options].map((o) => o.textContent)).toEqual(['is', 'is not', 'is one of', 'contains', 'starts with']);
    await fireEvent.change(ops, { target: { value: 'contains' } });
    await fireEvent.input(lastCombobox(), { target: { value: '上海' } });
    await waitFor(() => expect(api.rule).toHaveBeenLastCalledWith('d', expect.objectContaining({
      conditions: [{ field: 'orders', op: 'gte', value: 2 }, { field: 'city', op: 'contains', value: '上海' }],
    }), { analysisDay: undefined }));
    const fields = screen.getAllByRole('combobox', { name: 'Field' }).at(-1)! as HTMLSelectElement;
    await fireEvent.change(fields, { target: { value: 'channel' } });
    lastCombobox().focus();
    await waitFor(() => expect(screen.getByText('The 1 most common of 812 values are listed.')).toBeTruthy());
  });

  it('picks gender from its values, worded in the interface language, with counts', async () => {
    const { api } = setUp();
    await fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const fields = screen.getAllByRole('combobox', { name: 'Field' }).at(-1)! as HTMLSelectElement;
    await fireEvent.change(fields, { target: { value: 'gender' } });
    await waitFor(() => expect(api.fieldValues).toHaveBeenCalledWith('d', 'gender'));
    const value = () => screen.getAllByRole('combobox', { name: 'Value' }).at(-1)! as HTMLSelectElement;
    await waitFor(() => expect([...value().options].map((o) => o.textContent)).toEqual(['Female (2,569)', 'Male (2,431)', '1 (30)']));
    await fireEvent.change(value(), { target: { value: 'M' } });
    await waitFor(() => expect(api.rule).toHaveBeenLastCalledWith('d', expect.objectContaining({
      conditions: [{ field: 'orders', op: 'gte', value: 2 }, { field: 'gender', op: 'eq', value: 'M' }],
    }), { analysisDay: undefined }));
    const select = value();
    i18n.locale = 'zh';
    flushSync();
    expect([...select.options].map((o) => o.textContent)).toEqual(['女（2,569）', '男（2,431）', '1（30）']);
    const ops = screen.getAllByRole('combobox', { name: '条件' }).at(-1)! as HTMLSelectElement;
    expect([...ops.options].map((o) => o.textContent)).toEqual(['等于', '不等于']);
  });

  it('names the text operators in Chinese', async () => {
    setUp();
    i18n.locale = 'zh';
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: '添加条件' }));
    const ops = screen.getAllByRole('combobox', { name: '条件' }).at(-1)! as HTMLSelectElement;
    expect([...ops.options].map((o) => o.textContent)).toEqual(['等于', '不等于', '属于', '包含', '开头是']);
  });

  it('words a bad value next to its condition, naming the field as the builder does', async () => {
    setUp();
    const orders = screen.getByRole('textbox', { name: 'Value' });
    await fireEvent.input(orders, { target: { value: 'many' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(
      'Condition 1: The value for “Orders” is missing or has the wrong form. Enter what the condition needs: a number, a text, values separated by commas, or a range such as 18-35.',
    ));
    expect(orders.getAttribute('aria-invalid')).toBe('true');
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByRole('alert').textContent).toContain('条件 1：“订单数”的值缺失或格式不对');
    await fireEvent.input(orders, { target: { value: '2' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
