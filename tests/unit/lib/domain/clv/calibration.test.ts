import { describe, expect, it } from 'vitest';
import { defaultCalibrationEnd, fitProblems } from '../../../../../src/lib/domain';

describe('defaultCalibrationEnd', () => {
  it('holds out the last third (whole weeks, 13–52) of a long enough history, else nothing', () => {
    // 78 weeks (CDNOW's span): 26 held out
    expect(defaultCalibrationEnd(0, 546)).toMatchObject({ calibrationEndDay: 364, holdoutDays: 182, notice: { code: 'value.calibration.holdout', params: { weeks: 26 } } });
    // 39 weeks: exactly 26 + 13
    expect(defaultCalibrationEnd(100, 373)).toMatchObject({ calibrationEndDay: 282, holdoutDays: 91 });
    // 5 years: capped at 52 weeks
    expect(defaultCalibrationEnd(0, 1826).holdoutDays).toBe(364);
    // 38 weeks: too short
    expect(defaultCalibrationEnd(0, 266)).toMatchObject({ calibrationEndDay: 266, holdoutDays: 0, notice: { code: 'value.calibration.noHoldout', params: { weeks: 38 } } });
  });
});

describe('fitProblems', () => {
  it('names parameters at a bound or with standard errors of 0 or ∞', () => {
    // the BG/NBD fit the app showed on the Online Retail sample with no holdout ("a 0 ± 0 · b 0 ± 0")
    const bg = { r: 0.499, alpha: 23.3, a: 6.6e-13, b: 5.2e-12 };
    expect(fitProblems('BG/NBD', bg, { r: 0.058, alpha: 3.25, a: 4.1e-13, b: 1.3e-14 }, ['a', 'b']))
      .toEqual([{ code: 'model.dropoutUnidentified', params: { model: 'BG/NBD', parameters: 'a, b' } }]);
    // Pareto/NBD there: s 3.3e-7, β 98,037 with an SE of 1.5e7 (finite, but s is at the bound)
    expect(fitProblems('Pareto/NBD', { r: 0.53, alpha: 25.7, s: 3.3e-7, beta: 98_037 }, { r: 0.06, alpha: 3.3, s: 1e-4, beta: 1.5e7 }, ['s', 'beta']))
      .toEqual([{ code: 'model.dropoutUnidentified', params: { model: 'Pareto/NBD', parameters: 's' } }]);
    // CDNOW's reference fit (DESIGN.md: r 0.243, α 4.414, a 0.793, b 2.426) has nothing to flag
    expect(fitProblems('BG/NBD', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: 0.013, alpha: 0.38, a: 0.19, b: 0.71 }, ['a', 'b'])).toEqual([]);
    expect(fitProblems('BG/NBD', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: Infinity, alpha: 0.38, a: 0.19, b: 0.71 }, ['a', 'b']))
      .toEqual([{ code: 'model.unidentified', params: { model: 'BG/NBD', parameters: 'r' } }]);
  });
});
