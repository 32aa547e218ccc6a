export * from './schema';
export * from './columnar';
export * from './batches';
export * from './read';
export * from './datasets';
export * from './errors';
export { newId } from './ids';
export * from './snapshots';
export * from './inventory';
