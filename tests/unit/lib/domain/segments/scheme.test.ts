import { describe, expect, it } from 'vitest';
import { RFM11_RULES, schemeOf } from '../../../../../src/lib/domain';

describe('schemeOf', () => {
  it('names RFM snapshots by their preset, own rules as custom, and the other groupings by kind', () => {
    expect(schemeOf({ kind: 'rfm', request: { preset: 'rfm11' } })).toBe('rfm11');
    expect(schemeOf({ kind: 'rfm', request: { preset: 'rfm8' } })).toBe('rfm8');
    expect(schemeOf({ kind: 'rfm', request: { preset: [...RFM11_RULES] } })).toBe('custom');
    expect(schemeOf({ kind: 'rule' })).toBe('rules');
    expect(schemeOf({ kind: 'tiers' })).toBe('tiers');
    expect(schemeOf({ kind: 'lifecycle' })).toBe('lifecycle');
    expect(schemeOf({ kind: 'clusters' })).toBe('clusters');
  });
});
