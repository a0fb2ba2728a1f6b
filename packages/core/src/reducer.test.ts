import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEvent, makeTarget, uuidFromSeed } from '@livetargets/test-utils';
import { TARGET_EVENT_NAMES } from './protocol';
import { applySnapshot, createTargetsState, DEDUP_WINDOW, reduceTargets, type TargetsState } from './reducer';
import type { Target, TargetEvent, TargetNode, TargetSnapshot } from './types';

const idA = uuidFromSeed(0xa);
const idB = uuidFromSeed(0xb);
const idC = uuidFromSeed(0xc);
const idD = uuidFromSeed(0xd);

/** Plain, comparable copy of any value: Maps become entry lists sorted by key, objects get sorted keys. */
function dump(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [dump(key), dump(item)] as const);
    return { map: entries.sort(([a], [b]) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
  }
  if (value instanceof Set) return { set: [...value].map(dump) };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? '<hole>' : dump(item)));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, dump(record[key])]));
  }
  return value;
}

/** Dumps what a state shows to its users. */
function dumpPublic(state: TargetsState): unknown {
  return dump({
    targets: new Map(state.targets),
    list: state.list,
    tree: state.tree,
    size: state.size,
    watermark: state.watermark,
    lastEmittedAt: state.lastEmittedAt,
  });
}

/**
 * Dumps what a state shows and what replaying each probe event does to it.
 * Replays reveal the remembered event ids, versions and tombstones without
 * reading internals, which states may share by design.
 */
function dumpState(state: TargetsState, probes: readonly TargetEvent[] = []): unknown {
  return {
    public: dumpPublic(state),
    probes: probes.map((probe) => {
      const next = reduceTargets(state, probe);
      return next === state ? 'unchanged' : dumpPublic(next);
    }),
  };
}

function treeIds(nodes: readonly TargetNode[]): unknown[] {
  return nodes.map((node) =>
    node.children.length === 0 ? node.target.target_id : [node.target.target_id, treeIds(node.children)],
  );
}

describe('createTargetsState', () => {
  it('starts empty', () => {
    const state = createTargetsState();
    expect(state.size).toBe(0);
    expect(state.list).toEqual([]);
    expect(state.tree).toEqual([]);
    expect(state.watermark).toBeUndefined();
    expect(state.lastEmittedAt).toBeUndefined();
  });

  it('seeds targets', () => {
    const seed = [makeTarget({ target_id: idA }), makeTarget({ target_id: idB, plan_count: null })];
    const state = createTargetsState(seed);
    expect(state.size).toBe(2);
    expect(state.targets.get(idA)).toEqual(seed[0]);
    expect(state.targets.get(idB)).not.toHaveProperty('plan_count');
  });

  it('counts duplicate seeds once', () => {
    const state = createTargetsState([makeTarget({ target_id: idA }), makeTarget({ target_id: idA, target_name: 'Second' })]);
    expect(state.size).toBe(1);
    expect(state.targets.get(idA)?.target_name).toBe('Second');
  });

  it('treats a seed watermark as a list read', () => {
    const state = createTargetsState([makeTarget({ target_id: idA })], 100);
    expect(state.watermark).toBe(100);
    expect(state.lastEmittedAt).toBe(100);
    const atWatermark = makeEvent('target.updated', { emitted_at: 100, target: { target_id: idA } });
    expect(reduceTargets(state, atWatermark)).toBe(state);
    const after = makeEvent('target.updated', { emitted_at: 101, target: { target_id: idA, target_name: 'New' } });
    expect(reduceTargets(state, after).targets.get(idA)?.target_name).toBe('New');
  });

  it('leaves the seed unmutated', () => {
    const seed = [makeTarget({ target_id: idA, icon: 'x' } as Partial<TargetSnapshot>)];
    const before = dump(seed);
    const state = createTargetsState(seed);
    expect(dump(seed)).toEqual(before);
    expect(Object.isFrozen(seed[0])).toBe(false);
    expect(state.targets.get(idA)).not.toHaveProperty('icon');
  });
});

