import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import RfmNotes from '../../../../src/views/segments/RfmNotes.svelte';
import { SegmentsState } from '../../../../src/lib/state/segments.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import type { RfmRequest, RfmResult } from '../../../../workers/api';
import { fakeContext, rfmHandle, rfmResult } from '../../fakes';

/** What the engine says of a scoring with strict quantiles on skewed data. */
function skewed(request: RfmRequest): RfmResult {
  const method = request.method ?? 'tie-aware';
  return {
    ...rfmResult(rfmHandle(request), ['champions', 'others']),
    method,
    warnings: method === 'quantile'
      ? [{ code: 'rfm.emptyLevels', params: { score: 'F', levels: '2, 3, 4' } }, { code: 'rfm.manyOthers', params: { share: 0.23 } }]
      : [{ code: 'rfm.manyOthers', params: { share: 0.12 } }],
  };
}

async function setUp() {
  const api = { rfm: vi.fn(async (_id: string, request: RfmRequest) => skewed(request)), persona: vi.fn(async () => null), customers: vi.fn() };
  const segs = new SegmentsState(fakeContext(api));
  await segs.ensure();
  await segs.rfm.setOptions({ method: 'quantile' });
  const view = render(RfmNotes, { result: segs.rfm.result!, busy: false, onmethod: (method: 'quantile' | 'tie-aware') => segs.rfm.setOptions({ method }) });
  return { api, segs, view };
}

describe('RFM panel: what the engine warns about', () => {
  it('shows each warning in words, saying why and what to change, and which binning is used', async () => {
    await setUp();
    const box = within(screen.getByTestId('rfm-warnings'));
    expect(box.getByText('Check these scores')).toBeTruthy();
    const items = box.getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toContain('No customer has F score 2, 3, 4');
    expect(items[0]).toContain('Use fewer score bins or your own bin edges');
    expect(items[1]).toContain('match no segment rule');
    expect(screen.getByTestId('rfm-binning').textContent).toContain('Binning: strict quantiles');
    expect(document.body.textContent).not.toContain('rfm.');
  });

  it('offers tie-aware binning when strict quantiles leave score levels empty, and asks the engine for it', async () => {
    const { api, segs, view } = await setUp();
    expect(api.rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ method: 'quantile' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Use tie-aware binning' }));
    expect(api.rfm).toHaveBeenLastCalledWith('d', expect.objectContaining({ method: 'tie-aware' }));
    expect(segs.rfm.method).toBe('tie-aware');
    await view.rerender({ result: segs.rfm.result! });
    expect(screen.getByTestId('rfm-binning').textContent).toContain('Binning: tie-aware');
    expect(screen.queryByRole('button', { name: 'Use tie-aware binning' })).toBeNull();
    expect(within(screen.getByTestId('rfm-warnings')).getAllByRole('listitem')).toHaveLength(1);
  });

  it('words the warnings in Chinese too', async () => {
    await setUp();
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByTestId('rfm-warnings').textContent).toContain('没有客户的 F 得分为 2, 3, 4');
    expect(screen.getByTestId('rfm-binning').textContent).toContain('严格分位数');
  });
});
