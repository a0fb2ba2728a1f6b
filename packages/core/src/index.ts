export * from './protocol';
export * from './errors';
export {
  parseTargetEvent,
  parseTargetListPage,
  parseTargetSnapshot,
  targetListPageSchema,
  targetRemovedEventSchema,
  targetSnapshotEventSchema,
  targetSnapshotSchema,
  type ParseEventResult,
  type ParseResult,
  type ParseTargetEventOptions,
} from './schema';
export * from './reducer';
export { createRestReader, type FetchSnapshot, type FetchSnapshotContext, type RestReaderOptions } from './sync';
export * from './client';
export * from './select';
export type * from './types';
