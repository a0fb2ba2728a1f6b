import {
  createTargetsState,
  reduceTargets,
  type TargetEvent,
  type TargetSnapshot,
  type TargetsError,
  type TargetsState,
  type TargetsStatus,
  type TargetsView,
} from '@livetargets/core';
import type { TargetsClientSource } from '../context';

/**
 * A store with the client's shape, driven by the core reducer and published
 * synchronously, so that unit tests control every change. It counts listeners
 * and `refresh` calls.
 */
export interface FakeClient extends TargetsClientSource {
  readonly listenerCount: () => number;
  readonly refreshCalls: () => number;
  apply(event: TargetEvent): void;
  setStatus(status: TargetsStatus, error?: TargetsError): void;
}

function toView(state: TargetsState, status: TargetsStatus, error: TargetsError | undefined, lastEventAt?: number): TargetsView {
  return { targets: state.targets, list: state.list, tree: state.tree, status, error, lastEventAt };
}

export function createFakeClient(initial: readonly TargetSnapshot[] = []): FakeClient {
  const listeners = new Set<() => void>();
  let state = createTargetsState(initial);
  let view = toView(state, 'connecting', undefined);
  const serverView = toView(createTargetsState(initial), 'idle', undefined);
  let refreshes = 0;

  const publish = (next: TargetsView) => {
    view = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getSnapshot: () => view,
    getServerSnapshot: () => serverView,
    subscribe(listener) {
      const entry = () => listener();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    refresh: async () => {
      refreshes += 1;
    },
    listenerCount: () => listeners.size,
    refreshCalls: () => refreshes,
    apply(event) {
      const next = reduceTargets(state, event);
      if (next === state) return;
      state = next;
      publish(toView(state, view.status, view.error, event.emitted_at));
    },
    setStatus(status, error) {
      publish(toView(state, status, error, view.lastEventAt));
    },
  };
}
