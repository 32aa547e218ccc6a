import { describe, expect, it } from 'vitest';
import { fitProblems, unpinnedParameters, userCalibration } from '../../../../../src/lib/domain';

describe('unpinnedParameters', () => {
  it('names parameters at a bound or without a usable standard error, as fitProblems does', () => {
    const params = { r: 0.24, alpha: 4.4, a: 1e-9, b: 2.4e7 };
    const se = { r: 0.01, alpha: 0.2, a: Infinity, b: NaN };
    expect(unpinnedParameters(params, se)).toEqual(['a', 'b']);
    expect(unpinnedParameters({ r: 0.24 }, { r: 0 })).toEqual(['r']);
    expect(unpinnedParameters({ r: 0.24 }, {})).toEqual(['r']);
    expect(unpinnedParameters({ r: 0.24, alpha: 4.4 }, { r: 0.01, alpha: 0.2 })).toEqual([]);
    expect(fitProblems('BG/NBD', params, se, ['a', 'b'])[0].params).toEqual({ model: 'BG/NBD', parameters: 'a, b' });
  });
});

describe('userCalibration', () => {
  it('counts the whole weeks held out after the user’s calibration end, 0 on or after the last order', () => {
    expect(userCalibration(100, 128)).toEqual({ code: 'value.calibration.user', params: { weeks: 4 } });
    expect(userCalibration(100, 113)).toEqual({ code: 'value.calibration.user', params: { weeks: 1 } });
    expect(userCalibration(140, 128)).toEqual({ code: 'value.calibration.user', params: { weeks: 0 } });
  });
});