describe('reduceTargets events', () => {
  it.each(['target.added', 'target.enabled', 'target.disabled', 'target.updated'] as const)('%s overwrites the target', (type) => {
    const state = createTargetsState([makeTarget({ target_id: idA, parent_target_id: idB })]);
    const snapshot = makeTarget({
      target_id: idA,
      target_name: 'Announcements',
      platform: 'telegram',
      kind: 'channel',
      external_id: '-1001234567890',
      is_enabled: false,
      parent_target_id: null,
      plan_count: 7,
      participant_count: 900,
    });
    const next = reduceTargets(state, makeEvent(type, { emitted_at: 5, target: snapshot }));
    expect(next.targets.get(idA)).toEqual(snapshot);
    expect(next.size).toBe(1);
  });

  it('adds unknown targets', () => {
    const next = reduceTargets(createTargetsState(), makeEvent('target.updated', { target: { target_id: idA } }));
    expect(next.size).toBe(1);
    expect(next.targets.has(idA)).toBe(true);
  });

  it('removes by target_id', () => {
    const state = createTargetsState([makeTarget({ target_id: idA }), makeTarget({ target_id: idB })]);
    const next = reduceTargets(state, makeEvent('target.removed', { target_id: idA, emitted_at: 5 }));
    expect(next.targets.has(idA)).toBe(false);
    expect(next.targets.has(idB)).toBe(true);
    expect(next.size).toBe(1);
    expect(next.list.map((target) => target.target_id)).toEqual([idB]);
  });

  it('applies a batch in order', () => {
    const next = reduceTargets(createTargetsState(), [
      makeEvent('target.added', { emitted_at: 1, target: { target_id: idA, target_name: 'One' } }),
      makeEvent('target.updated', { emitted_at: 1, target: { target_id: idA, target_name: 'Two' } }),
      makeEvent('target.added', { emitted_at: 1, target: { target_id: idB } }),
      makeEvent('target.removed', { emitted_at: 2, target_id: idB }),
    ]);
    expect(next.size).toBe(1);
    expect(next.targets.get(idA)?.target_name).toBe('Two');
  });

  it('tracks lastEmittedAt', () => {
    const next = reduceTargets(createTargetsState(), [
      makeEvent('target.added', { emitted_at: 9, target: { target_id: idA } }),
      makeEvent('target.added', { emitted_at: 4, target: { target_id: idB } }),
    ]);
    expect(next.lastEmittedAt).toBe(9);
  });

  it('returns the state for an empty batch', () => {
    const state = createTargetsState();
    expect(reduceTargets(state, [])).toBe(state);
  });
});

