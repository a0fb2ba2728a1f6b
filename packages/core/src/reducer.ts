import { castDraft, freeze, produce } from 'immer';
import {
  emptyTrie,
  trieEntries,
  trieForEach,
  trieGet,
  trieSet,
  TrieWriter,
  type Trie,
} from './trie';
import type { Target, TargetEvent, TargetNode, TargetSnapshot } from './types';


/**
 * How many event ids the reducer remembers for deduplication, and how many
 * removals it remembers as tombstones: at least this many of the most recent
 * ones, at most twice as many.
 */
export const DEDUP_WINDOW = 10_000;

interface Entry {
  readonly target: Target;
  /** `emitted_at` of the last event applied to this target, or the watermark of the list that stamped it. */
  readonly version: number;
}

/** Keeps the newest keys: `current` fills up to `DEDUP_WINDOW`, then becomes `previous`. */
interface Generations<V> {
  readonly current: Trie<V>;
  readonly previous: Trie<V>;
  readonly currentSize: number;
}

interface StateData {
  readonly entries: Trie<Entry>;
  readonly size: number;
  readonly tombstones: Generations<number>;
  readonly seen: Generations<true>;
  readonly watermark: number | undefined;
  readonly lastEmittedAt: number | undefined;
}

interface DerivedViews {
  targets?: ReadonlyMap<string, Target>;
  list?: readonly Target[];
  tree?: readonly TargetNode[];
}

/**
 * An immutable map of targets with the bookkeeping that makes event
 * application idempotent and order-independent. Make one with
 * `createTargetsState`, change it with `reduceTargets` and `applySnapshot`.
 */
export interface TargetsState {
  /** The targets by `target_id`. Iteration order is unspecified: use `list` for a stable order. */
  readonly targets: ReadonlyMap<string, Target>;
  /** The targets ordered by `target_name`, then `target_id`, comparing UTF-16 code units. */
  readonly list: readonly Target[];
  /**
   * The targets as a forest in `list` order: each under its `parent_target_id`.
   * A target whose parent is missing (or that is part of a parent cycle) is at the top level.
   */
  readonly tree: readonly TargetNode[];
  /** Number of targets. */
  readonly size: number;
  /** Watermark of the last applied list: events emitted at or before it are ignored. */
  readonly watermark: number | undefined;
  /** Highest `emitted_at` among the applied events and the watermark. */
  readonly lastEmittedAt: number | undefined;
}

const emptyGenerations = <V>(): Generations<V> => ({
  current: emptyTrie<V>(),
  previous: emptyTrie<V>(),
  currentSize: 0,
});

function generationsGet<V>(generations: Generations<V>, key: string): V | undefined {
  return trieGet(generations.current, key) ?? trieGet(generations.previous, key);
}

/** Builds the stored target from a snapshot, keeping the last known counts where the snapshot has none. */
function toTarget(snapshot: TargetSnapshot, previous: Target | undefined): Target {
  const planCount = snapshot.plan_count ?? previous?.plan_count;
  const participantCount = snapshot.participant_count ?? previous?.participant_count;
  const target: {
    -readonly [K in keyof Target]: Target[K];
  } = {
    target_id: snapshot.target_id,
    target_name: snapshot.target_name,
    platform: snapshot.platform,
    kind: snapshot.kind,
    external_id: snapshot.external_id,
    is_enabled: snapshot.is_enabled,
    parent_target_id: snapshot.parent_target_id,
  };
  if (planCount !== undefined) target.plan_count = planCount;
  if (participantCount !== undefined) target.participant_count = participantCount;
  return target;
}

function compareTargets(a: Target, b: Target): number {
  if (a.target_name !== b.target_name) return a.target_name < b.target_name ? -1 : 1;
  if (a.target_id === b.target_id) return 0;
  return a.target_id < b.target_id ? -1 : 1;
}

function buildTree(list: readonly Target[], targets: ReadonlyMap<string, Target>): readonly TargetNode[] {
  const childrenOf = new Map<string, Target[]>();
  const roots: Target[] = [];
  for (const target of list) {
    const parentId = target.parent_target_id;
    if (parentId === null || parentId === target.target_id || !targets.has(parentId)) {
      roots.push(target);
      continue;
    }
    const siblings = childrenOf.get(parentId);
    if (siblings === undefined) childrenOf.set(parentId, [target]);
    else siblings.push(target);
  }

  const placed = new Set<string>();
  const toNode = (target: Target): TargetNode => {
    placed.add(target.target_id);
    const children: TargetNode[] = [];
    for (const child of childrenOf.get(target.target_id) ?? []) {
      if (!placed.has(child.target_id)) children.push(toNode(child));
    }
    return Object.freeze({ target, children: Object.freeze(children) });
  };

  const forest = roots.map(toNode);
  // Targets in a parent cycle are not reachable from any root; list them at the top level.
  for (const target of list) {
    if (!placed.has(target.target_id)) forest.push(toNode(target));
  }
  return Object.freeze(forest);
}

class TargetsMapView implements ReadonlyMap<string, Target> {
  readonly #entries: Trie<Entry>;
  readonly size: number;

