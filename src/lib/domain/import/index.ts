export * from './encoding';
export * from './delimiter';
export * from './csv-tokenizer';
export * from './fields';
export * from './headers';
export * from './dates';
export * from './numbers';
export * from './ids';
export * from './csv-export';
export * from './convert';

/** Text encodings the importer reads. */
export type { ImportEncoding as TextEncodingName } from './encoding';
export * from './mapping';
export * from './stream-decoder';
export * from './hash-set';
export * from './existing-orders';
export * from './cells';
export * from './guess';
