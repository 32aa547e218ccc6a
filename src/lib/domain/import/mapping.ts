import { FIELDS, type ImportKind } from './fields';

/**
 * Required fields of a file kind that a mapping leaves out (amount counts as present when quantity
 * and unit price are both mapped; a SERVQUAL item when the dimension is).
 */
export function missingFields(kind: ImportKind, mapping: Record<string, number | null>): string[] {
  const has = (f: string) => mapping[f] != null;
  const out: string[] = [];
  for (const spec of FIELDS[kind]) {
    if (spec.required === true && !has(spec.field)) out.push(spec.field);
    if (spec.required === 'amountOrQtyPrice' && !has('amount') && !(has('quantity') && has('unitPrice'))) out.push(spec.field);
    if (spec.required === 'itemOrDimension' && !has('item') && !has('dimension')) out.push(spec.field);
  }
  return out;
}
