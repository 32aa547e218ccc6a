/** Demo and synthetic data generators. */

export { generateDemo, DEMO_SEED, DEMO_CUSTOMERS, type DemoData, type DemoOptions } from './generate-demo';
export { generateSyntheticOrders, type SyntheticOrderOptions } from './synthetic-orders';
export { DEMO_START_DAY, DEMO_END_DAY } from './calendar';
export { demoTerm, type DemoLocale } from './text';
export { STORY_SEGMENT } from './story';
