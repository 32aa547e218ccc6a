import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ModelSettings from '../../../../src/views/value/ModelSettings.svelte';
import ModelParams from '../../../../src/views/value/ModelParams.svelte';
import { ValueFit } from '../../../../src/lib/state/value/fit.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { dayFromCivil } from '../../../../src/lib/domain';
import type { CalibrationDefault, ValueResult } from '../../../../workers/api';
import { fakeContext } from '../../fakes';

const lastDay = dayFromCivil(2025, 12, 31);
const holdout: CalibrationDefault = {
  calibrationEndDay: lastDay - 52 * 7, lastDay, notice: { code: 'value.calibration.holdout', params: { weeks: 52 } },
};

/** A fit as the engine returns it: by default a short history, no holdout, BG/NBD's dropout not identified. */
function valueResult(over: Partial<ValueResult> = {}): ValueResult {
  return {
    calibrationEndDay: lastDay, lastDay, timeUnit: 'W', customers: 400, repeaters: 120,
    spendLeftOut: 0,
    bgNbd: { r: 0.25, alpha: 4.1, a: 1e-9, b: 3.2, logLikelihood: -1234.5, converged: true, se: { r: 0.02, alpha: 0.3, a: Infinity, b: NaN } },
    paretoNbd: { r: 0.26, alpha: 4.3, s: 0.4, beta: 9.5, logLikelihood: -1230.1, converged: true, se: { r: 0.02, alpha: 0.3, s: 0.05, beta: 1.1 } },
    paretoError: null,
    gammaGamma: { p: 6.2, q: 3.7, gamma: 15.4, logLikelihood: -4000, converged: true },
    model: 'bgnbd', better: null,
    calibration: { code: 'value.calibration.noHoldout', params: { weeks: 30, minWeeks: 39 } },
    fitWarnings: { bgnbd: [{ code: 'model.dropoutUnidentified', params: { model: 'BG/NBD', parameters: 'a, b' } }], pareto: [] },
    totals: { clv: 1000, expected90: 50, meanPAlive: 0.99 },
    holdout: [], holdoutMae: { bgnbd: null, pareto: null }, heat: [], tracking: [], bySegment: [],
    ...over,
  };
}

function fitState(answer: CalibrationDefault | null, result: ValueResult = valueResult()) {
  const api = {
    calibrationDefault: vi.fn(async () => answer),
    value: vi.fn(async () => result),
  };
  return { api, model: new ValueFit(fakeContext(api)) };
}

const dateInput = () => screen.getByLabelText('Calibration end') as HTMLInputElement;

describe('Value page: the calibration end', () => {
  it('shows the default date in the input before any fit, and says how it was chosen', async () => {
    const { model } = fitState(holdout);
    await model.loadDefault();
    render(ModelSettings, { model, analysisDay: undefined, latest: null, onanalysisday: vi.fn(), busy: false, onfit: vi.fn() });
    expect(dateInput().value).toBe('2025-01-01');
    expect(screen.getByTestId('calibration-default').textContent).toBe('default');
    expect(screen.getByTestId('calibration-note').textContent).toContain('Calibration ends 52 weeks before the end of the data');
  });

  it('says what the user’s own date holds out, and goes back to the default', async () => {
    const { model } = fitState(holdout);
    await model.loadDefault();
    render(ModelSettings, { model, analysisDay: undefined, latest: null, onanalysisday: vi.fn(), busy: false, onfit: vi.fn() });
    await fireEvent.change(dateInput(), { target: { value: '2025-12-03' } });
    expect(model.request.calibrationEndDay).toBe(dayFromCivil(2025, 12, 3));
    expect(screen.getByTestId('calibration-note').textContent).toContain('Calibration ends where you set it; 4 weeks after it are held out');
    expect(screen.queryByTestId('calibration-default')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Use the default' }));
    expect(model.request.calibrationEndDay).toBeUndefined();
    expect(dateInput().value).toBe('2025-01-01');
  });

  it('warns when the history is too short to hold anything out, in both languages', async () => {
    const { model } = fitState({ calibrationEndDay: lastDay, lastDay, notice: { code: 'value.calibration.noHoldout', params: { weeks: 30, minWeeks: 39 } } });
    await model.loadDefault();
    render(ModelSettings, { model, analysisDay: undefined, latest: null, onanalysisday: vi.fn(), busy: false, onfit: vi.fn() });
    const note = screen.getByTestId('calibration-note');
    expect(note.textContent).toContain('The history spans only 30 weeks, so nothing is held out');
    expect(note.classList.contains('no-holdout')).toBe(true);
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByTestId('calibration-note').textContent).toContain('历史只有 30 周');
  });
});

