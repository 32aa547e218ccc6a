// The SERVQUAL questionnaire on the Voice page: the 22 statements by dimension, the 7-point
// scale, printing it alone and downloading the answer and importance templates — in both languages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import Questionnaire from '../../../../src/views/voice/Questionnaire.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { servqualImportanceTemplateCsv, servqualTemplateCsv } from '../../../../src/lib/domain';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
}));

afterEach(() => {
  downloads.length = 0;
  i18n.locale = 'en';
});

describe('the SERVQUAL questionnaire', () => {
  it('shows the 22 statements in the five dimensions, with the 7-point scale (English)', () => {
    i18n.locale = 'en';
    render(Questionnaire);
    const q = within(screen.getByTestId('voice-questionnaire'));
    expect(q.getAllByTestId('voice-q-item')).toHaveLength(22);
    expect(q.getByText('The company has modern-looking equipment.')).toBeTruthy();
    expect(q.getByText('The employees of the company understand the specific needs of their customers.')).toBeTruthy();
    const counts = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']
      .map((d) => within(screen.getByTestId(`voice-q-${d}`)).getAllByTestId('voice-q-item').length);
    expect(counts).toEqual([4, 5, 4, 4, 5]);
    expect(screen.getByTestId('voice-q-responsiveness').textContent).toContain('Responsiveness (items 10–13)');
    expect(within(screen.getByTestId('voice-q-responsiveness')).getAllByTestId('voice-q-item')[1].textContent)
      .toContain('11Employees of the company give customers prompt service.');
    expect(screen.getByTestId('voice-q-scale').textContent).toContain('1 = strongly disagree');
    expect(screen.getByTestId('voice-q-scale').textContent).toContain('7 = strongly agree');
    expect(screen.getByTestId('voice-q-weights').textContent).toContain('Tangibles');
  });

  it('shows them in Chinese with the Chinese dimension names', () => {
    i18n.locale = 'zh';
    render(Questionnaire);
    expect(screen.getAllByTestId('voice-q-item')).toHaveLength(22);
    expect(screen.getByText('公司拥有现代化的设备。')).toBeTruthy();
    const headings = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']
      .map((d) => within(screen.getByTestId(`voice-q-${d}`)).getByRole('rowheader').textContent ?? '');
    expect(headings.map((h) => h.split('（')[0])).toEqual(['有形性', '可靠性', '响应性', '保证性', '同理心']);
    expect(headings[0]).toContain('（题项 1–4）');
    expect(screen.getByTestId('voice-q-scale').textContent).toContain('1 = 非常不同意');
    expect(screen.getByRole('button', { name: '打印问卷' })).toBeTruthy();
  });

  it('prints the questionnaire alone', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    render(Questionnaire);
    expect(document.querySelector('.print-target [data-testid="voice-q-item"]')).not.toBeNull();
    expect(document.querySelector('.print-target button')).toBeNull(); // the buttons stay off the paper
    await fireEvent.click(screen.getByRole('button', { name: 'Print the questionnaire' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body.classList.contains('print-part')).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.classList.contains('print-part')).toBe(false);
    print.mockRestore();
  });

  it.each(['en', 'zh'] as const)('downloads the answer and importance templates in the interface language (%s)', async (locale) => {
    i18n.locale = locale;
    render(Questionnaire);
    await fireEvent.click(screen.getByTestId('voice-q-download'));
    await fireEvent.click(screen.getByTestId('voice-q-importance'));
    expect(downloads.map((d) => d.text)).toEqual([servqualTemplateCsv(locale), servqualImportanceTemplateCsv(locale)]);
    expect(downloads.every((d) => d.name.endsWith('.csv'))).toBe(true);
    const lines = downloads[0].text.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(23);
    expect(lines[0]).toBe(locale === 'en' ? 'customer_id,date,item,dimension,expectation,perception' : '客户编号,日期,题项,维度,期望,感知');
    expect(lines[10]).toBe(',,10,responsiveness,,');
  });
});
