export * from './allocate';
export * from './portfolio';
export * from './loyalty';