describe('Value page: honest model fits', () => {
  it('words each model’s fit warnings next to its row and marks the parameters the data cannot pin down', async () => {
    const { model } = fitState(null);
    await model.fit(null);
    render(ModelParams, { result: model.result!, unpinned: model.unpinned });
    const warning = screen.getByTestId('fit-warnings-bgnbd');
    expect(warning.getAttribute('role')).toBe('note');
    expect(warning.textContent).toContain('BG/NBD: the data cannot tell when customers stop buying (a, b at the edge');
    expect(screen.queryByTestId('fit-warnings-pareto')).toBeNull();
    // the warning sits right below BG/NBD's row
    const row = document.querySelector('[data-model="bgnbd"]')!;
    expect(row.nextElementSibling?.contains(warning)).toBe(true);
    const marked = Array.from(document.querySelectorAll('[data-unpinned]'), (e) => e.getAttribute('data-unpinned'));
    expect(marked).toEqual(['a', 'b']);
    expect(within(row as HTMLElement).getAllByText('The data cannot pin this parameter down: do not read much into its value.')).toHaveLength(2);
    expect(row.textContent).toContain('± ∞');
    expect(row.textContent).not.toContain('NaN');
  });

  it('calls no model better without a holdout, and says why', async () => {
    const { model } = fitState(null);
    await model.fit(null);
    render(ModelParams, { result: model.result!, unpinned: model.unpinned });
    expect(screen.queryByText('better on holdout')).toBeNull();
    expect(document.querySelector('.badge')).toBeNull();
    expect(screen.getByTestId('no-better').textContent).toContain('Without a holdout, neither model can be said to predict better');
  });

  it('shows the badge on the model with the lower holdout error when there is a holdout', async () => {
    const { model } = fitState(holdout, valueResult({
      better: 'pareto', holdoutMae: { bgnbd: 0.5, pareto: 0.4 }, calibration: holdout.notice, fitWarnings: { bgnbd: [], pareto: [] },
      bgNbd: { r: 0.25, alpha: 4.1, a: 0.8, b: 2.4, logLikelihood: -1234.5, converged: true, se: { r: 0.02, alpha: 0.3, a: 0.1, b: 0.3 } },
    }));
    await model.fit(null);
    render(ModelParams, { result: model.result!, unpinned: model.unpinned });
    const pareto = document.querySelector('[data-model="pareto"]') as HTMLElement;
    expect(within(pareto).getByText('better on holdout')).toBeTruthy();
    expect(screen.queryByTestId('no-better')).toBeNull();
    expect(document.querySelectorAll('[data-unpinned]')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('note')).toBeNull());
  });
});

describe('Value page: repeat customers the spend model leaves out', () => {
  it('says how many there are and how they are valued, in both languages; says nothing when there are none', async () => {
    const { model } = fitState(null, valueResult({ spendLeftOut: 1234 }));
    await model.fit(null);
    const { unmount } = render(ModelParams, { result: model.result!, unpinned: model.unpinned });
    const note = screen.getByTestId('spend-left-out');
    expect(note.textContent).toContain('1,234 repeat customers have a mean repeat spend of 0');
    expect(note.textContent).toContain('values them like first-time buyers');
    i18n.locale = 'zh';
    flushSync();
    expect(screen.getByTestId('spend-left-out').textContent).toContain('1,234 位重复购买客户的平均重复消费为 0');
    i18n.locale = 'en';
    flushSync();
    unmount();
    const none = fitState(null, valueResult({ spendLeftOut: 0 }));
    await none.model.fit(null);
    render(ModelParams, { result: none.model.result!, unpinned: none.model.unpinned });
    expect(screen.queryByTestId('spend-left-out')).toBeNull();
  });
});

describe('Value page: a calibration end at the last order', () => {
  it('says that nothing is held out instead of “0 weeks”, as a warning', async () => {
    const { model } = fitState(holdout);
    await model.loadDefault();
    render(ModelSettings, { model, analysisDay: undefined, latest: null, onanalysisday: vi.fn(), busy: false, onfit: vi.fn() });
    await fireEvent.change(dateInput(), { target: { value: '2025-12-31' } });
    const note = screen.getByTestId('calibration-note');
    expect(note.textContent).toContain('Calibration ends at the last order: nothing is held out');
    expect(note.textContent).not.toContain('0 weeks');
    expect(note.classList.contains('no-holdout')).toBe(true);
  });
});
