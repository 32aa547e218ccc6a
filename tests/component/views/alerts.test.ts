import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import Alerts from '../../../src/views/Alerts.svelte';
import { AlertsState } from '../../../src/lib/state/alerts.svelte';
import { privacy } from '../../../src/lib/state/privacy.svelte';
import { dayFromCivil } from '../../../src/lib/domain';
import type { WarningsResult } from '../../../workers/api';
import { fakeContext } from '../fakes';

const asOf = dayFromCivil(2024, 6, 30);
const result: WarningsResult = {
  asOfDay: asOf,
  alerts: [{
    ruleId: 'champions-churn', code: 'warning.segmentChurn', params: { segment: 'champions', rate: 0.1, threshold: 0.08 }, count: 2,
    customerIds: ['C1', 'C2'],
    customers: [
      { id: 'C1', name: 'Wang Fang', lastOrder: dayFromCivil(2024, 3, 20), net: 1234.5, clv: null },
      { id: 'C2', name: 'Li Lei', lastOrder: dayFromCivil(2024, 3, 25), net: 99, clv: 10.25 },
    ],
  }],
};

async function shown() {
  const alerts = new AlertsState(fakeContext({ warnings: async () => result }));
  await alerts.check();
  render(Alerts, { alerts, currency: 'CNY' });
  return alerts;
}

describe('Alerts: the customers behind an alert', () => {
  it('lists who churned with name, last order and value, and exports them', async () => {
    privacy.mask = false;
    const alerts = await shown();
    const table = within(screen.getByTestId('alert-customers'));
    expect(table.getByText('Wang Fang')).toBeTruthy();
    expect(table.getByRole('link', { name: 'C2' }).getAttribute('href')).toContain('C2');
    expect(table.getAllByRole('row')).toHaveLength(3);
    const csv = alerts.csv(alerts.alerts[0], ['id', 'name', 'last', 'net', 'clv'], false);
    expect(csv.split('\r\n').slice(1, 3)).toEqual(['C1,Wang Fang,2024-03-20,1234.5,', 'C2,Li Lei,2024-03-25,99,10.25']);
  });

  it('masks names on screen and in the export when masking is on', async () => {
    privacy.mask = true;
    const alerts = await shown();
    const table = within(screen.getByTestId('alert-customers'));
    expect(table.queryByText('Wang Fang')).toBeNull();
    expect(alerts.csv(alerts.alerts[0], ['id', 'name', 'last', 'net', 'clv'], true)).not.toContain('Wang Fang');
    privacy.mask = false;
  });
});
