export * from './types';
export * from './days';
export * from './metrics';
export * from './segments';
export * from './clv';
export * from './retention';
export * from './privacy/mask';
export * from './privacy/pseudonym';
