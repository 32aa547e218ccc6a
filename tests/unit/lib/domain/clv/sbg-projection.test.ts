import { describe, expect, it } from 'vitest';
import { projectSbg } from '../../../../../src/lib/domain';

describe('projectSbg', () => {
  it('recovers α = β = 1 from its own survival curve S(t) = 1/(t+1), and projects it', () => {
    // with α = β = 1: S(t) = 1/(t+1), r_t = t/(t+1)
    const survivors = [1000, 500, 1000 / 3, 250, 200, 1000 / 6, 1000 / 7];
    const p = projectSbg(survivors);
    expect(p.alpha).toBeCloseTo(1, 3);
    expect(p.beta).toBeCloseTo(1, 3);
    expect(p.horizon).toBe(12); // at least 12 periods (twice the 6 observed is 12 too)
    expect(p.rows).toHaveLength(13);
    expect(p.rows[0]).toEqual({ t: 0, actual: 1, survival: 1, retention: null });
    for (const t of [1, 2, 3, 6, 12]) {
      expect(p.rows[t].survival, `S(${t})`).toBeCloseTo(1 / (t + 1), 3);
      expect(p.rows[t].retention, `r(${t})`).toBeCloseTo(t / (t + 1), 3);
    }
    expect(p.rows[3].actual).toBeCloseTo(0.25, 12);
    expect(p.rows[6].actual).toBeCloseTo(1 / 7, 12);
    expect(p.rows[7].actual).toBeNull();
    // truncated at 12 periods: 1 + 1/2 + … + 1/12
    expect(p.lifetime).toBeCloseTo(3.1032, 3);
  });

  it('projects twice as far as observed when that is more than 12 periods', () => {
    const survivors = Array.from({ length: 9 }, (_, t) => 1000 / (t + 1));
    expect(projectSbg(survivors).horizon).toBe(16);
  });

  it('reproduces the published example (Fader & Hardie 2007)', () => {
    const p = projectSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
    expect(p.alpha).toBeCloseTo(0.704, 3);
    expect(p.beta).toBeCloseTo(1.182, 3);
    expect(p.rows[1].retention).toBeCloseTo(1.182 / (0.704 + 1.182), 3);
    expect(p.rows[8].retention!).toBeGreaterThan(p.rows[1].retention!);
  });

  it('refuses a series it cannot fit, like the fit itself', () => {
    expect(() => projectSbg([100, 120, 90])).toThrow(expect.objectContaining({ code: 'model.badSurvivors' }));
    expect(() => projectSbg([100])).toThrow(expect.objectContaining({ code: 'model.badSurvivors' }));
  });
});
