import { describe, expect, it } from 'vitest';
import { backupFileName, backupReminder, isEvictingBrowser } from '../../../../../src/lib/domain/privacy/backup-reminder';

const imported = (updatedAt: number) => ({ origin: 'import' as const, updatedAt });
const demo = { origin: 'demo' as const, updatedAt: 50 };

describe('backup reminder', () => {
  it('stays quiet with only the demo, prompts for imported data never or not backed up since it changed', () => {
    const base = { persisted: true, evictingBrowser: false };
    expect(backupReminder({ ...base, lastBackupAt: null, datasets: [demo] }).status).toBe('none');
    expect(backupReminder({ ...base, lastBackupAt: null, datasets: [demo, imported(10)] }).status).toBe('never');
    expect(backupReminder({ ...base, lastBackupAt: 20, datasets: [imported(10), imported(30)] }).status).toBe('stale');
    expect(backupReminder({ ...base, lastBackupAt: 40, datasets: [imported(10), imported(30), { ...demo, updatedAt: 99 }] }).status).toBe('ok');
  });

  it('warns of eviction only when unprotected data meets a browser that may delete it', () => {
    const at = { lastBackupAt: null, datasets: [imported(10)] };
    expect(backupReminder({ ...at, persisted: true, evictingBrowser: true }).evictionRisk).toBe(true);
    expect(backupReminder({ ...at, persisted: false, evictingBrowser: false }).evictionRisk).toBe(true);
    expect(backupReminder({ ...at, persisted: null, evictingBrowser: false }).evictionRisk).toBe(false);
    expect(backupReminder({ lastBackupAt: 20, datasets: [imported(10)], persisted: false, evictingBrowser: true }).evictionRisk).toBe(false);
  });

  it('recognises Safari and iOS browsers, not Chrome, Edge or Firefox (real user-agent strings)', () => {
    const safariMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    const chromeIos = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1';
    const chromeMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36';
    const edge = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.65';
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0';
    expect(isEvictingBrowser(safariMac)).toBe(true);
    expect(isEvictingBrowser(chromeIos)).toBe(true);
    expect(isEvictingBrowser(chromeMac)).toBe(false);
    expect(isEvictingBrowser(edge)).toBe(false);
    expect(isEvictingBrowser(firefox)).toBe(false);
  });
});

describe('backup file name', () => {
  it('has the local date, and a dataset name without characters file systems refuse', () => {
    const day = new Date(2026, 10, 2, 23, 59);
    expect(backupFileName(undefined, day)).toBe('cswb-backup-2026-11-02.cswb');
    expect(backupFileName('门店/订单: "Q4"?', day)).toBe('cswb-backup-门店 订单 Q4-2026-11-02.cswb');
    expect(backupFileName('a\u0000b\tc', day)).toBe('cswb-backup-a b c-2026-11-02.cswb');
  });
});
