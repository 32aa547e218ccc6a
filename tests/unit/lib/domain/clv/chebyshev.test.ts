import { describe, expect, it } from 'vitest';
import { GeometricChebyshev } from '../../../../../src/lib/domain/clv/chebyshev';

describe('GeometricChebyshev', () => {
  it('reproduces a function singular at 0 (y^−0.3 · (1 + y)) to ~1e−14 on every piece, once a piece has been asked for often enough', () => {
    const f = (y: number) => y ** -0.3 * (1 + y);
    const approx = new GeometricChebyshev(f);
    // the first asks in a piece are answered NaN (the caller computes those itself)
    expect(Number.isNaN(approx.at(0.7))).toBe(true);
    for (let k = 0; k < 60; k++) for (const y of [0.7, 0.3, 0.2, 0.01, 1e-6]) approx.at(y);
    let worst = 0, used = 0;
    for (let k = 1; k <= 2000; k++) {
      const y = Math.exp(-14 * ((k * 0.6180339887498949) % 1)); // 8e-7 … 1
      const v = approx.at(y);
      if (Number.isNaN(v)) continue;
      used++;
      worst = Math.max(worst, Math.abs(v - f(y)) / f(y));
    }
    expect(used).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(2e-14);
    expect(approx.at(1)).toBeCloseTo(2, 13);
    expect(approx.at(0.5)).toBeCloseTo(f(0.5), 13);
  });

  it('never uses a piece the series cannot follow (a kink) or where the function fails: NaN, so the caller computes directly', () => {
    const kinked = new GeometricChebyshev((y) => Math.abs(y - 0.75) + 1);
    const failing = new GeometricChebyshev((y) => {
      if (y < 0.5) throw { code: 'model.hyp2f1NotConverged' };
      return y;
    });
    for (let k = 0; k < 60; k++) {
      kinked.at(0.8);
      failing.at(0.3);
      failing.at(0.9);
    }
    expect(Number.isNaN(kinked.at(0.8))).toBe(true);
    expect(kinked.pieces[0]).toBeNull();
    expect(Number.isNaN(failing.at(0.3))).toBe(true);
    expect(failing.pieces[1]).toBeNull();
    expect(failing.at(0.9)).toBeCloseTo(0.9, 14);
  });
});
