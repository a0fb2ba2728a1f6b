import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type { Target, TargetsView } from '@livetargets/core';
import { useView } from './view';

/**
 * Returns a read-only ref of a value derived from the view. Dependents update
 * only when `isEqual(previous, next)` is false (default `Object.is`).
 * Refs read inside `select` are tracked too.
 *
 * @example
 * ```ts
 * const enabledCount = useTargetsSelector((view) => view.list.filter((t) => t.is_enabled).length);
 * ```
 */
export function useTargetsSelector<T>(
  select: (view: TargetsView) => T,
  isEqual: (previous: T, next: T) => boolean = Object.is,
): ComputedRef<T> {
  const view = useView();
  return computed((previous: T | undefined) => {
    const next = select(view.value);
    return previous !== undefined && isEqual(previous, next) ? previous : next;
  });
}

/**
 * Returns a read-only ref of one target, `undefined` while it does not exist.
 * `id` may be a string, a ref or a getter, and the returned ref follows it when it changes.
 *
 * @example
 * ```ts
 * const props = defineProps<{ id: string }>();
 * const target = useTarget(() => props.id);
 * ```
 */
export function useTarget(id: MaybeRefOrGetter<string | undefined>): ComputedRef<Target | undefined> {
  const view = useView();
  return computed(() => {
    const targetId = toValue(id);
    return targetId === undefined ? undefined : view.value.targets.get(targetId);
  });
}
