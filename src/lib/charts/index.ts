export * from './monthly';
export * from './themes';
export * from './rfm';
export * from './time-locales';
export * from './voice';