describe('reduceTargets dedup', () => {
  it('ignores a repeated event_id', () => {
    const event = makeEvent('target.added', { emitted_at: 1, target: { target_id: idA } });
    const once = reduceTargets(createTargetsState(), event);
    expect(reduceTargets(once, event)).toBe(once);
    const renamed = { ...event, target: { ...event.target, target_name: 'Other' } };
    expect(reduceTargets(once, renamed)).toBe(once);
  });

  it('ignores a repeat inside a batch', () => {
    const first = makeEvent('target.added', { event_id: 'evt-1', emitted_at: 1, target: { target_id: idA, target_name: 'First' } });
    const repeat = makeEvent('target.updated', { event_id: 'evt-1', emitted_at: 1, target: { target_id: idA, target_name: 'Repeat' } });
    const next = reduceTargets(createTargetsState(), [first, repeat]);
    expect(next.targets.get(idA)?.target_name).toBe('First');
  });

  it('keeps branches apart', () => {
    const root = reduceTargets(createTargetsState(), makeEvent('target.added', { emitted_at: 1, target: { target_id: idA } }));
    const first = makeEvent('target.updated', { event_id: 'branch-1', emitted_at: 2, target: { target_id: idA, target_name: 'One' } });
    const second = makeEvent('target.updated', { event_id: 'branch-2', emitted_at: 2, target: { target_id: idA, target_name: 'Two' } });
    const third = makeEvent('target.updated', { event_id: 'branch-3', emitted_at: 2, target: { target_id: idA, target_name: 'Three' } });

    const left = reduceTargets(root, first);
    const leftLonger = reduceTargets(left, third);
    const right = reduceTargets(root, [second, third]);

    expect(leftLonger.targets.get(idA)?.target_name).toBe('Three');
    expect(right.targets.get(idA)?.target_name).toBe('Three');
    expect(reduceTargets(left, second).targets.get(idA)?.target_name).toBe('Two');
    expect(reduceTargets(left, third).targets.get(idA)?.target_name).toBe('Three');
    expect(reduceTargets(right, first).targets.get(idA)?.target_name).toBe('One');
    expect(reduceTargets(root, first).targets.get(idA)?.target_name).toBe('One');
    expect(reduceTargets(leftLonger, second).targets.get(idA)?.target_name).toBe('Two');
  });

  it('bounds the remembered ids', () => {
    const first = makeEvent('target.added', { event_id: 'oldest', emitted_at: 1, target: { target_id: idA } });
    const fillers = Array.from({ length: 2 * DEDUP_WINDOW }, (_, index) =>
      makeEvent('target.added', { event_id: `filler-${index}`, emitted_at: 1, target: { target_id: uuidFromSeed(1000 + index) } }),
    );
    let state = reduceTargets(createTargetsState(), first);
    for (let start = 0; start < fillers.length; start += 2500) {
      state = reduceTargets(state, fillers.slice(start, start + 2500));
    }
    expect(state.size).toBe(2 * DEDUP_WINDOW + 1);

    // The newest DEDUP_WINDOW ids are remembered; replays change nothing.
    expect(reduceTargets(state, fillers[fillers.length - DEDUP_WINDOW]!)).toBe(state);
    expect(reduceTargets(state, fillers[fillers.length - 1]!)).toBe(state);
    // The oldest was pushed out, so its replay (not stale: same emitted_at) applies again.
    expect(reduceTargets(state, first)).not.toBe(state);
  });

  it('keeps ids just inside the bound', () => {
    const first = makeEvent('target.added', { event_id: 'oldest', emitted_at: 1, target: { target_id: idA } });
    const fillers = Array.from({ length: DEDUP_WINDOW }, (_, index) =>
      makeEvent('target.added', { event_id: `filler-${index}`, emitted_at: 1, target: { target_id: uuidFromSeed(1000 + index) } }),
    );
    const state = reduceTargets(reduceTargets(createTargetsState(), first), fillers);
    expect(reduceTargets(state, first)).toBe(state);
  });
});

describe('reduceTargets ordering', () => {
  const added = makeEvent('target.added', { emitted_at: 10, target: { target_id: idA, target_name: 'Ten' } });

  it('drops an older event', () => {
    const state = reduceTargets(createTargetsState(), added);
    const older = makeEvent('target.updated', { emitted_at: 9, target: { target_id: idA, target_name: 'Nine' } });
    expect(reduceTargets(state, older)).toBe(state);
  });

  it('applies an equal one in arrival order', () => {
    const state = reduceTargets(createTargetsState(), added);
    const equal = makeEvent('target.disabled', { emitted_at: 10, target: { target_id: idA, target_name: 'Also ten', is_enabled: false } });
    const next = reduceTargets(state, equal);
    expect(next.targets.get(idA)?.target_name).toBe('Also ten');
    expect(next.targets.get(idA)?.is_enabled).toBe(false);
  });

  it('keeps versions per target', () => {
    const state = reduceTargets(createTargetsState(), added);
    const otherTarget = makeEvent('target.added', { emitted_at: 3, target: { target_id: idB } });
    expect(reduceTargets(state, otherTarget).targets.has(idB)).toBe(true);
  });

  it('drops a stale removal', () => {
    const state = reduceTargets(createTargetsState(), added);
    const staleRemoval = makeEvent('target.removed', { emitted_at: 9, target_id: idA });
    expect(reduceTargets(state, staleRemoval)).toBe(state);
  });
});

