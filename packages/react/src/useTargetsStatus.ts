import type { TargetsError, TargetsStatus, TargetsView } from '@livetargets/core';
import { useTargetsClient } from './context';
import { useViewSelector } from './useTargets';

/** The result of `useTargetsStatus()`. */
export interface UseTargetsStatusResult {
  readonly status: TargetsStatus;
  /** The error behind `reconnecting` or `unauthorized`, or `undefined`. */
  readonly error: TargetsError | undefined;
  /** Local time (epoch ms) of the last event that changed the targets, or `undefined`. */
  readonly lastEventAt: number | undefined;
}

function selectStatus(view: TargetsView): UseTargetsStatusResult {
  return { status: view.status, error: view.error, lastEventAt: view.lastEventAt };
}

function sameStatus(a: UseTargetsStatusResult, b: UseTargetsStatusResult): boolean {
  return a.status === b.status && a.error === b.error && a.lastEventAt === b.lastEventAt;
}

/**
 * Reads the connection state: the status word, its error and the time of the
 * last event. Re-renders only when one of these changes, not on every target change.
 *
 * @example
 * ```tsx
 * const { status, lastEventAt } = useTargetsStatus();
 * return <span className={`badge badge-${status}`}>{status}</span>;
 * ```
 */
export function useTargetsStatus(): UseTargetsStatusResult {
  return useViewSelector(useTargetsClient(), selectStatus, sameStatus);
}
