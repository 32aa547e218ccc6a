import { describe, expect, it } from 'vitest';
import { guessColumns } from '../../../../../src/lib/domain/import';

describe('guessColumns (headerless files)', () => {
  it('orders: a repeating id is the customer, a unique code the order, dates, decimal amounts, small whole quantities', () => {
    const rows = [
      ['SO-1001', 'C042', '1/5/2024', '2', '19.90'],
      ['SO-1002', 'C042', '1/17/2024', '1', '5.00'],
      ['SO-1003', 'C007', '2/1/2024', '3', '-7.50'],
      ['SO-1004', 'C009', '2/3/2024', '1', '12.00'],
    ];
    expect(guessColumns(rows, 'orders')).toEqual({ customerId: 1, orderId: 0, date: 2, amount: 4, quantity: 3, unitPrice: null, returnFlag: null });
  });

  it('orders: CDNOW-like numeric ids, compact dates, a zero-padded code is not a quantity', () => {
    const rows = [['00004', '0001', '19970101', '2', '29.33'], ['00004', '0001', '19970118', '2', '29.73'], ['00018', '0002', '19970102', '1', '14.96']];
    expect(guessColumns(rows, 'orders')).toMatchObject({ customerId: 0, date: 2, quantity: 3, amount: 4 });
  });

  it('customers: a unique id, a sign-up date and a birthday; names and cities stay for the user', () => {
    const rows = [['A1', '王文博', '2023-03-09', '1980-10-10', '上海'], ['A2', 'Emily Reed', '2023-04-01', '1975-01-31', 'Leeds']];
    expect(guessColumns(rows, 'customers')).toMatchObject({ customerId: 0, signupDate: 2, birthday: 3, name: null, city: null });
  });

  it('surveys: NPS 0–10 and CSAT 1–5 told apart by their range', () => {
    const rows = [['C1', '2024-01-01', '9', '4'], ['C2', '2024-01-02', '3', '2'], ['C3', '2024-01-03', '10', '5'], ['C4', '2024-01-04', '0', '1']];
    expect(guessColumns(rows, 'surveys')).toMatchObject({ customerId: 0, date: 1, nps: 2, csat: 3 });
  });

  it('leaves what fits nothing unmapped, and handles no rows', () => {
    expect(guessColumns([['hello world', 'foo bar']], 'orders')).toMatchObject({ date: null, amount: null });
    expect(guessColumns([], 'orders')).toEqual({ customerId: null, orderId: null, date: null, amount: null, quantity: null, unitPrice: null, returnFlag: null });
  });
});
