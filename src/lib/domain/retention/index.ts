export * from './cohorts';
export * from './churn';
export * from './warnings';
export * from './acquisition';
