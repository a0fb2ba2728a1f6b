export * from './protocol';
export * from './errors';
export * from './schema';
export * from './reducer';
export { createRestReader, type FetchSnapshot, type FetchSnapshotContext, type RestReaderOptions } from './sync';
export * from './client';
export * from './select';
export type * from './types';
