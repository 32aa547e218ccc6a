import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../src/lib/state/workspace.svelte';
import { Notices } from '../../../../src/lib/state/notices.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { fakeEngine, freshDatabase } from '../../fakes';

describe('the active-customer window', () => {
  it('refuses 0, −5, 2.5 and an empty field with a reason in words, and keeps the last valid window', async () => {
    const ws = new Workspace({ db: freshDatabase('window'), engine: fakeEngine({}), notices: new Notices() });
    expect(ws.activeDays).toBe(90);
    for (const bad of [0, -5, 2.5, NaN, 40_000]) {
      const notice = await ws.setActiveDays(bad);
      expect(notice).toMatchObject({ code: 'dashboard.activeDays.invalid' });
      expect(i18n.notice(notice!)).toMatch(/whole number of days from 1 to 36500/);
      expect(ws.activeDays).toBe(90);
    }
    expect(await ws.setActiveDays(30)).toBeNull();
    expect(ws.activeDays).toBe(30);
  });
});
