import { computed, type ComputedRef } from 'vue';
import type { Target, TargetsError, TargetsStatus } from '@livetargets/core';
import { useTargetsClient } from './context';
import { useView } from './view';

/** The live targets of the provided client, as read-only refs. */
export interface UseTargetsResult {
  /** Targets ordered by name (`view.list`). */
  readonly targets: ComputedRef<readonly Target[]>;
  /** Targets by `target_id` (`view.targets`). */
  readonly byId: ComputedRef<ReadonlyMap<string, Target>>;
  readonly status: ComputedRef<TargetsStatus>;
  readonly error: ComputedRef<TargetsError | undefined>;
  /** Reads the REST list again and resolves once it is applied. */
  readonly refresh: () => Promise<void>;
}

/**
 * Returns the provided client's targets, their connection status and error as read-only refs.
 *
 * @example
 * ```ts
 * const { targets, status } = useTargets();
 * watchEffect(() => console.log(status.value, targets.value.length));
 * ```
 */
export function useTargets(): UseTargetsResult {
  const client = useTargetsClient();
  const view = useView();
  return {
    targets: computed(() => view.value.list),
    byId: computed(() => view.value.targets),
    status: computed(() => view.value.status),
    error: computed(() => view.value.error),
    refresh: () => client.refresh(),
  };
}

/**
 * Returns a read-only ref of the connection status.
 *
 * @example
 * ```ts
 * const status = useTargetsStatus();
 * const isLive = computed(() => status.value === 'live');
 * ```
 */
export function useTargetsStatus(): ComputedRef<TargetsStatus> {
  const view = useView();
  return computed(() => view.value.status);
}
