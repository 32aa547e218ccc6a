import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Contract from '../../../../src/views/value/Contract.svelte';
import { projectContract } from '../../../../src/lib/state/value.svelte';

describe('contract retention (sBG) from typed survivor counts', () => {
  it('fits the published example and projects survival', () => {
    // Fader & Hardie (2007): 1000, 631, 468, 382, 326, 289, 262, 241 → α 0.704, β 1.182
    const { result, error } = projectContract('1000, 631, 468, 382, 326, 289, 262, 241');
    expect(error).toBeNull();
    expect(result!.alpha).toBeCloseTo(0.704, 3);
    expect(result!.beta).toBeCloseTo(1.182, 3);
    expect(result!.rows[0]).toEqual({ t: 0, actual: 1, survival: 1, retention: null });
    // retention rises over time (heterogeneity)
    expect(result!.rows[8].retention!).toBeGreaterThan(result!.rows[1].retention!);
  });

  it('reads Chinese commas and spaces too', () => {
    expect(projectContract('1000，631;468 382').result?.rows[3].actual).toBeCloseTo(0.382, 6);
  });

  it('explains bad input instead of fitting', () => {
    expect(projectContract('100, 120, 90').error?.code).toBe('model.badSurvivors');
    expect(projectContract('abc').error?.code).toBe('model.badSurvivors');
  });
});

describe('the contract retention card', () => {
  it('says the figures it opens with are a textbook example, until the user types their own', async () => {
    render(Contract);
    expect(screen.getByTestId('sbg-example').textContent).toContain('not your data');
    // the example's fit is shown: α 0.704 (Fader & Hardie 2007)
    expect(screen.getByTestId('contract').textContent).toContain('α = 0.704');
    await fireEvent.click(screen.getByRole('button', { name: 'Clear the example' }));
    expect(screen.queryByTestId('sbg-example')).toBeNull();
    // an empty box is not an error
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.input(screen.getByRole('textbox'), { target: { value: '500, 400, 350' } });
    expect(screen.queryByTestId('sbg-example')).toBeNull();
    expect(screen.getByTestId('contract').textContent).toContain('α =');
  });
});