describe('reduceTargets tombstones', () => {
  const added = makeEvent('target.added', { emitted_at: 10, target: { target_id: idA } });
  const removed = makeEvent('target.removed', { emitted_at: 20, target_id: idA });

  it('blocks a late update', () => {
    const state = reduceTargets(createTargetsState(), [added, removed]);
    const late = makeEvent('target.updated', { emitted_at: 15, target: { target_id: idA } });
    expect(reduceTargets(state, late)).toBe(state);
    expect(state.targets.has(idA)).toBe(false);
  });

  it('blocks a late add before the removal is seen', () => {
    const state = reduceTargets(createTargetsState(), removed);
    expect(state.size).toBe(0);
    const late = reduceTargets(state, added);
    expect(late).toBe(state);
  });

  it('lets a newer add back in', () => {
    const state = reduceTargets(createTargetsState(), [added, removed]);
    const readded = makeEvent('target.added', { emitted_at: 21, target: { target_id: idA, target_name: 'Back' } });
    expect(reduceTargets(state, readded).targets.get(idA)?.target_name).toBe('Back');
  });

  it('does not carry counts over a removal', () => {
    const withCounts = makeEvent('target.added', { emitted_at: 10, target: { target_id: idA, plan_count: 4 } });
    const readded = makeEvent('target.added', { emitted_at: 21, target: { target_id: idA, plan_count: undefined } });
    const state = reduceTargets(createTargetsState(), [withCounts, removed, readded]);
    expect(state.targets.get(idA)).not.toHaveProperty('plan_count');
  });

  it('is bounded in number', () => {
    let state = reduceTargets(createTargetsState(), [added, removed]);
    const removals = Array.from({ length: 2 * DEDUP_WINDOW }, (_, index) =>
      makeEvent('target.removed', { emitted_at: 30, target_id: uuidFromSeed(1000 + index) }),
    );
    state = reduceTargets(state, removals);
    const late = makeEvent('target.updated', { emitted_at: 15, target: { target_id: idA } });
    // NOTE: past the bound a tombstone is forgotten, so a very late update applies again.
    expect(reduceTargets(state, late).targets.has(idA)).toBe(true);
  });

  it('counts each removed target once', () => {
    let state = reduceTargets(createTargetsState(), [added, removed]);
    const other = uuidFromSeed(999);
    const repeats = Array.from({ length: 2 * DEDUP_WINDOW }, (_, index) =>
      makeEvent('target.removed', { emitted_at: 30 + index, target_id: other }),
    );
    state = reduceTargets(state, repeats);
    const late = makeEvent('target.updated', { emitted_at: 15, target: { target_id: idA } });
    expect(reduceTargets(state, late)).toBe(state);
  });
});

describe('reduceTargets counts', () => {
  const added = makeEvent('target.added', { emitted_at: 1, target: { target_id: idA, plan_count: 3, participant_count: 40 } });

  it('keeps counts when missing', () => {
    const update = makeEvent('target.updated', {
      emitted_at: 2,
      target: { target_id: idA, target_name: 'Renamed', plan_count: undefined, participant_count: undefined },
    });
    delete (update.target as { plan_count?: unknown }).plan_count;
    delete (update.target as { participant_count?: unknown }).participant_count;
    const target = reduceTargets(createTargetsState(), [added, update]).targets.get(idA);
    expect(target?.target_name).toBe('Renamed');
    expect(target?.plan_count).toBe(3);
    expect(target?.participant_count).toBe(40);
  });

  it('keeps counts when null', () => {
    const update = makeEvent('target.updated', { emitted_at: 2, target: { target_id: idA, plan_count: null, participant_count: null } });
    const target = reduceTargets(createTargetsState(), [added, update]).targets.get(idA);
    expect(target?.plan_count).toBe(3);
    expect(target?.participant_count).toBe(40);
  });

  it('replaces counts with zero', () => {
    const update = makeEvent('target.updated', { emitted_at: 2, target: { target_id: idA, plan_count: 0, participant_count: 0 } });
    const target = reduceTargets(createTargetsState(), [added, update]).targets.get(idA);
    expect(target?.plan_count).toBe(0);
    expect(target?.participant_count).toBe(0);
  });

  it('keeps one count, replaces the other', () => {
    const update = makeEvent('target.updated', { emitted_at: 2, target: { target_id: idA, plan_count: 5, participant_count: null } });
    const target = reduceTargets(createTargetsState(), [added, update]).targets.get(idA);
    expect(target?.plan_count).toBe(5);
    expect(target?.participant_count).toBe(40);
  });
});

