/**
 * The values a text field holds in a loaded dataset, with counts: the rule builder's pick-list.
 * Counted on every call (one pass over the customers), so the answer depends only on the arguments.
 */
import { countFieldValues, isTextField, type FieldValueCounts } from '../../src/lib/domain';
import type { LoadedDataset } from '../core/loaded';

/**
 * @param field a text field of rule segments (gender, city, province, channel)
 * @param limit how many values, most common first
 * @throws `{ code: 'rules.values.notText', params: { field } }` for any other field
 */
export function fieldValuesOf(ds: LoadedDataset, field: string, limit?: number): FieldValueCounts {
  if (!isTextField(field)) throw { code: 'rules.values.notText', params: { field: String(field) } };
  return countFieldValues(field, ds.indexed.customers[field], limit);
}
