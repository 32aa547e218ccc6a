import { describe, expect, it } from 'vitest';
import { comparableWith, defaultPair } from '../../../../../src/lib/domain';

// newest first, as the snapshot list is
const list = [
  { id: 'tiers-2', scheme: 'tiers' },
  { id: 'rfm-3', scheme: 'rfm11' },
  { id: 'life-1', scheme: 'lifecycle' },
  { id: 'rfm-2', scheme: 'rfm11' },
  { id: 'rfm-1', scheme: 'rfm11' },
  { id: 'tiers-1', scheme: 'tiers' },
];

describe('comparableWith', () => {
  it('offers only snapshots of the same scheme, never the snapshot itself', () => {
    expect(comparableWith(list, 'rfm-1').map((s) => s.id)).toEqual(['rfm-3', 'rfm-2']);
    expect(comparableWith(list, 'tiers-1').map((s) => s.id)).toEqual(['tiers-2']);
    expect(comparableWith(list, 'life-1')).toEqual([]);
    expect(comparableWith(list, 'gone')).toEqual([]);
  });
});

describe('defaultPair', () => {
  it('takes the newest snapshot with an older one of its scheme, and the newest of those', () => {
    expect(defaultPair(list)).toEqual({ fromId: 'tiers-1', toId: 'tiers-2' });
    expect(defaultPair(list.slice(1))).toEqual({ fromId: 'rfm-2', toId: 'rfm-3' });
    expect(defaultPair([{ id: 'a', scheme: 'rfm11' }, { id: 'b', scheme: 'tiers' }])).toBeNull();
    expect(defaultPair([])).toBeNull();
  });
});
