export * from './normal';
export * from './scores';
export * from './servqual';
export * from './questionnaire';
