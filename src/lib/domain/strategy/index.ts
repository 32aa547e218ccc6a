export * from './allocate';
export * from './portfolio';
export * from './loyalty';
export * from './archetypes';
export * from './portfolio-points';
export * from './budget-defaults';
export * from './playbook';
export * from './loyalty-design';
