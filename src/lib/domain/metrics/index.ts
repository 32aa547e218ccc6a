export * from './index-dataset';
export * from './customer-summary';
export * from './kpis';
export * from './monthly';
export * from './group-rates';
