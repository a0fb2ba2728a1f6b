export { TargetsProvider, useTargetsClient } from './context';
export type { TargetsProviderProps } from './context';
export { useTargets } from './useTargets';
export type { UseTargetsResult } from './useTargets';
export { useTarget } from './useTarget';
export { useTargetsStatus } from './useTargetsStatus';
export type { UseTargetsStatusResult } from './useTargetsStatus';
