/**
 * The experiment calculator's input (issue 16): typed figures and pasted or imported tables,
 * including broken, hostile and huge input. Sums of squares from a standard deviation by hand:
 * Σx² = (n − 1)·sd² + (Σx)²/n.
 */
import { describe, expect, it } from 'vitest';
import {
  letterName, MAX_INPUT_CHARS, MAX_INPUT_ROWS, MAX_VARIANTS, parseVariants, standardDeviation, variantFromFields,
} from '../../../../../src/lib/domain';

const fields = (over: Partial<Record<'name' | 'visitors' | 'conversions' | 'revenue' | 'spread', string>> = {}) => ({
  name: 'B', visitors: '1000', conversions: '130', revenue: '6500', spread: '10', ...over,
});
const err = (r: ReturnType<typeof variantFromFields>) => ('error' in r ? r.error.code : null);

describe('variantFromFields', () => {
  it('turns a standard deviation into a sum of squares', () => {
    // 999 × 10² + 6500²/1000 = 99900 + 42250 = 142150
    expect(variantFromFields(fields(), 'sd')).toEqual({ variant: { name: 'B', n: 1000, conversions: 130, sum: 6500, sumSquares: 142150, hasRevenue: true } });
    // and back: √((142150 − 42250)/999) = 10
    expect(standardDeviation({ n: 1000, conversions: 0, sum: 6500, sumSquares: 142150 })).toBeCloseTo(10, 12);
  });

  it('takes a sum of squares as given, and figures as exports write them', () => {
    expect(variantFromFields(fields({ visitors: '1,000', revenue: '¥6,500.00', spread: '130000' }), 'sumSquares'))
      .toEqual({ variant: { name: 'B', n: 1000, conversions: 130, sum: 6500, sumSquares: 130000, hasRevenue: true } });
    expect(variantFromFields(fields({ visitors: '１０００', conversions: ' 130 ' }), 'sd')).toMatchObject({ variant: { n: 1000, conversions: 130 } });
  });

  it('compares conversion only when revenue and spread are both empty', () => {
    expect(variantFromFields(fields({ revenue: '', spread: ' ' }), 'sd'))
      .toEqual({ variant: { name: 'B', n: 1000, conversions: 130, sum: 0, sumSquares: 0, hasRevenue: false } });
  });

  it('refuses bad figures with the field’s reason', () => {
    for (const visitors of ['', '0', '-5', '1.5', 'abc', '10%', 'Infinity', '1e400']) expect(err(variantFromFields(fields({ visitors }), 'sd'))).toBe('experiment.input.visitors');
    for (const conversions of ['', '-1', '2.5', 'x']) expect(err(variantFromFields(fields({ conversions }), 'sd'))).toBe('experiment.input.conversions');
    expect(variantFromFields(fields({ visitors: '10', conversions: '11' }), 'sd'))
      .toEqual({ error: { code: 'experiment.input.conversionsAbove', params: { name: 'B', conversions: 11, visitors: 10 } } });
    expect(err(variantFromFields(fields({ revenue: 'lots' }), 'sd'))).toBe('experiment.input.revenue');
    expect(err(variantFromFields(fields({ revenue: '' }), 'sd'))).toBe('experiment.input.revenueNeeded');
    expect(err(variantFromFields(fields({ spread: '' }), 'sd'))).toBe('experiment.input.sdNeeded');
    expect(err(variantFromFields(fields({ spread: '' }), 'sumSquares'))).toBe('experiment.input.sumSquaresNeeded');
    expect(err(variantFromFields(fields({ spread: '-1' }), 'sd'))).toBe('experiment.input.sd');
    expect(err(variantFromFields(fields({ visitors: '1', conversions: '1', revenue: '5', spread: '2' }), 'sd'))).toBe('experiment.input.sdOne');
    // 10 visitors with revenue 100: Σx² ≥ 100²/10 = 1000
    expect(variantFromFields(fields({ visitors: '10', conversions: '1', revenue: '100', spread: '999' }), 'sumSquares'))
      .toEqual({ error: { code: 'experiment.input.sumSquaresLow', params: { name: 'B', value: '999', min: 1000 } } });
    expect(err(variantFromFields(fields({ visitors: '10', conversions: '1', revenue: '100', spread: '1000' }), 'sumSquares'))).toBeNull();
  });
});