describe('applySnapshot', () => {
  const events = [
    makeEvent('target.added', { emitted_at: 10, target: { target_id: idA, target_name: 'A live' } }),
    makeEvent('target.added', { emitted_at: 11, target: { target_id: idB, target_name: 'B live' } }),
  ];
  const live = reduceTargets(createTargetsState(), events);
  const list = [
    makeTarget({ target_id: idA, target_name: 'A listed' }),
    makeTarget({ target_id: idC, target_name: 'C listed' }),
  ];

  it('replaces the targets', () => {
    const next = applySnapshot(live, list, 50);
    expect([...next.targets.keys()].sort()).toEqual([idA, idC].sort());
    expect(next.targets.get(idA)?.target_name).toBe('A listed');
    expect(next.size).toBe(2);
    expect(next.watermark).toBe(50);
    expect(next.lastEmittedAt).toBe(50);
  });

  it('ignores events at or before the watermark', () => {
    const next = applySnapshot(live, list, 50);
    const stale = [
      makeEvent('target.updated', { emitted_at: 50, target: { target_id: idA, target_name: 'A at W' } }),
      makeEvent('target.updated', { emitted_at: 49, target: { target_id: idC } }),
      makeEvent('target.added', { emitted_at: 50, target: { target_id: idB } }),
      makeEvent('target.added', { emitted_at: 20, target: { target_id: idD } }),
      makeEvent('target.removed', { emitted_at: 50, target_id: idC }),
    ];
    for (const event of stale) expect(reduceTargets(next, event)).toBe(next);
  });

  it('applies events after the watermark', () => {
    const next = applySnapshot(live, list, 50);
    const after = reduceTargets(next, [
      makeEvent('target.updated', { emitted_at: 51, target: { target_id: idA, target_name: 'A after' } }),
      makeEvent('target.added', { emitted_at: 51, target: { target_id: idB, target_name: 'B back' } }),
      makeEvent('target.removed', { emitted_at: 51, target_id: idC }),
    ]);
    expect(after.targets.get(idA)?.target_name).toBe('A after');
    expect(after.targets.get(idB)?.target_name).toBe('B back');
    expect(after.targets.has(idC)).toBe(false);
    expect(after.lastEmittedAt).toBe(51);
  });

  it('never lowers the watermark', () => {
    const next = applySnapshot(applySnapshot(live, list, 50), list, 30);
    expect(next.watermark).toBe(50);
    const event = makeEvent('target.updated', { emitted_at: 40, target: { target_id: idA } });
    expect(reduceTargets(next, event)).toBe(next);
  });

  it('keeps seen event ids', () => {
    const next = applySnapshot(live, [], 5);
    expect(reduceTargets(next, events[0]!)).toBe(next);
  });

  it('keeps counts the list omits', () => {
    const withCounts = reduceTargets(createTargetsState(), makeEvent('target.added', { emitted_at: 1, target: { target_id: idA, plan_count: 8 } }));
    const next = applySnapshot(withCounts, [makeTarget({ target_id: idA, plan_count: undefined })], 5);
    expect(next.targets.get(idA)?.plan_count).toBe(8);
  });

  it('leaves its inputs unmutated', () => {
    const probes = [...events, makeEvent('target.updated', { emitted_at: 10, target: { target_id: idA } })];
    const stateBefore = dumpState(live, probes);
    const listBefore = dump(list);
    applySnapshot(live, list, 50);
    expect(dumpState(live, probes)).toEqual(stateBefore);
    expect(dump(list)).toEqual(listBefore);
    expect(Object.isFrozen(list[0])).toBe(false);
  });
});

describe('TargetsState list', () => {
  it('orders by name, then id', () => {
    const targets = [
      makeTarget({ target_id: idD, target_name: 'beta' }),
      makeTarget({ target_id: idC, target_name: 'Alpha' }),
      makeTarget({ target_id: idB, target_name: 'Alpha' }),
      makeTarget({ target_id: idA, target_name: 'Zulu' }),
    ];
    const expected = [idB, idC, idA, idD];
    expect(createTargetsState(targets).list.map((target) => target.target_id)).toEqual(expected);
    expect(createTargetsState([...targets].reverse()).list.map((target) => target.target_id)).toEqual(expected);
  });

  it('reorders after a rename', () => {
    const state = createTargetsState([makeTarget({ target_id: idA, target_name: 'a' }), makeTarget({ target_id: idB, target_name: 'b' })]);
    const next = reduceTargets(state, makeEvent('target.updated', { emitted_at: 1, target: { target_id: idA, target_name: 'c' } }));
    expect(next.list.map((target) => target.target_id)).toEqual([idB, idA]);
    expect(state.list.map((target) => target.target_id)).toEqual([idA, idB]);
  });
});

