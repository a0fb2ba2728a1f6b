import { describe, expect, it } from 'vitest';
import { makeTarget } from '@livetargets/test-utils';
import { createTargetsState } from './reducer';
import {
  countTargets,
  filterTargets,
  filterTree,
  flattenTree,
  sameRows,
  matchesFilter,
} from './select';
import type { Target, TargetSnapshot } from './types';

function snapshot(id: string, fields: Partial<TargetSnapshot> = {}): TargetSnapshot {
  return {
    target_id: id,
    target_name: `Target ${id}`,
    platform: 'discord',
    kind: 'channel',
    external_id: `ext-${id}`,
    is_enabled: true,
    parent_target_id: null,
    ...fields,
  };
}

const seed: TargetSnapshot[] = [
  snapshot('g1', { target_name: 'Guild One', kind: 'guild' }),
  snapshot('c1', { target_name: 'general', parent_target_id: 'g1' }),
  snapshot('c2', { target_name: 'Café Talk', parent_target_id: 'g1', is_enabled: false }),
  snapshot('r1', { target_name: 'Moderators', kind: 'role', parent_target_id: 'g1' }),
  snapshot('t1', { target_name: 'Telegram News', platform: 'telegram', kind: 'channel' }),
  snapshot('t2', { target_name: 'Общий чат', platform: 'telegram', kind: 'group', is_enabled: false }),
];
const state = createTargetsState(seed);

describe('countTargets', () => {
  it('orders documented values first', () => {
    const counts = countTargets(
      createTargetsState([
        makeTarget({ kind: 'role' }),
        makeTarget({ kind: 'forum' }),
        makeTarget({ kind: 'guild' }),
        makeTarget({ kind: 'channel' }),
      ]).list,
    );
    expect(Object.keys(counts.byKind)).toEqual(['guild', 'channel', 'role', 'forum']);
  });

  it('counts a kind named __proto__ as data', () => {
    const counts = countTargets(createTargetsState([makeTarget({ kind: '__proto__' }), makeTarget({ kind: 'constructor' })]).list);
    expect(Object.getPrototypeOf(counts.byKind)).toBe(Object.prototype);
    expect(Object.entries(counts.byKind)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
  });

  it('counts by platform, kind and enabled state', () => {
    const counts = countTargets(state.list);
    expect(counts.total).toBe(6);
    expect(counts.enabled).toBe(4);
    expect(counts.disabled).toBe(2);
    expect(counts.byPlatform).toEqual({ discord: 4, telegram: 2 });
    expect(counts.byKind).toEqual({ guild: 1, channel: 3, role: 1, group: 1 });
  });

  it('counts an empty list as zeros', () => {
    expect(countTargets([])).toEqual({ total: 0, enabled: 0, disabled: 0, byPlatform: {}, byKind: {} });
  });

  it('accepts any iterable, such as map values', () => {
    expect(countTargets(state.targets.values()).total).toBe(6);
  });
});

describe('filterTargets', () => {
  const names = (list: readonly Target[]) => list.map((target) => target.target_name);

  it('returns everything for an empty filter', () => {
    expect(filterTargets(state.list, {})).toHaveLength(6);
    expect(filterTargets(state.list, { platform: '', kind: '', search: '   ' })).toHaveLength(6);
  });

  it('filters by platform, kind and enabled state', () => {
    expect(names(filterTargets(state.list, { platform: 'telegram' }))).toEqual(['Telegram News', 'Общий чат']);
    expect(names(filterTargets(state.list, { kind: 'role' }))).toEqual(['Moderators']);
    expect(names(filterTargets(state.list, { enabled: false }))).toEqual(['Café Talk', 'Общий чат']);
    expect(names(filterTargets(state.list, { platform: 'discord', kind: 'channel', enabled: true }))).toEqual([
      'general',
    ]);
  });

  it('searches names without regard to case', () => {
    expect(names(filterTargets(state.list, { search: 'GENERAL' }))).toEqual(['general']);
    expect(names(filterTargets(state.list, { search: 'общий' }))).toEqual(['Общий чат']);
  });

  it('matches composed and decomposed accents', () => {
    const decomposed = 'cafe\u0301';
    expect(names(filterTargets(state.list, { search: decomposed }))).toEqual(['Café Talk']);
  });

  it('treats regex characters in the search as text', () => {
    const list = createTargetsState([snapshot('x', { target_name: 'a.b (c)*' }), snapshot('y', { target_name: 'abc' })]).list;
    expect(names(filterTargets(list, { search: '.b (c)*' }))).toEqual(['a.b (c)*']);
  });

  it('keeps the input order', () => {
    const reversed = [...state.list].reverse();
    expect(names(filterTargets(reversed, { platform: 'telegram' }))).toEqual(['Общий чат', 'Telegram News']);
  });
});

describe('matchesFilter', () => {
  it('tests one target', () => {
    const general = state.targets.get('c1')!;
    expect(matchesFilter(general, { search: 'gen' })).toBe(true);
    expect(matchesFilter(general, { platform: 'telegram' })).toBe(false);
  });
});

describe('filterTree', () => {
  it('keeps the ancestors of a match', () => {
    const tree = filterTree(state.tree, { search: 'general' });
    expect(tree).toHaveLength(1);
    expect(tree[0]!.target.target_id).toBe('g1');
    expect(tree[0]!.matches).toBe(false);
    expect(tree[0]!.children.map((node) => [node.target.target_id, node.matches])).toEqual([['c1', true]]);
  });

  it('drops a matching parent’s unmatched children', () => {
    const tree = filterTree(state.tree, { kind: 'guild' });
    expect(tree.map((node) => node.target.target_id)).toEqual(['g1']);
    expect(tree[0]!.matches).toBe(true);
    expect(tree[0]!.children).toEqual([]);
  });

  it('returns the whole tree for an empty filter', () => {
    const tree = filterTree(state.tree, {});
    expect(tree).toHaveLength(state.tree.length);
    expect(tree.every((node) => node.matches)).toBe(true);
    expect(tree.find((node) => node.target.target_id === 'g1')!.children).toHaveLength(3);
  });

  it('returns an empty forest when nothing matches', () => {
    expect(filterTree(state.tree, { search: 'no such target' })).toEqual([]);
  });
});

describe('flattenTree', () => {
  it('lists parents before children, in list order', () => {
    const rows = flattenTree(filterTree(state.tree, { platform: 'discord' }));
    expect(rows.map((row) => [row.id, row.depth])).toEqual([
      ['g1', 0],
      ['c2', 1],
      ['r1', 1],
      ['c1', 1],
    ]);
  });

  it('marks context rows of a filtered tree', () => {
    const rows = flattenTree(filterTree(state.tree, { kind: 'role' }));
    expect(rows).toEqual([
      { id: 'g1', depth: 0, matches: false },
      { id: 'r1', depth: 1, matches: true },
    ]);
  });

  it('marks every row of an unfiltered tree as a match', () => {
    expect(flattenTree(state.tree).every((row) => row.matches)).toBe(true);
  });
});

describe('sameRows', () => {
  it('compares ids, depths and match flags', () => {
    const rows = flattenTree(state.tree);
    expect(sameRows(rows, flattenTree(state.tree))).toBe(true);
    expect(sameRows(rows, rows.slice(1))).toBe(false);
    expect(sameRows(rows, rows.map((row, index) => (index === 0 ? { ...row, matches: false } : row)))).toBe(false);
  });
});
