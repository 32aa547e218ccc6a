import { describe, expect, it } from 'vitest';
import { csatSummary, normalCdf, normalQuantile, npsDifference, npsSummary, servqualDimension, servqualGaps } from '../../../../../src/lib/domain';

/** n answers: `promoters` 10s, `passives` 8s, `detractors` 3s. */
const answers = (promoters: number, passives: number, detractors: number) => [
  ...Array(promoters).fill(10), ...Array(passives).fill(8), ...Array(detractors).fill(3),
];

// Expected values below were computed independently with Python 3's statistics.NormalDist
// (inv_cdf / cdf) and the formulas written out by hand from the issue and MeasuringU (Sauro 2016,
// "Confidence intervals for Net Promoter Scores": adjusted Wald; Agresti & Coull 1998).
describe('the normal distribution', () => {
  it('matches statistics.NormalDist', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514715, 13);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.9599639845400536, 13);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517796, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(1 - 0.9750021048517796, 14);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('npsSummary', () => {
  it('counts promoters 9–10, passives 7–8, detractors 0–6 and gives the raw NPS', () => {
    const s = npsSummary([10, 9, 8, 7, 6, 0, 5]);
    expect(s).toMatchObject({ n: 7, promoters: 2, passives: 2, detractors: 3 });
    expect(s.nps).toBeCloseTo((100 * (2 - 3)) / 7, 12);
  });

  it('gives the adjusted Wald interval (10 promoters, 5 passives, 5 detractors: NPS 25, 95% CI −11.72 … 55.19)', () => {
    const s = npsSummary(answers(10, 5, 5));
    expect(s.nps).toBe(25);
    expect(s.ci[0]).toBeCloseTo(-11.716133214559898, 9);
    expect(s.ci[1]).toBeCloseTo(55.19439408412512, 9);
  });

  it('gives the plain Wald interval and other confidence levels on request', () => {
    const wald = npsSummary(answers(10, 5, 5), { method: 'wald' });
    expect(wald.ci[0]).toBeCloseTo(-11.33870484226983, 9);
    expect(wald.ci[1]).toBeCloseTo(61.338704842269834, 9);
    const ninety = npsSummary(answers(10, 5, 5), { confidence: 0.9 });
    expect(ninety.ci[0]).toBeCloseTo(-6.337411883494965, 9);
    expect(ninety.ci[1]).toBeCloseTo(49.815672753060184, 9);
  });

  it('refuses scores that are not whole numbers 0–10, and a confidence outside (0, 1)', () => {
    for (const bad of [11, -1, 7.5, Number.NaN]) {
      expect(() => npsSummary([9, bad])).toThrow(expect.objectContaining({ code: 'voice.npsScore', params: expect.objectContaining({ index: 1 }) }));
    }
    expect(() => npsSummary([9], { confidence: 1 })).toThrow(expect.objectContaining({ code: 'voice.confidence' }));
  });

  it('has no NPS without answers, but still an (adjusted) interval', () => {
    const s = npsSummary([]);
    expect(s.n).toBe(0);
    expect(Number.isNaN(s.nps)).toBe(true);
    expect(s.ci[0]).toBeCloseTo(-s.ci[1], 12);
  });
});

describe('npsDifference', () => {
  it('gives b − a with the Wald interval and a two-sided p (20/30/50 against 50/30/20: 60 points, 38.35 … 81.65)', () => {
    const d = npsDifference(answers(20, 30, 50), answers(50, 30, 20));
    expect(d.difference).toBeCloseTo(60, 10);
    expect(d.ci[0]).toBeCloseTo(38.351490210070274, 9);
    expect(d.ci[1]).toBeCloseTo(81.64850978992972, 9);
    expect(d.z).toBeCloseTo(5.432144762551112, 10);
    expect(d.pValue).toBeCloseTo(5.5680722255146975e-8, 14);
    const reverse = npsDifference(answers(50, 30, 20), answers(20, 30, 50));
    expect(reverse.difference).toBeCloseTo(-60, 10);
    expect(reverse.pValue).toBeCloseTo(d.pValue, 15);
  });

  it('refuses a group without answers', () => {
    expect(() => npsDifference([], [9])).toThrow(expect.objectContaining({ code: 'voice.npsNoAnswers' }));
  });
});

describe('csatSummary', () => {
  it('counts the top two boxes of a 5-point scale with the Agresti–Coull interval (8 of 10: 0.4794 … 0.9541)', () => {
    const s = csatSummary([5, 5, 4, 4, 4, 5, 4, 5, 3, 1]);
    expect(s).toMatchObject({ n: 10, satisfied: 8, csat: 0.8 });
    expect(s.ci[0]).toBeCloseTo(0.4793675905661506, 12);
    expect(s.ci[1]).toBeCloseTo(0.9541127295161158, 12);
  });

  it('clips the interval to [0, 1] (10 of 10: 0.6791 … 1)', () => {
    const s = csatSummary(Array(10).fill(5));
    expect(s.ci[0]).toBeCloseTo(0.6791126942494542, 12);
    expect(s.ci[1]).toBe(1);
  });

  it('uses 6–7 of 7 and 9–10 of 10 as the top boxes, or the lowest satisfied score given', () => {
    expect(csatSummary([7, 6, 5, 1], { scale: 7 }).satisfied).toBe(2);
    expect(csatSummary([10, 9, 8, 1], { scale: 10 }).satisfied).toBe(2);
    expect(csatSummary([5, 4, 3], { topBox: 5 }).satisfied).toBe(1);
  });

  it('refuses answers off the scale (0, 6 of 5, 4.5) and a top box off the scale', () => {
    for (const bad of [0, 6, 4.5]) expect(() => csatSummary([5, bad])).toThrow(expect.objectContaining({ code: 'voice.csatScore' }));
    expect(() => csatSummary([5], { topBox: 6 })).toThrow(expect.objectContaining({ code: 'voice.csatTopBox' }));
  });
});

describe('SERVQUAL', () => {
  it('maps the 22 items to the five dimensions (Parasuraman, Zeithaml & Berry 1988)', () => {
    const map = Array.from({ length: 22 }, (_, i) => servqualDimension(i + 1));
    expect(map).toEqual([
      ...Array(4).fill('tangibles'), ...Array(5).fill('reliability'), ...Array(4).fill('responsiveness'),
      ...Array(4).fill('assurance'), ...Array(5).fill('empathy'),
    ]);
    for (const bad of [0, 23, 2.5]) expect(() => servqualDimension(bad)).toThrow(expect.objectContaining({ code: 'voice.servqualItem' }));
  });

  it('gives gaps per dimension, their mean, and the importance-weighted score (by hand)', () => {
    const rows = [
      { dimension: 'tangibles', expectation: 6, perception: 6 }, // gap 0
      { dimension: 'reliability', expectation: 7, perception: 5 }, // gaps −2 and −1: mean −1.5
      { dimension: 'reliability', expectation: 6, perception: 5 },
      { dimension: 'responsiveness', expectation: 6.4, perception: 5.1 }, // −1.3
      { dimension: 'assurance', expectation: 5, perception: 5.5 }, // +0.5
      { dimension: 'empathy', expectation: 6, perception: 5 }, // −1
    ] as const;
    const plain = servqualGaps(rows);
    expect(plain.dimensions.map((d) => d.dimension)).toEqual(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
    expect(plain.dimensions[1]).toMatchObject({ n: 2, expectation: 6.5, perception: 5, gap: -1.5 });
    expect(plain.dimensions[2].gap).toBeCloseTo(-1.3, 12);
    // (0 − 1.5 − 1.3 + 0.5 − 1) / 5 = −0.66
    expect(plain.unweighted).toBeCloseTo(-0.66, 12);
    expect(plain.weighted).toBeNull();
    // 100 points: 10 / 30 / 25 / 15 / 20 → 0.1·0 + 0.3·(−1.5) + 0.25·(−1.3) + 0.15·0.5 + 0.2·(−1) = −0.9
    const weighted = servqualGaps(rows, { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 15, empathy: 20 });
    expect(weighted.weighted).toBeCloseTo(-0.9, 12);
    expect(weighted.dimensions[1].weight).toBeCloseTo(0.3, 12);
  });

  it('refuses unknown dimensions, non-finite answers and negative weights', () => {
    expect(() => servqualGaps([{ dimension: 'speed' as never, expectation: 5, perception: 5 }])).toThrow(expect.objectContaining({ code: 'voice.servqualRow' }));
    expect(() => servqualGaps([{ dimension: 'empathy', expectation: Number.NaN, perception: 5 }])).toThrow(expect.objectContaining({ code: 'voice.servqualRow' }));
    expect(() => servqualGaps([], { empathy: -1 })).toThrow(expect.objectContaining({ code: 'voice.servqualWeight' }));
  });
});