describe('TargetsState tree', () => {
  it('nests children under parents', () => {
    const state = createTargetsState([
      makeTarget({ target_id: idA, target_name: 'Guild', kind: 'guild' }),
      makeTarget({ target_id: idB, target_name: 'general', kind: 'channel', parent_target_id: idA }),
      makeTarget({ target_id: idC, target_name: 'admins', kind: 'role', parent_target_id: idA }),
      makeTarget({ target_id: idD, target_name: 'thread', kind: 'channel', parent_target_id: idB }),
    ]);
    expect(treeIds(state.tree)).toEqual([[idA, [idC, [idB, [idD]]]]]);
  });

  it('puts orphans at the top level', () => {
    const state = createTargetsState([
      makeTarget({ target_id: idA, target_name: 'a' }),
      makeTarget({ target_id: idB, target_name: 'b', parent_target_id: uuidFromSeed(404) }),
    ]);
    expect(treeIds(state.tree)).toEqual([idA, idB]);
  });

  it('puts a cycle at the top level', () => {
    const state = createTargetsState([
      makeTarget({ target_id: idA, target_name: 'a', parent_target_id: idB }),
      makeTarget({ target_id: idB, target_name: 'b', parent_target_id: idA }),
      makeTarget({ target_id: idC, target_name: 'c', parent_target_id: idA }),
      makeTarget({ target_id: idD, target_name: 'd', parent_target_id: idD }),
    ]);
    expect(treeIds(state.tree)).toEqual([[idA, [idC]], idB, idD]);
  });

  it('lists every target once', () => {
    const ids = Array.from({ length: 12 }, (_, index) => uuidFromSeed(index + 1));
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat({ max: 13 }), { nil: null }), { minLength: 12, maxLength: 12 }), (parents) => {
        const state = createTargetsState(
          ids.map((id, index) => {
            const parent = parents[index];
            return makeTarget({ target_id: id, parent_target_id: parent === null || parent === undefined ? null : uuidFromSeed(parent + 1) });
          }),
        );
        const seen: string[] = [];
        const walk = (nodes: readonly TargetNode[]) => {
          for (const node of nodes) {
            seen.push(node.target.target_id);
            walk(node.children);
          }
        };
        walk(state.tree);
        expect(seen.sort()).toEqual([...ids].sort());
      }),
    );
  });

  it('recomputes after a reparent', () => {
    const state = createTargetsState([makeTarget({ target_id: idA, target_name: 'a' }), makeTarget({ target_id: idB, target_name: 'b' })]);
    const next = reduceTargets(state, makeEvent('target.updated', { emitted_at: 1, target: { target_id: idB, target_name: 'b', parent_target_id: idA } }));
    expect(treeIds(next.tree)).toEqual([[idA, [idB]]]);
    expect(treeIds(state.tree)).toEqual([idA, idB]);
  });
});

