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

/** A target changed by an event, with the `emitted_at` of the last event applied to it. */
class VersionedTarget {
  constructor(
    readonly target: Target,
    readonly version: number,
  ) {
    Object.freeze(this);
  }
}

/**
 * A stored target. One stamped by the last list is stored bare, with the
 * state's `listVersion` as its version: at 100k targets that saves a wrapper
 * object per target (about 4 MB).
 */
type Entry = Target | VersionedTarget;

function targetOf(entry: Entry): Target;
function targetOf(entry: Entry | undefined): Target | undefined;
function targetOf(entry: Entry | undefined): Target | undefined {
  return entry instanceof VersionedTarget ? entry.target : entry;
}

/** Keeps the newest keys: `current` fills up to `DEDUP_WINDOW`, then becomes `previous`. */
interface Generations<V> {
  readonly current: Trie<V>;
  readonly previous: Trie<V> | undefined;
  readonly currentSize: number;
}

interface StateData {
  readonly entries: Trie<Entry>;
  /** Version of the entries stored bare: the watermark of the list that built them. */
  readonly listVersion: number;
  readonly size: number;
  readonly tombstones: Generations<number>;
  /** Event ids applied, mapped to `true`. */
  readonly seen: Generations<true>;
  readonly watermark: number | undefined;
  readonly lastEmittedAt: number | undefined;
}

/** Ids of the targets changed since a list was sorted, newest first. */
interface ChangedIds {
  readonly targetId: string;
  readonly next: ChangedIds | undefined;
  readonly count: number;
}

/** A sorted list of an earlier state and the targets changed since, from which `list` is merged. */
interface ListPatch {
  readonly base: readonly Target[];
  readonly changed: ChangedIds;
}

interface DerivedViews {
  targets?: ReadonlyMap<string, Target>;
  list?: readonly Target[];
  tree?: readonly TargetNode[];
  listPatch?: ListPatch | undefined;
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

const emptyGenerations = <V>(): Generations<V> =>
  Object.freeze({ current: Object.freeze(emptyTrie<V>()) as Trie<V>, previous: undefined, currentSize: 0 });

/** Adds keys on top of `Generations` during one call, reading its own writes. */
class GenerationsWriter<V> {
  readonly #base: Generations<V>;
  #current: TrieWriter<V>;
  #previous: Trie<V> | undefined;
  #currentSize: number;
  #changed = false;
  // Most states have no tombstone: an empty writer skips the two trie reads per event.
  #empty: boolean;

  constructor(base: Generations<V>) {
    this.#base = base;
    this.#current = new TrieWriter(base.current);
    this.#previous = base.previous;
    this.#currentSize = base.currentSize;
    this.#empty = base.currentSize === 0 && base.previous === undefined;
  }

