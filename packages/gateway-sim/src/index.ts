export { startGateway, resolveFaults } from './gateway';
export { Random, mixSeed } from './random';
export { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './rest';
export type {
  AddProjectOptions,
  Gateway,
  GatewayFaults,
  GatewayLogger,
  GatewayStats,
  NewTarget,
  ProjectOption,
  StartGatewayOptions,
  TargetPatch,
} from './types';