describe('TargetsState immutability', () => {
  const state = reduceTargets(createTargetsState([makeTarget({ target_id: idA })]), [
    makeEvent('target.added', { emitted_at: 1, target: { target_id: idB, parent_target_id: idA } }),
  ]);

  it('freezes its output', () => {
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.list)).toBe(true);
    expect(Object.isFrozen(state.tree)).toBe(true);
    expect(Object.isFrozen(state.tree[0])).toBe(true);
    expect(Object.isFrozen(state.tree[0]?.children)).toBe(true);
    expect(Object.isFrozen(state.targets)).toBe(true);
    for (const target of state.targets.values()) expect(Object.isFrozen(target)).toBe(true);
  });

  it('throws on writes', () => {
    const target = state.targets.get(idA) as { target_name: string };
    expect(() => {
      target.target_name = 'changed';
    }).toThrow(TypeError);
    expect(() => (state.list as Target[]).push(makeTarget() as Target)).toThrow(TypeError);
    expect(state.targets.get(idA)?.target_name).not.toBe('changed');
  });

  it('freezes a list derived from an earlier one', () => {
    void state.list;
    const next = reduceTargets(state, makeEvent('target.updated', { emitted_at: 9, target: { target_id: idA, target_name: 'zzz' } }));
    expect(Object.isFrozen(next.list)).toBe(true);
    expect(next.list).toBe(next.list);
    expect(next.list.at(-1)?.target_name).toBe('zzz');
  });

  it('returns the same derived arrays', () => {
    expect(state.list).toBe(state.list);
    expect(state.tree).toBe(state.tree);
    expect(state.targets).toBe(state.targets);
  });

  it('returns the same state for no-ops', () => {
    const event = makeEvent('target.updated', { emitted_at: 5, target: { target_id: idA } });
    const next = reduceTargets(state, event);
    expect(next).not.toBe(state);
    expect(reduceTargets(next, event)).toBe(next);
    expect(reduceTargets(next, [event, event])).toBe(next);
    const stale = makeEvent('target.updated', { emitted_at: 4, target: { target_id: idA } });
    expect(reduceTargets(next, stale)).toBe(next);
  });

  it('does not freeze the events', () => {
    const event = makeEvent('target.added', { emitted_at: 1, target: { target_id: idC } });
    reduceTargets(state, event);
    expect(Object.isFrozen(event)).toBe(false);
    expect(Object.isFrozen(event.target)).toBe(false);
  });
});

// Generators for the properties: few targets, ids and times, so that
// duplicates, ties and out-of-order deliveries are common.
const targetIds = [idA, idB, idC];
const countArbitrary = fc.option(fc.nat({ max: 50 }), { nil: undefined }).chain((value) =>
  value === undefined ? fc.constantFrom(undefined, null) : fc.constant(value),
);
const snapshotArbitrary = (targetId: fc.Arbitrary<string>) =>
  fc.record({
    target_id: targetId,
    target_name: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
    platform: fc.constantFrom('discord', 'telegram'),
    kind: fc.constantFrom('guild', 'channel', 'role'),
    external_id: fc.constantFrom('1', '2'),
    is_enabled: fc.boolean(),
    parent_target_id: fc.constantFrom(null, ...targetIds),
    plan_count: countArbitrary,
    participant_count: countArbitrary,
  });
const eventArbitrary: fc.Arbitrary<TargetEvent> = fc
  .record({
    type: fc.constantFrom(...TARGET_EVENT_NAMES),
    event_id: fc.nat({ max: 30 }).map((n) => `evt-${n}`),
    emitted_at: fc.nat({ max: 20 }),
    target: snapshotArbitrary(fc.constantFrom(...targetIds)),
  })
  .map(({ type, event_id, emitted_at, target }) =>
    type === 'target.removed'
      ? makeEvent(type, { event_id, emitted_at, target_id: target.target_id })
      : makeEvent(type, { event_id, emitted_at, target }),
  );
const startStateArbitrary = fc.oneof(
  fc.constant(createTargetsState()),
  fc.constant(createTargetsState([makeTarget({ target_id: idA }), makeTarget({ target_id: idB })], 3)),
  fc.array(snapshotArbitrary(fc.constantFrom(...targetIds)), { maxLength: 3 }).map((list) => applySnapshot(createTargetsState(), list, 5)),
);