  constructor(entries: Trie<Entry>, size: number) {
    this.#entries = entries;
    this.size = size;
    Object.freeze(this);
  }

  get(key: string): Target | undefined {
    return typeof key === 'string' ? trieGet(this.#entries, key)?.target : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  forEach(callback: (value: Target, key: string, map: ReadonlyMap<string, Target>) => void, thisArg?: unknown): void {
    trieForEach(this.#entries, (entry, key) => callback.call(thisArg, entry.target, key, this));
  }

  *entries(): MapIterator<[string, Target]> {
    for (const [key, entry] of trieEntries(this.#entries)) yield [key, entry.target];
    return undefined;
  }

  *keys(): MapIterator<string> {
    for (const [key] of trieEntries(this.#entries)) yield key;
    return undefined;
  }

  *values(): MapIterator<Target> {
    for (const [, entry] of trieEntries(this.#entries)) yield entry.target;
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[string, Target]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'TargetsMap';
  }
}

class TargetsStateImpl implements TargetsState {
  readonly #data: StateData;
  readonly #views: DerivedViews;

  constructor(data: StateData, views: DerivedViews = {}) {
    this.#data = data;
    this.#views = views;
    Object.freeze(this);
  }

  get data(): StateData {
    return this.#data;
  }

  get views(): DerivedViews {
    return this.#views;
  }

  get targets(): ReadonlyMap<string, Target> {
    this.#views.targets ??= new TargetsMapView(this.#data.entries, this.#data.size);
    return this.#views.targets;
  }

  get list(): readonly Target[] {
    this.#views.list ??= Object.freeze([...this.targets.values()].sort(compareTargets));
    return this.#views.list;
  }

  get tree(): readonly TargetNode[] {
    this.#views.tree ??= buildTree(this.list, this.targets);
    return this.#views.tree;
  }

  get size(): number {
    return this.#data.size;
  }

  get watermark(): number | undefined {
    return this.#data.watermark;
  }

  get lastEmittedAt(): number | undefined {
    return this.#data.lastEmittedAt;
  }
}

function internals(state: TargetsState): TargetsStateImpl {
  if (!(state instanceof TargetsStateImpl)) {
    throw new TypeError('[livetargets] Expected a state made by createTargetsState, reduceTargets or applySnapshot.');
  }
  return state;
}

/** A new state from `data`, reusing the derived views when the targets did not change. */
function nextState(previous: TargetsStateImpl, data: StateData): TargetsStateImpl {
  if (data === previous.data) return previous;
  return new TargetsStateImpl(data, data.entries === previous.data.entries ? previous.views : {});
}

function buildEntries(
  snapshots: readonly TargetSnapshot[],
  version: number,
  previous: Trie<Entry> | undefined,
): { entries: Trie<Entry>; size: number } {
  const entries = emptyTrie<Entry>();
  let size = 0;
  for (const snapshot of snapshots) {
    const prior = previous === undefined ? undefined : trieGet(previous, snapshot.target_id);
    const known = trieGet(entries, snapshot.target_id);
    if (known === undefined) size += 1;
    const target = toTarget(snapshot, known?.target ?? prior?.target);
    trieSet(entries, snapshot.target_id, { target, version });
  }
  return { entries: freeze(entries, true), size };
}

/**
 * Makes a state, empty or seeded with `targets`. With a `watermark` (epoch ms),
 * the seed counts as a list read at that time: events emitted at or before it
 * are ignored.
 *
 * @example
 * ```ts
 * const state = createTargetsState(serverRenderedTargets, renderedAt);
 * state.list; // ordered by name
 * ```
 */
export function createTargetsState(targets: readonly TargetSnapshot[] = [], watermark?: number): TargetsState {
  const { entries, size } = buildEntries(targets, watermark ?? 0, undefined);
  return new TargetsStateImpl(
    freeze({
      entries,
      size,
      tombstones: emptyGenerations<number>(),
      seen: emptyGenerations<true>(),
      watermark,
      lastEmittedAt: watermark,
    }, true),
  );
}

/** What a batch changes, collected from reads of the base state so that Immer only sees writes. */
interface BatchChanges {
  readonly entries: Map<string, Entry | null>;
  readonly seen: Set<string>;
  readonly tombstones: Map<string, number>;
  size: number;
  lastEmittedAt: number | undefined;
}

function readEntry(data: StateData, changes: BatchChanges, targetId: string): Entry | undefined {
  const changed = changes.entries.get(targetId);
  if (changed !== undefined) return changed ?? undefined;
  return trieGet(data.entries, targetId);
}

function isStale(data: StateData, changes: BatchChanges, targetId: string, emittedAt: number): boolean {
  if (data.watermark !== undefined && emittedAt <= data.watermark) return true;
  const entry = readEntry(data, changes, targetId);
  if (entry !== undefined && emittedAt < entry.version) return true;
  const tombstone = changes.tombstones.get(targetId) ?? generationsGet(data.tombstones, targetId);
  return tombstone !== undefined && emittedAt < tombstone;
}

function collectEvent(data: StateData, changes: BatchChanges, event: TargetEvent): void {
  if (changes.seen.has(event.event_id) || generationsGet(data.seen, event.event_id) !== undefined) return;
  const targetId = event.type === 'target.removed' ? event.target_id : event.target.target_id;
  if (isStale(data, changes, targetId, event.emitted_at)) return;

  changes.seen.add(event.event_id);
  if (changes.lastEmittedAt === undefined || event.emitted_at > changes.lastEmittedAt) {
    changes.lastEmittedAt = event.emitted_at;
  }

  const existing = readEntry(data, changes, targetId);
  if (event.type === 'target.removed') {
    if (existing !== undefined) {
      changes.entries.set(targetId, null);
      changes.size -= 1;
    }
    changes.tombstones.set(targetId, event.emitted_at);
    return;
  }

  if (existing === undefined) changes.size += 1;
  changes.entries.set(targetId, {
    target: toTarget(event.target, existing?.target),
    version: event.emitted_at,
  });
}

function addToGenerations<V>(generations: Generations<V>, keys: Iterable<[string, V]>): Generations<V> {
  let { previous, currentSize } = generations;
  let writer = new TrieWriter(generations.current);
  for (const [key, value] of keys) {
    if (currentSize >= DEDUP_WINDOW) {
      previous = writer.finish();
      writer = new TrieWriter(emptyTrie<V>());
      currentSize = 0;
    }
    writer.set(key, value);
    currentSize += 1;
  }
  return { current: writer.finish(), previous, currentSize };
}

function writeChanges(base: StateData, changes: BatchChanges): StateData {
  const entries = new TrieWriter(base.entries);
  for (const [targetId, entry] of changes.entries) {
    if (entry === null) entries.delete(targetId);
    else entries.set(targetId, freeze(entry, true));
  }
  const seen = addToGenerations(base.seen, [...changes.seen].map((eventId): [string, true] => [eventId, true]));
  const tombstones = changes.tombstones.size === 0 ? base.tombstones : addToGenerations(base.tombstones, changes.tombstones);
  return produce(base, (draft) => {
    draft.entries = castDraft(entries.finish());
    draft.seen = castDraft(seen);
    draft.tombstones = castDraft(tombstones);
    draft.size = changes.size;
    draft.lastEmittedAt = changes.lastEmittedAt;
  });
}

/**
 * Applies one event or a batch, in order. Pure: returns a new frozen state, or
 * the same `state` when nothing changed (a duplicate `event_id`, or an event
 * older than what the state already holds for that target).
 *
 * Rules: added, enabled, disabled and updated overwrite the target from the
 * event's snapshot, except that a missing count keeps its last known value;
 * removed deletes it and leaves a tombstone so that a late update cannot bring
 * it back. An event older than the target's last applied event, or emitted at
 * or before the last list's watermark, is stale and ignored; an equal one applies.
 *
 * @example
 * ```ts
 * const result = parseTargetEvent(name, payload);
 * if (result.ok) state = reduceTargets(state, result.event);
 * ```
 */
export function reduceTargets(state: TargetsState, events: TargetEvent | readonly TargetEvent[]): TargetsState {
  const current = internals(state);
  const batch: readonly TargetEvent[] = Array.isArray(events) ? events : [events as TargetEvent];
  if (batch.length === 0) return current;

  const base = current.data;
  const changes: BatchChanges = {
    entries: new Map(),
    seen: new Set(),
    tombstones: new Map(),
    size: base.size,
    lastEmittedAt: base.lastEmittedAt,
  };
  for (const event of batch) collectEvent(base, changes, event);
  if (changes.seen.size === 0) return current;

  return nextState(current, writeChanges(base, changes));
}

/**
 * Replaces the targets with an authoritative list read at `watermark` (epoch
 * ms): targets missing from the list are removed, and every listed or removed
 * target is stamped with the watermark, so that events emitted at or before it
 * are ignored from now on. The event ids seen and the tombstones are kept.
 *
 * @example
 * ```ts
 * const watermark = state.lastEmittedAt ?? 0;
 * const list = await readAllPages();
 * state = applySnapshot(state, list, watermark);
 * ```
 */
export function applySnapshot(
  state: TargetsState,
  targets: readonly TargetSnapshot[],
  watermark: number,
): TargetsState {
  const current = internals(state);
  const previous = current.data;
  const { entries, size } = buildEntries(targets, watermark, previous.entries);
  const nextWatermark = previous.watermark === undefined ? watermark : Math.max(previous.watermark, watermark);

  const removed: [string, number][] = [];
  trieForEach(previous.entries, (_entry, targetId) => {
    if (trieGet(entries, targetId) === undefined) removed.push([targetId, watermark]);
  });
  const tombstones = removed.length === 0 ? previous.tombstones : addToGenerations(previous.tombstones, removed);

  const data = produce(previous, (draft) => {
    draft.entries = castDraft(entries);
    draft.tombstones = castDraft(tombstones);
    draft.size = size;
    draft.watermark = nextWatermark;
    if (draft.lastEmittedAt === undefined || nextWatermark > draft.lastEmittedAt) draft.lastEmittedAt = nextWatermark;
  });
  return new TargetsStateImpl(data);
}
