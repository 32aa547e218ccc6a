import { describe, expect, it } from 'vitest';
import { migrationMatrix, schemeOrder, shownMigration } from '../../../../../src/lib/domain';

describe('shownMigration', () => {
  it('keeps only rows and columns with customers, new and gone included when they hold anyone', () => {
    const m = migrationMatrix(
      { customerId: ['a', 'b', 'c', 'd'], segment: ['champions', 'champions', 'lost', 'lost'] },
      { customerId: ['a', 'b', 'c', 'e'], segment: ['champions', 'at_risk', 'lost', 'champions'] },
      { order: ['champions', 'loyal_customers', 'at_risk', 'lost', 'prospect', 'new'] },
    );
    expect(m.fromKeys).toHaveLength(6); // every known key, most of them empty
    expect(shownMigration(m)).toEqual({
      rows: ['champions', 'lost', null],
      columns: ['champions', 'at_risk', 'lost', null],
      counts: [
        [1, 1, 0, 0],
        [0, 0, 1, 1],
        [1, 0, 0, 0],
      ],
    });
  });

  it('leaves out the new row and the gone column when nobody came or went', () => {
    const m = migrationMatrix({ customerId: ['a'], segment: ['x'] }, { customerId: ['a'], segment: ['y'] }, { order: ['x', 'y', 'z'] });
    expect(shownMigration(m)).toEqual({ rows: ['x'], columns: ['y'], counts: [[1]] });
  });

  it('shows the kept keys in the scheme’s own order, the matrix’s order after them', () => {
    // the engine lists RFM keys first: 'at_risk' of RFM comes before the lifecycle stages
    const m = migrationMatrix(
      { customerId: ['a', 'b', 'c'], segment: ['at_risk', 'new', 'zzz'] },
      { customerId: ['a', 'b', 'c'], segment: ['lost', 'at_risk', 'new'] },
      { order: ['at_risk', 'lost', 'prospect', 'new', 'repeat'] },
    );
    expect(shownMigration(m, schemeOrder('lifecycle'))).toEqual({
      rows: ['new', 'at_risk', 'zzz'],
      columns: ['new', 'at_risk', 'lost'],
      counts: [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    });
  });
});

describe('schemeOrder', () => {
  it('knows the presets’ and stages’ order, and leaves tiers and clusters to their keys', () => {
    expect(schemeOrder('rfm11')[0]).toBe('champions');
    expect(schemeOrder('custom').at(-1)).toBe('others');
    expect(schemeOrder('rfm8')).toHaveLength(8);
    expect(schemeOrder('lifecycle')).toEqual(['prospect', 'new', 'repeat', 'loyal', 'at_risk', 'lost']);
    expect(schemeOrder('tiers')).toEqual([]);
  });
});