describe('reduceTargets properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(startStateArbitrary, fc.array(eventArbitrary, { maxLength: 25 }), (start, events) => {
        const once = reduceTargets(start, events);
        const twice = reduceTargets(once, events);
        expect(twice).toBe(once);
        expect(dumpPublic(twice)).toEqual(dumpPublic(once));
      }),
      { numRuns: 300 },
    );
  });

  it('batches like single steps', () => {
    fc.assert(
      fc.property(startStateArbitrary, fc.array(eventArbitrary, { maxLength: 25 }), (start, events) => {
        const batched = reduceTargets(start, events);
        const stepped = events.reduce((state, event) => reduceTargets(state, event), start);
        expect(dumpPublic(stepped)).toEqual(dumpPublic(batched));
      }),
      { numRuns: 300 },
    );
  });

  it('converges on the newest event', () => {
    // Distinct times on one target, with counts always sent: arrival order must not matter.
    const sequence = fc
      .uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 })
      .chain((times) =>
        fc.tuple(
          ...times.map((emitted_at, index) =>
            fc
              .record({
                type: fc.constantFrom(...TARGET_EVENT_NAMES),
                target: snapshotArbitrary(fc.constant(idA)).map((snapshot) => ({
                  ...snapshot,
                  plan_count: snapshot.plan_count ?? 0,
                  participant_count: snapshot.participant_count ?? 0,
                })),
              })
              .map(({ type, target }) =>
                type === 'target.removed'
                  ? makeEvent(type, { event_id: `evt-${index}`, emitted_at, target_id: idA })
                  : makeEvent(type, { event_id: `evt-${index}`, emitted_at, target }),
              ),
          ),
        ),
      )
      .chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })));

    fc.assert(
      fc.property(sequence, ([events, arrival]) => {
        const newest = events.reduce((best, event) => (event.emitted_at > best.emitted_at ? event : best));
        const state = reduceTargets(createTargetsState(), arrival);
        if (newest.type === 'target.removed') {
          expect(state.targets.has(idA)).toBe(false);
          expect(state.size).toBe(0);
        } else {
          expect(state.targets.get(idA)).toEqual(newest.target);
          expect(state.size).toBe(1);
        }
        const stepped = arrival.reduce((current, event) => reduceTargets(current, event), createTargetsState());
        expect(dump(new Map(stepped.targets))).toEqual(dump(new Map(state.targets)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps list sorted and complete', () => {
    const byNameThenId = (a: Target, b: Target) =>
      a.target_name === b.target_name ? (a.target_id < b.target_id ? -1 : 1) : a.target_name < b.target_name ? -1 : 1;
    const manyIds = Array.from({ length: 40 }, (_, index) => uuidFromSeed(index + 1));
    const step = fc.record({
      event: fc
        .record({
          type: fc.constantFrom(...TARGET_EVENT_NAMES),
          emitted_at: fc.nat({ max: 40 }),
          target: snapshotArbitrary(fc.constantFrom(...manyIds)),
        })
        .map(({ type, emitted_at, target }) =>
          type === 'target.removed' ? makeEvent(type, { emitted_at, target_id: target.target_id }) : makeEvent(type, { emitted_at, target }),
        ),
      read: fc.boolean(),
    });
    const seed = manyIds.slice(0, 20).map((id, index) => makeTarget({ target_id: id, target_name: ['Alpha', 'Beta', 'Gamma'][index % 3]! }));

    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = createTargetsState(seed);
        void state.list;
        for (const { event, read } of steps) {
          state = reduceTargets(state, event);
          if (read) {
            expect(state.list).toEqual([...state.targets.values()].sort(byNameThenId));
          }
        }
        expect(state.list).toEqual([...state.targets.values()].sort(byNameThenId));
        expect(state.list).toHaveLength(state.size);
      }),
      { numRuns: 200 },
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(startStateArbitrary, fc.array(eventArbitrary, { maxLength: 25 }), fc.array(eventArbitrary, { maxLength: 10 }), (start, events, more) => {
        const probes = [...events, ...more];
        const middle = reduceTargets(start, events);
        // Dump the derived state first: probing `start` forks from it, which must not leak into `middle`.
        const middleBefore = dumpState(middle, probes);
        const startBefore = dumpState(start, probes);
        const eventsBefore = dump(more);

        reduceTargets(middle, more);
        applySnapshot(middle, [makeTarget({ target_id: idC })], 100);
        for (const event of more) reduceTargets(middle, event);
        reduceTargets(start, more);

        expect(dumpState(middle, probes)).toEqual(middleBefore);
        expect(dumpState(start, probes)).toEqual(startBefore);
        expect(dump(more)).toEqual(eventsBefore);
      }),
      { numRuns: 200 },
    );
  });
});
