import { describe, expect, it } from 'vitest';
import { RowConverter } from '../../../../../src/lib/domain/import';
import type { CustomerColumns } from '../../../../../src/lib/domain';

/** The gender column of a customers file as imported. */
function imported(values: string[]): string[] {
  const c = new RowConverter({ kind: 'customers', mapping: { customerId: 0, gender: 1 }, columnNames: ['id', 'gender'], dateOrder: 'ymd', dropDuplicates: false });
  values.forEach((g, i) => c.accept([`c${i}`, g], i + 2));
  return (c.take() as CustomerColumns).gender;
}

describe('gender at import', () => {
  it('stores one canonical value per gender, however the file writes it', () => {
    expect(imported(['男', '女', 'M', 'F', 'm', 'f', 'male', 'female', 'Male', 'FEMALE', 'Ｍ', '女士', ' 男性 ']))
      .toEqual(['M', 'F', 'M', 'F', 'M', 'F', 'M', 'F', 'M', 'F', 'M', 'F', 'M']);
  });

  it('keeps unknown values and numeric codes as they were (no file can say what 1 and 2 mean)', () => {
    expect(imported(['1', '2', '未知', 'other', ''])).toEqual(['1', '2', '未知', 'other', '']);
  });
});
