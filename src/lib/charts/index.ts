export * from './monthly';
export * from './themes';
