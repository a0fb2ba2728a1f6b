import { applySnapshot, createTargetsState, reduceTargets } from '@livetargets/core';
import type {
  TargetEvent,
  TargetSnapshot,
  TargetsState,
  TargetsStatus,
  TargetsStore,
  TargetsView,
} from '@livetargets/core';

/**
 * A `TargetsStore` driven by the core reducer, with no socket: tests push
 * events and statuses into it and read how many listeners are attached.
 */
export interface FakeTargetsStore extends TargetsStore {
  readonly listenerCount: () => number;
  readonly apply: (event: TargetEvent) => void;
  readonly setStatus: (status: TargetsStatus) => void;
  /** Replaces the targets with `list`, as a reconcile with the REST list does. */
  readonly reconcile: (list: readonly TargetSnapshot[]) => void;
}

let emittedAt = 1_700_000_000_000;
let eventCounter = 0;

export function snapshot(id: string, name: string, patch: Partial<TargetSnapshot> = {}): TargetSnapshot {
  return {
    target_id: id,
    target_name: name,
    platform: 'telegram',
    kind: 'group',
    external_id: `-100${id.length}`,
    is_enabled: true,
    parent_target_id: null,
    ...patch,
  };
}

export function updatedEvent(target: TargetSnapshot, type: 'target.added' | 'target.updated' = 'target.updated'): TargetEvent {
  eventCounter += 1;
  emittedAt += 1;
  return {
    type,
    event_id: `event-${eventCounter}`,
    emitted_at: emittedAt,
    project_id: 'project-1',
    platform: target.platform,
    target,
  };
}

export function createFakeStore(initial: readonly TargetSnapshot[] = []): FakeTargetsStore {
  const listeners = new Set<() => void>();
  let state: TargetsState = createTargetsState(initial);
  let status: TargetsStatus = 'live';
  let view = toView(state, status);

  const publish = () => {
    view = toView(state, status);
    for (const listener of [...listeners]) listener();
  };

  return {
    getSnapshot: () => view,
    subscribe(listener) {
      // A wrapper per call, so a listener subscribed twice is counted twice.
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    listenerCount: () => listeners.size,
    apply(event) {
      state = reduceTargets(state, event);
      publish();
    },
    reconcile(list) {
      emittedAt += 1;
      state = applySnapshot(state, list, emittedAt);
      publish();
    },
    setStatus(next) {
      status = next;
      publish();
    },
  };
}

function toView(state: TargetsState, status: TargetsStatus): TargetsView {
  return {
    targets: state.targets,
    list: state.list,
    tree: state.tree,
    status,
    error: undefined,
    lastEventAt: undefined,
  };
}