  get(key: string): V | undefined {
    if (this.#empty) return undefined;
    return this.#current.get(key) ?? (this.#previous === undefined ? undefined : trieGet(this.#previous, key));
  }

  set(key: string, value: V): void {
    if (this.#currentSize >= DEDUP_WINDOW) {
      this.#previous = this.#current.finish();
      this.#current = new TrieWriter(emptyTrie<V>());
      this.#currentSize = 0;
    }
    // An overwrite does not count, so `current` always contains `currentSize` distinct keys.
    if (this.#current.set(key, value)) this.#currentSize += 1;
    this.#changed = true;
    this.#empty = false;
  }

  finish(): Generations<V> {
    if (!this.#changed) return this.#base;
    return Object.freeze({ current: this.#current.finish(), previous: this.#previous, currentSize: this.#currentSize });
  }
}

/**
 * Builds the stored target from a snapshot, keeping the last known counts where
 * the snapshot has none. Returns `previous` itself when no field changed, so a
 * UI row bound to the target object does not render again.
 */
function toTarget(snapshot: TargetSnapshot, previous: Target | undefined): Target {
  const planCount = snapshot.plan_count ?? previous?.plan_count;
  const participantCount = snapshot.participant_count ?? previous?.participant_count;
  if (
    previous !== undefined &&
    previous.target_name === snapshot.target_name &&
    previous.platform === snapshot.platform &&
    previous.kind === snapshot.kind &&
    previous.external_id === snapshot.external_id &&
    previous.is_enabled === snapshot.is_enabled &&
    previous.parent_target_id === snapshot.parent_target_id &&
    previous.plan_count === planCount &&
    previous.participant_count === participantCount
  ) {
    return previous;
  }
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

/** Returns the ids of the targets whose parent chain leads back to them, a self-parent included. */
function findParentCycles(targets: ReadonlyMap<string, Target>): Set<string> {
  const inCycle = new Set<string>();
  const done = new Set<string>();
  for (const start of targets.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null = start;
    while (id !== null && !done.has(id) && !onPath.has(id)) {
      const target = targets.get(id);
      if (target === undefined) break;
      path.push(id);
      onPath.add(id);
      id = target.parent_target_id;
    }
    if (id !== null && onPath.has(id)) {
      for (let i = path.indexOf(id); i < path.length; i++) inCycle.add(path[i]!);
    }
    for (const visited of path) done.add(visited);
  }
  return inCycle;
}

// Shared by every leaf node: at 100k targets, one empty array per leaf would cost about 3 MB.
const NO_CHILDREN: readonly TargetNode[] = Object.freeze([]);

function buildTree(list: readonly Target[], targets: ReadonlyMap<string, Target>): readonly TargetNode[] {
  const childrenOf = new Map<string, Target[]>();
  const roots: Target[] = [];
  const inCycle = findParentCycles(targets);
  for (const target of list) {
    const parentId = target.parent_target_id;
    if (parentId === null || inCycle.has(target.target_id) || !targets.has(parentId)) {
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
    return Object.freeze({ target, children: children.length === 0 ? NO_CHILDREN : Object.freeze(children) });
  };

  const forest = roots.map(toNode);
  // Cycle members are roots, so every target is reachable and this loop adds nothing.
  // It keeps a target from being lost if that ever changes.
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
    return typeof key === 'string' ? targetOf(trieGet(this.#entries, key)) : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  forEach(callback: (value: Target, key: string, map: ReadonlyMap<string, Target>) => void, thisArg?: unknown): void {
    trieForEach(this.#entries, (entry, key) => callback.call(thisArg, targetOf(entry), key, this));
  }

  *entries(): MapIterator<[string, Target]> {
    for (const [key, entry] of trieEntries(this.#entries)) yield [key, targetOf(entry)];
    return undefined;
  }

  *keys(): MapIterator<string> {
    for (const [key] of trieEntries(this.#entries)) yield key;
    return undefined;
  }

  *values(): MapIterator<Target> {
    for (const [, entry] of trieEntries(this.#entries)) yield targetOf(entry);
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
    if (this.#views.list === undefined) {
      const patch = this.#views.listPatch;
      this.#views.list =
        patch === undefined
          ? Object.freeze([...this.targets.values()].sort(compareTargets))
          : mergeListPatch(patch, this.#data.entries);
      this.#views.listPatch = undefined;
    }
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

/**
 * Re-sorting from scratch costs O(n log n) (about 150 ms at 100k targets), so
 * a list with few changes is merged from an earlier sorted list in O(n) instead.
 */
function mergeListPatch(patch: ListPatch, entries: Trie<Entry>): readonly Target[] {
  const changedIds = new Set<string>();
  const changedTargets: Target[] = [];
  for (let link: ChangedIds | undefined = patch.changed; link !== undefined; link = link.next) {
    if (changedIds.has(link.targetId)) continue;
    changedIds.add(link.targetId);
    const target = targetOf(trieGet(entries, link.targetId));
    if (target !== undefined) changedTargets.push(target);
  }
  changedTargets.sort(compareTargets);

  const list: Target[] = [];
  let next = 0;
  for (const target of patch.base) {
    if (changedIds.has(target.target_id)) continue;
    while (next < changedTargets.length && compareTargets(changedTargets[next]!, target) < 0) {
      list.push(changedTargets[next]!);
      next += 1;
    }
    list.push(target);
  }
  while (next < changedTargets.length) {
    list.push(changedTargets[next]!);
    next += 1;
  }
  return Object.freeze(list);
}

/** Beyond this many changed targets (or an eighth of the targets, if more), a full sort is cheaper than a merge. */
const LIST_PATCH_MIN_LIMIT = 256;

function extendListPatch(views: DerivedViews, changedIds: readonly string[], size: number): ListPatch | undefined {
  const base = views.list ?? views.listPatch?.base;
  if (base === undefined) return undefined;
  let changed = views.list === undefined ? views.listPatch?.changed : undefined;
  if ((changed?.count ?? 0) + changedIds.length > Math.max(LIST_PATCH_MIN_LIMIT, size / 8)) return undefined;
  for (const targetId of changedIds) changed = { targetId, next: changed, count: (changed?.count ?? 0) + 1 };
  return changed === undefined ? undefined : { base, changed };
}

/**
 * Makes a new state from `data`, reusing the derived views when the targets did not
 * change, and otherwise remembering how to merge `list` from the previous one.
 */
function nextState(previous: TargetsStateImpl, data: StateData, changedIds: readonly string[]): TargetsStateImpl {
  if (data === previous.data) return previous;
  if (data.entries === previous.data.entries) return new TargetsStateImpl(data, previous.views);
  return new TargetsStateImpl(data, { listPatch: extendListPatch(previous.views, changedIds, data.size) });
}

function freezeTrie<V>(trie: Trie<V>): Trie<V> {
  for (const branch of trie) {
    if (branch === undefined) continue;
    for (const twig of branch) {
      if (twig === undefined) continue;
      // Leaves grown by `push` carry spare capacity; a spread copy has none.
      for (let i = 0; i < twig.length; i++) {
        const leaf = twig[i];
        if (leaf === undefined) continue;
        const compact = [...leaf];
        Object.freeze(compact);
        twig[i] = compact;
      }
      Object.freeze(twig);
    }
    Object.freeze(branch);
  }
  return Object.freeze(trie) as Trie<V>;
}

/** Builds the entries of a list; each is stored bare, so its version is the state's `listVersion`. */
function buildEntries(
  snapshots: readonly TargetSnapshot[],
  previous: Trie<Entry> | undefined,
): { entries: Trie<Entry>; size: number } {
  const entries = emptyTrie<Entry>();
  let size = 0;
  for (const snapshot of snapshots) {
    const prior = previous === undefined ? undefined : trieGet(previous, snapshot.target_id);
    const known = trieGet(entries, snapshot.target_id);
    if (known === undefined) size += 1;
    trieSet(entries, snapshot.target_id, Object.freeze(toTarget(snapshot, targetOf(known ?? prior))));
  }
  return { entries: freezeTrie(entries), size };
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
  const { entries, size } = buildEntries(targets, undefined);
  return new TargetsStateImpl(
    Object.freeze({
      entries,
      listVersion: watermark ?? 0,
      size,
      tombstones: emptyGenerations<number>(),
      seen: emptyGenerations<true>(),
      watermark,
      lastEmittedAt: watermark,
    }),
  );
}

/**
 * Applies one event or a batch, in order. Pure: returns a new frozen state, or
 * the same `state` when nothing changed (a duplicate `event_id`, or an event
 * older than what the state already holds for that target).
 *
 * Rules: added, enabled, disabled and updated overwrite the target from the
 * event's snapshot, except that a missing count keeps its last known value.
 * Removed deletes the target and leaves a tombstone, so a late update cannot
 * bring it back. An event older than the target's last applied event, or
 * emitted at or before the last list's watermark, is stale and ignored. An
 * event as old as the last applied one applies.
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

  // Writes go straight into copy-on-write writers, which read their own writes,
  // so later events of the batch see the earlier ones without a side table.
  const base = current.data;
  const entries = new TrieWriter(base.entries);
  const seen = new GenerationsWriter(base.seen);
  const tombstones = new GenerationsWriter(base.tombstones);
  const changedIds: string[] = [];
  let applied = 0;
  let size = base.size;
  let lastEmittedAt = base.lastEmittedAt;

  for (const event of batch) {
    if (seen.get(event.event_id)) continue;
    const emittedAt = event.emitted_at;
    if (base.watermark !== undefined && emittedAt <= base.watermark) continue;
    const targetId = event.type === 'target.removed' ? event.target_id : event.target.target_id;
    const existing = entries.get(targetId);
    if (existing !== undefined && emittedAt < (existing instanceof VersionedTarget ? existing.version : base.listVersion)) continue;
    const tombstone = tombstones.get(targetId);
    if (tombstone !== undefined && emittedAt < tombstone) continue;

    seen.set(event.event_id, true);
    applied += 1;
    if (lastEmittedAt === undefined || emittedAt > lastEmittedAt) lastEmittedAt = emittedAt;

    if (event.type === 'target.removed') {
      if (existing !== undefined) {
        entries.delete(targetId);
        size -= 1;
        changedIds.push(targetId);
      }
      tombstones.set(targetId, emittedAt);
      continue;
    }

    if (existing === undefined) size += 1;
    const target = Object.freeze(toTarget(event.target, targetOf(existing)));
    entries.set(targetId, new VersionedTarget(target, emittedAt));
    changedIds.push(targetId);
  }
  if (applied === 0) return current;

  const data: StateData = Object.freeze({
    entries: entries.finish(),
    listVersion: base.listVersion,
    size,
    tombstones: tombstones.finish(),
    seen: seen.finish(),
    watermark: base.watermark,
    lastEmittedAt,
  });
  return nextState(current, data, changedIds);
}

/**
 * Replaces the targets with an authoritative list read at `watermark` (epoch
 * ms). Targets missing from the list are removed. Every listed or removed
 * target is stamped with the watermark, so events emitted at or before it are
 * ignored from now on. The event ids seen and the tombstones are kept.
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
  const { entries, size } = buildEntries(targets, previous.entries);
  const nextWatermark = previous.watermark === undefined ? watermark : Math.max(previous.watermark, watermark);

  const tombstones = new GenerationsWriter(previous.tombstones);
  trieForEach(previous.entries, (_entry, targetId) => {
    if (trieGet(entries, targetId) === undefined) tombstones.set(targetId, watermark);
  });

  const lastEmittedAt =
    previous.lastEmittedAt === undefined || nextWatermark > previous.lastEmittedAt ? nextWatermark : previous.lastEmittedAt;
  const data: StateData = Object.freeze({
    entries,
    listVersion: watermark,
    size,
    tombstones: tombstones.finish(),
    seen: previous.seen,
    watermark: nextWatermark,
    lastEmittedAt,
  });
  return new TargetsStateImpl(data);
}
