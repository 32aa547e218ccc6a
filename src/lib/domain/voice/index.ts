export * from './normal';
export * from './scores';
export * from './servqual';
export * from './servqual-summary';
export * from './questionnaire';
export * from './recovery';
export * from './referrals';
export * from './complaints';
