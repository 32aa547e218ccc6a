import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { reportBaseName } from '../../../../../src/lib/domain/report/file-name';
import { reportMarkdown } from '../../../../../src/lib/domain/report/markdown';
import { reportZip } from '../../../../../src/lib/domain/report/zip';
import { chineseModel, englishModel, PNG_SEGMENTS, PNG_VALUE } from './fixture';

describe('reportBaseName', () => {
  it('keeps Chinese and ordinary names, drops path separators, "..", reserved characters and names', () => {
    expect(reportBaseName('战略报告 2026-12-02')).toBe('战略报告 2026-12-02');
    expect(reportBaseName('../战略报告: 2026/12')).toBe('战略报告 2026 12');
    expect(reportBaseName('..\\..\\etc\\passwd')).toBe('etc passwd');
    expect(reportBaseName('a..b')).toBe('a.b');
    expect(reportBaseName('  .hidden. ')).toBe('hidden');
    expect(reportBaseName('a<b>c|d?e*f"g\u0000h')).toBe('a b c d e f g h');
    expect(reportBaseName('CON')).toBe('_CON');
    expect(reportBaseName('nul.txt')).toBe('_nul.txt');
    expect(reportBaseName('')).toBe('report');
    expect(reportBaseName('../..')).toBe('report');
    expect(Array.from(reportBaseName('报'.repeat(300)))).toHaveLength(100);
  });
});

describe('reportZip', () => {
  it('unzips to the Markdown file and the charts it links to, byte for byte', () => {
    const files = unzipSync(reportZip(englishModel(), '战略报告 2026-12-02'));
    expect(Object.keys(files).sort()).toEqual(['images/segments-1.png', 'images/value-1.png', '战略报告 2026-12-02.md']);
    expect(files['images/segments-1.png']).toEqual(PNG_SEGMENTS);
    expect(files['images/value-1.png']).toEqual(PNG_VALUE);
    const markdown = strFromU8(files['战略报告 2026-12-02.md']);
    expect(markdown).toBe(reportMarkdown(englishModel()).markdown);
    expect(markdown).toContain('![Bar chart of segment sizes](images/segments-1.png)');
  });

  it('holds only the .md for a report without chart images; the name is sanitised', () => {
    const files = unzipSync(reportZip(chineseModel(), '../../客户/报告'));
    expect(Object.keys(files)).toEqual(['客户 报告.md']);
    expect(strFromU8(files['客户 报告.md'])).toContain('# 客户战略报告 · 演示公司\n');
  });

  it('is deterministic: the same bytes for the same model on another day, every entry dated 2000-01-01 00:00', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date(2026, 11, 2, 9, 0, 0));
      const a = reportZip(englishModel(), 'r');
      vi.setSystemTime(new Date(2027, 5, 3, 17, 31, 7));
      expect(reportZip(englishModel(), 'r')).toEqual(a);
    } finally {
      vi.useRealTimers();
    }
    const a = reportZip(englishModel(), 'r');
    // Local file header: signature PK\3\4, then version, flags, method, time (offset 10), date (offset 12).
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
  });
});
