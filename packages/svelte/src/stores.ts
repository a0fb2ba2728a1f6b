import { TargetsError } from '@livetargets/core';
import type { Target, TargetsError as TargetsErrorType, TargetsStatus, TargetsStore, TargetsView } from '@livetargets/core';
import { readable, type Readable } from 'svelte/store';

/** The value of `targetsStore`: the targets and the connection state of one view. */
export interface TargetsStoreValue {
  /** Targets ordered by `target_name`, then `target_id` (the view's `list`). */
  readonly targets: readonly Target[];
  /** Targets by `target_id` (the view's `targets`). */
  readonly byId: ReadonlyMap<string, Target>;
  readonly status: TargetsStatus;
  /** The error behind the current status, or `undefined`. */
  readonly error: TargetsErrorType | undefined;
  /** Local time (epoch ms) when the last event changed the targets, or `undefined`. */
  readonly lastEventAt: number | undefined;
  /** The whole immutable view, for its `tree`. */
  readonly view: TargetsView;
}

/**
 * Throws a `TargetsError` unless `client` has the `getSnapshot` and
 * `subscribe` functions every store reads from.
 */
export function assertTargetsStore(client: unknown, caller: string): asserts client is TargetsStore {
  const candidate = client as Partial<TargetsStore> | null | undefined;
  if (typeof candidate?.getSnapshot !== 'function' || typeof candidate.subscribe !== 'function') {
    throw new TargetsError(
      'invalid-options',
      `[livetargets] ${caller} expected a targets client with getSnapshot() and subscribe(), but received ${describeValue(client)}. Pass the object returned by createTargetsClient().`,
    );
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without them' : typeof value;
}

/**
 * Builds a readable store of `select(view)` and follows the client.
 * It subscribes to the client with its first subscriber and unsubscribes after
 * its last, and it notifies only when `select` returns a new value (by `===`).
 */
function selectStore<T>(client: TargetsStore, select: (view: TargetsView) => T): Readable<T> {
  let lastView = client.getSnapshot();
  let lastValue = select(lastView);

  const read = (): T => {
    const view = client.getSnapshot();
    if (view !== lastView) {
      lastView = view;
      lastValue = select(view);
    }
    return lastValue;
  };

  const store = readable<T>(lastValue, (set) => {
    // Svelte's `set` treats every object as changed, so only a new value is passed on.
    let published = read();
    set(published);
    const onChange = (): void => {
      const value = read();
      if (value === published) return;
      published = value;
      set(value);
    };
    const unsubscribe = client.subscribe(onChange);
    // Subscribing can itself change the view (a lazy client starts connecting), and a
    // store's listener hears only later changes, so the view is read once more here.
    onChange();
    return unsubscribe;
  });

  return { subscribe: store.subscribe };
}

function toStoreValue(view: TargetsView): TargetsStoreValue {
  return {
    targets: view.list,
    byId: view.targets,
    status: view.status,
    error: view.error,
    lastEventAt: view.lastEventAt,
    view,
  };
}

/**
 * Creates a readable Svelte store of the client's targets and connection
 * state. `subscribe` calls its callback at once with the current value, and
 * the store keeps one subscription to the client while it has subscribers.
 *
 * @param client - a targets client (anything with `getSnapshot` and `subscribe`, such as the result of `createTargetsClient`).
 * @throws TargetsError with code `invalid-options` when `client` lacks `getSnapshot` or `subscribe`.
 * @example
 * ```svelte
 * <script>
 *   import { targetsStore } from '@livetargets/svelte';
 *   let { client } = $props();
 *   const targets = targetsStore(client);
 * </script>
 *
 * <p>{$targets.status}: {$targets.targets.length} targets</p>
 * ```
 */
export function targetsStore(client: TargetsStore): Readable<TargetsStoreValue> {
  assertTargetsStore(client, 'targetsStore()');
  return selectStore(client, toStoreValue);
}

/**
 * Creates a readable Svelte store of one target, `undefined` while it does not
 * exist. It notifies only when a field of that target changes, because the core
 * keeps an unchanged target as the same object, also across a reconcile with the REST list.
 *
 * @param client - a targets client.
 * @param targetId - the target's `target_id`.
 * @throws TargetsError with code `invalid-options` when `client` lacks `getSnapshot` or `subscribe`, or `targetId` is not a string.
 * @example
 * ```svelte
 * <script>
 *   import { targetStore } from '@livetargets/svelte';
 *   let { client, id } = $props();
 *   const target = targetStore(client, id);
 * </script>
 *
 * {#if $target}<h2>{$target.target_name}</h2>{:else}<p>Removed</p>{/if}
 * ```
 */
export function targetStore(client: TargetsStore, targetId: string): Readable<Target | undefined> {
  assertTargetsStore(client, 'targetStore()');
  if (typeof targetId !== 'string') {
    throw new TargetsError(
      'invalid-options',
      `[livetargets] targetStore() expected a target_id string, but received ${typeof targetId}. Pass the target's target_id.`,
    );
  }
  return selectStore(client, (view) => view.targets.get(targetId));
}

/**
 * Creates a readable Svelte store of the client's connection status. It
 * notifies only when the status changes.
 *
 * @param client - a targets client.
 * @throws TargetsError with code `invalid-options` when `client` lacks `getSnapshot` or `subscribe`.
 * @example
 * ```svelte
 * <script>
 *   import { statusStore } from '@livetargets/svelte';
 *   let { client } = $props();
 *   const status = statusStore(client);
 * </script>
 *
 * <span class="badge">{$status}</span>
 * ```
 */
export function statusStore(client: TargetsStore): Readable<TargetsStatus> {
  assertTargetsStore(client, 'statusStore()');
  return selectStore(client, (view) => view.status);
}