describe('parseVariants', () => {
  it('reads cells pasted from a spreadsheet (tabs, English header, standard deviation)', () => {
    const r = parseVariants('variant\tvisitors\tconversions\trevenue\tsd\nA\t5000\t400\t100000\t120\nB\t5000\t470\t121000\t130\n');
    expect(r.error).toBeNull();
    expect(r.rejects).toEqual([]);
    expect(r.spreadKind).toBe('sd');
    // A: 4999 × 120² + 100000²/5000 = 71,985,600 + 2,000,000 = 73,985,600
    expect(r.variants[0]).toEqual({ name: 'A', n: 5000, conversions: 400, sum: 100000, sumSquares: 73985600, hasRevenue: true });
    // B: 4999 × 130² + 121000²/5000 = 84,483,100 + 2,928,200 = 87,411,300
    expect(r.variants[1].sumSquares).toBeCloseTo(87411300, 4);
  });

  it('reads a CSV with Chinese headers in any order, extra columns and quoted thousands', () => {
    const r = parseVariants('\ufeff备注,转化数,版本,访客数,收入,平方和\r\n首页,100,对照,"1,000",5000,100000\r\n新版,130,新版,"1,000",6500,130000\r\n');
    expect(r.error).toBeNull();
    expect(r.spreadKind).toBe('sumSquares');
    expect(r.variants).toEqual([
      { name: '对照', n: 1000, conversions: 100, sum: 5000, sumSquares: 100000, hasRevenue: true },
      { name: '新版', n: 1000, conversions: 130, sum: 6500, sumSquares: 130000, hasRevenue: true },
    ]);
  });

  it('reads header synonyms (Users, Converted) and conversion-only tables; unnamed rows get letters', () => {
    const r = parseVariants('Users;Converted\n2000;150\n2000;180\n');
    expect(r.variants).toEqual([
      { name: 'A', n: 2000, conversions: 150, sum: 0, sumSquares: 0, hasRevenue: false },
      { name: 'B', n: 2000, conversions: 180, sum: 0, sumSquares: 0, hasRevenue: false },
    ]);
  });

  it('reads a table without a header as name, visitors, conversions, revenue, sum of squares', () => {
    const r = parseVariants('A,1000,100,5000,100000\nB,1000,130,6500,130000');
    expect(r.variants.map((v) => [v.name, v.n, v.conversions, v.sum, v.sumSquares])).toEqual([['A', 1000, 100, 5000, 100000], ['B', 1000, 130, 6500, 130000]]);
  });

  it('refuses bad rows with their line and reason and keeps the good ones', () => {
    const r = parseVariants('variant,visitors,conversions\nA,1000,100\nB,abc,5\nC,100,200\na,50,5\nD,100\nE,100,10\n');
    expect(r.error).toBeNull();
    expect(r.variants.map((v) => v.name)).toEqual(['A', 'E']);
    expect(r.rejects.map((j) => [j.line, j.name, j.notice.code])).toEqual([
      [3, 'B', 'experiment.input.visitors'],
      [4, 'C', 'experiment.input.conversionsAbove'],
      [5, 'a', 'experiment.input.duplicate'],
      [6, 'D', 'experiment.input.columns'],
    ]);
    expect(r.rejects[3].notice.params).toEqual({ line: 6, found: 2, needed: 3 });
  });

  it('says why when nothing can be read, and reads nothing then', () => {
    expect(parseVariants('').error?.code).toBe('experiment.input.empty');
    expect(parseVariants(' \n\t\n').error?.code).toBe('experiment.input.empty');
    expect(parseVariants('hello world\nfoo bar').error?.code).toBe('experiment.input.noHeader');
    expect(parseVariants('variant,revenue\nA,5').error?.code).toBe('experiment.input.noHeader');
    const bad = parseVariants('variant,visitors,conversions\nA,x,1\nB,-1,0');
    expect(bad.error?.code).toBe('experiment.input.noRows');
    expect(bad.variants).toEqual([]);
    expect(bad.rejects).toHaveLength(2);
    expect(parseVariants('variant,visitors,conversions\n"A,100,10\nB,100,12').error).toEqual({ code: 'experiment.input.unreadable', params: { line: 2 } });
    expect(parseVariants(null as unknown as string).error?.code).toBe('experiment.input.empty');
  });

  it('keeps hostile names as plain text: formulas, markup, control characters, very long', () => {
    const long = '名'.repeat(500);
    const r = parseVariants(`name,visitors,conversions\n"=HYPERLINK(""http://x"")",100,10\n<img src=x onerror=alert(1)>,100,12\nA\u0000\u202eB,100,9\n${long},100,8`);
    expect(r.error).toBeNull();
    expect(r.variants.map((v) => v.name)).toEqual(['=HYPERLINK("http://x")', '<img src=x onerror=alert(1)>', 'AB', '名'.repeat(60)]);
  });

  it('refuses huge input quickly, whole', () => {
    const t0 = performance.now();
    expect(parseVariants('x'.repeat(MAX_INPUT_CHARS + 1)).error).toEqual({ code: 'experiment.input.tooLarge', params: { max: MAX_INPUT_CHARS, chars: MAX_INPUT_CHARS + 1 } });
    const rows = ['variant,visitors,conversions', ...Array.from({ length: MAX_INPUT_ROWS + 5 }, (_, i) => `V${i},100,1`)].join('\n');
    expect(parseVariants(rows).error).toEqual({ code: 'experiment.input.tooManyRows', params: { max: MAX_INPUT_ROWS } });
    // one line of 50,000 characters: the tokenizer stops at its row limit
    expect(parseVariants(`variant,visitors,conversions\nA,100,${'9'.repeat(50_000)}`).error?.code).toBe('experiment.input.unreadable');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('keeps at most MAX_VARIANTS variants and says so for the rest', () => {
    const rows = ['variant,visitors,conversions', ...Array.from({ length: MAX_VARIANTS + 2 }, (_, i) => `V${i},100,${i}`)].join('\n');
    const r = parseVariants(rows);
    expect(r.variants).toHaveLength(MAX_VARIANTS);
    expect(r.rejects.map((j) => [j.line, j.notice.code])).toEqual([[12, 'experiment.input.tooManyVariants'], [13, 'experiment.input.tooManyVariants']]);
  });
});

describe('letterName', () => {
  it('counts A … Z, AA', () => {
    expect([0, 1, 25, 26, 27].map(letterName)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});
