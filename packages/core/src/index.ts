export * from './protocol';
export * from './errors';
export * from './schema';
export * from './reducer';
export type * from './types';
