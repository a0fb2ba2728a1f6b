import { describe, expect, it } from 'vitest';
import { emptyTrie, trieEntries, trieForEach, trieGet, trieSet, TrieWriter, type Trie } from './trie';

function toMap<V>(trie: Trie<V>): Map<string, V> {
  return new Map(trieEntries(trie));
}

describe('trie', () => {
  it('sets and gets', () => {
    const trie = emptyTrie<number>();
    for (let i = 0; i < 5000; i++) trieSet(trie, `key-${i}`, i);
    expect(trieGet(trie, 'key-0')).toBe(0);
    expect(trieGet(trie, 'key-4999')).toBe(4999);
    expect(trieGet(trie, 'key-5000')).toBeUndefined();
    expect(toMap(trie).size).toBe(5000);
  });

  it('visits every entry', () => {
    const trie = emptyTrie<number>();
    trieSet(trie, 'a', 1);
    trieSet(trie, 'b', 2);
    trieSet(trie, '__proto__', 3);
    const visited: [string, number][] = [];
    trieForEach(trie, (value, key) => visited.push([key, value]));
    expect(visited.sort()).toEqual([['__proto__', 3], ['a', 1], ['b', 2]]);
    expect(trieGet(trie, '__proto__')).toBe(3);
  });
});

describe('TrieWriter', () => {
  it('leaves the base untouched', () => {
    const base = emptyTrie<number>();
    for (let i = 0; i < 200; i++) trieSet(base, `key-${i}`, i);
    const before = toMap(base);

    const writer = new TrieWriter(base);
    writer.set('key-1', 100);
    writer.set('new', 7);
    writer.delete('key-2');
    const next = writer.finish();

    expect(toMap(base)).toEqual(before);
    expect(trieGet(next, 'key-1')).toBe(100);
    expect(trieGet(next, 'new')).toBe(7);
    expect(trieGet(next, 'key-2')).toBeUndefined();
    expect(toMap(next).size).toBe(200);
  });

  it('returns the base without writes', () => {
    const base = emptyTrie<number>();
    trieSet(base, 'a', 1);
    expect(new TrieWriter(base).finish()).toBe(base);
  });

  it('ignores deleting a missing key', () => {
    const base = emptyTrie<number>();
    trieSet(base, 'a', 1);
    const writer = new TrieWriter(base);
    writer.delete('missing');
    expect(toMap(writer.finish())).toEqual(new Map([['a', 1]]));
  });

  it('freezes its output', () => {
    const writer = new TrieWriter(emptyTrie<number>());
    writer.set('a', 1);
    const trie = writer.finish();
    expect(Object.isFrozen(trie)).toBe(true);
    for (const branch of trie) if (branch !== undefined) expect(Object.isFrozen(branch)).toBe(true);
  });

  it('shares untouched branches', () => {
    const base = emptyTrie<number>();
    for (let i = 0; i < 1000; i++) trieSet(base, `key-${i}`, i);
    const writer = new TrieWriter(base);
    writer.set('key-0', -1);
    const next = writer.finish();
    const shared = next.filter((branch, index) => branch !== undefined && branch === base[index]).length;
    expect(shared).toBe(next.filter((branch) => branch !== undefined).length - 1);
  });
});
