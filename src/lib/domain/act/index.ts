export * from './distributions';
export * from './stats';
export * from './ladder';
export * from './control';
