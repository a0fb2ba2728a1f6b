import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Target, TargetsClient, TargetsError, TargetsStatus, TargetsView } from '@livetargets/core';
import { useTargetsClient } from './context';

/** The result of `useTargets()` without a selector. */
export interface UseTargetsResult {
  /** Targets ordered by name, then id (`view.list`). */
  readonly targets: readonly Target[];
  /** Targets by `target_id` (`view.targets`). */
  readonly byId: ReadonlyMap<string, Target>;
  readonly status: TargetsStatus;
  /** The error behind `reconnecting` or `unauthorized`, or `undefined`. */
  readonly error: TargetsError | undefined;
  /** Reads the REST list again and reconciles. */
  readonly refresh: () => Promise<void>;
}

interface Committed<T> {
  selection: T | undefined;
  hasSelection: boolean;
}

/**
 * Subscribes to `client` and returns `select(view)`. The selection is cached
 * per view, so `getSnapshot` returns the same value until the view changes.
 * With `isEqual`, an equal new selection keeps the previous reference, so React skips the re-render.
 */
export function useViewSelector<T>(
  client: TargetsClient,
  select: (view: TargetsView) => T,
  isEqual?: (previous: T, next: T) => boolean,
): T {
  const committed = useRef<Committed<T>>({ selection: undefined, hasSelection: false });
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);

  const [getSnapshot, getServerSnapshot] = useMemo(() => {
    // A new selector runs even on the same view, but isEqual may still keep the committed selection.
    let { selection, hasSelection } = committed.current;
    let selectedView: TargetsView | undefined;
    const selectCached = (view: TargetsView): T => {
      if (view === selectedView) return selection as T;
      const next = select(view);
      const keep = hasSelection && isEqual !== undefined && isEqual(selection as T, next);
      selectedView = view;
      hasSelection = true;
      if (!keep) selection = next;
      return selection as T;
    };
    return [() => selectCached(client.getSnapshot()), () => selectCached(client.getServerSnapshot())] as const;
  }, [client, select, isEqual]);

  const selection = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  useEffect(() => {
    committed.current = { selection, hasSelection: true };
  });
  return selection;
}

function selectResult(view: TargetsView) {
  return { targets: view.list, byId: view.targets, status: view.status, error: view.error };
}

/**
 * Reads the live targets of the nearest `TargetsProvider`.
 *
 * Without arguments it returns `{ targets, byId, status, error, refresh }` and
 * re-renders on every change. With a selector it returns `select(view)` and
 * re-renders only when that value changes (by `Object.is`, or by `isEqual`).
 * Keep the selector cheap, or define it outside the component.
 *
 * @example
 * ```tsx
 * const { targets, status } = useTargets();
 * const enabledCount = useTargets((view) => view.list.filter((t) => t.is_enabled).length);
 * ```
 */
export function useTargets(): UseTargetsResult;
export function useTargets<T>(select: (view: TargetsView) => T, isEqual?: (previous: T, next: T) => boolean): T;
export function useTargets<T>(
  select?: (view: TargetsView) => T,
  isEqual?: (previous: T, next: T) => boolean,
): UseTargetsResult | T {
  const client = useTargetsClient();
  const selected = useViewSelector<unknown>(client, select ?? selectResult, select === undefined ? undefined : (isEqual as never));
  const refresh = useCallback(() => client.refresh(), [client]);
  const result = useMemo(
    () => (select === undefined ? { ...(selected as ReturnType<typeof selectResult>), refresh } : selected),
    [select, selected, refresh],
  );
  return result as UseTargetsResult | T;
}
