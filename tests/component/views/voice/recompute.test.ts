// The Voice parts' "what was this computed for" bookkeeping (src/lib/state/voice/recompute.ts).
import { describe, expect, it, vi } from 'vitest';
import { Loaded } from '../../../../src/lib/state/loaded.svelte';
import { Recompute } from '../../../../src/lib/state/voice/recompute';

describe('Recompute', () => {
  it('asks again only when the revision, the key or a given handle changes', async () => {
    const into = new Loaded<number>();
    const r = new Recompute();
    let n = 0;
    const work = vi.fn(async () => ++n);
    const cleared = vi.fn();
    await r.run(into, { revision: 1, key: ['rfm', undefined] }, work, cleared);
    expect(into.value).toBe(1);
    // same revision and key: no second call
    await r.run(into, { revision: 1, key: ['rfm', undefined] }, work, cleared);
    expect(work).toHaveBeenCalledTimes(1);
    // another key item: asked again, the figures kept until the answer (not cleared)
    await r.run(into, { revision: 1, key: ['tiers', undefined] }, work, cleared);
    expect(into.value).toBe(2);
    expect(cleared).toHaveBeenCalledTimes(1); // only the first run (nothing computed yet)
    // a Segments page handle: asked again; then none for now (null) keeps what was computed with it
    await r.run(into, { revision: 1, key: ['tiers', undefined], handle: 'h1' }, work, cleared);
    await r.run(into, { revision: 1, key: ['tiers', undefined], handle: null }, work, cleared);
    expect(work).toHaveBeenCalledTimes(3);
    // another handle: asked again
    await r.run(into, { revision: 1, key: ['tiers', undefined], handle: 'h2' }, work, cleared);
    expect(work).toHaveBeenCalledTimes(4);
    // another revision: cleared first, then asked again
    await r.run(into, { revision: 2, key: ['tiers', undefined], handle: 'h2' }, work, cleared);
    expect(cleared).toHaveBeenCalledTimes(2);
    expect(work).toHaveBeenCalledTimes(5);
    expect(into.value).toBe(5);
  });

  it('tries again after a failure, the figures cleared', async () => {
    const into = new Loaded<number>();
    const r = new Recompute();
    const cleared = vi.fn();
    await r.run(into, { revision: 1, key: [] }, async () => { throw { code: 'voice.x' }; }, cleared);
    expect(into.error).toEqual({ code: 'voice.x' });
    await r.run(into, { revision: 1, key: [] }, async () => 7, cleared);
    expect(into.value).toBe(7);
    expect(into.error).toBeNull();
    expect(cleared).toHaveBeenCalledTimes(2); // the first run, and again after the failure
  });
});
