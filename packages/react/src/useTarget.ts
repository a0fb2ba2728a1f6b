import { useCallback } from 'react';
import type { Target, TargetsView } from '@livetargets/core';
import { useTargetsClient } from './context';
import { useViewSelector } from './useTargets';

/**
 * Reads one target by `target_id`, or `undefined` while it does not exist. The
 * component re-renders only when this target changes, so a long list of rows
 * that each call `useTarget` stays cheap to update.
 *
 * @example
 * ```tsx
 * const TargetRow = memo(function TargetRow({ id }: { id: string }) {
 *   const target = useTarget(id);
 *   return target ? <li>{target.target_name}</li> : null;
 * });
 * ```
 */
export function useTarget(targetId: string): Target | undefined {
  const client = useTargetsClient();
  const select = useCallback((view: TargetsView) => view.targets.get(targetId), [targetId]);
  return useViewSelector(client, select);
}
