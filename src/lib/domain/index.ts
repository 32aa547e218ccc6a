export * from './types';
export * from './days';
export * from './metrics';
