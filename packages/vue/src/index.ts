export {
  createTargetsPlugin,
  provideTargetsClient,
  useTargetsClient,
  TARGETS_CLIENT_KEY,
  type TargetsClientSource,
} from './context';
export { useTargets, useTargetsStatus, type UseTargetsResult } from './composables';
export { useTarget, useTargetsSelector } from './selectors';
