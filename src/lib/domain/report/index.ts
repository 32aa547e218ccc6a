export * from './model';
export * from './anchors';
export * from './file-name';
export * from './markdown';
export * from './zip';
export * from './html';
