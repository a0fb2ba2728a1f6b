/**
 * A fixed two-level hash trie of small Maps: 64 branches of 64 leaves. Immer
 * drafts it like any nested data, and because a change copies one branch array
 * and one leaf, the cost of one update stays flat as the trie grows (about 25
 * entries per leaf at 100k keys), where a single Map would be copied whole.
 */

const FANOUT_BITS = 6;
const FANOUT = 1 << FANOUT_BITS;
const MASK = FANOUT - 1;

/** Leaf of the trie. */
export type Leaf<V> = Map<string, V>;
/** Second level: 64 leaves, `undefined` until first used. */
export type Branch<V> = (Leaf<V> | undefined)[];
/** Root: 64 branches, `undefined` until first used. */
export type Trie<V> = (Branch<V> | undefined)[];

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Makes an empty trie. */
export function emptyTrie<V>(): Trie<V> {
  return packedArray<Branch<V>>();
}

// Packed arrays built by a loop: V8 copies holey or frozen arrays with `slice` on a slow path.
function packedArray<T>(source?: readonly (T | undefined)[]): (T | undefined)[] {
  const array: (T | undefined)[] = [];
  for (let i = 0; i < FANOUT; i++) array.push(source?.[i]);
  return array;
}

/** Reads the value at `key`. Works on drafts and on finished tries. */
export function trieGet<V>(trie: Trie<V>, key: string): V | undefined {
  const h = hash(key);
  return trie[h & MASK]?.[(h >>> FANOUT_BITS) & MASK]?.get(key);
}

/**
 * Sets `key` to `value`, creating the branch and leaf on first use. Mutates
 * `trie`: call it on an Immer draft, or on a trie that nothing else sees yet.
 */
export function trieSet<V>(trie: Trie<V>, key: string, value: V): void {
  const h = hash(key);
  const branchIndex = h & MASK;
  const leafIndex = (h >>> FANOUT_BITS) & MASK;
  let branch = trie[branchIndex];
  if (branch === undefined) {
    branch = packedArray<Leaf<V>>();
    trie[branchIndex] = branch;
  }
  const leaf = branch[leafIndex];
  if (leaf === undefined) {
    branch[leafIndex] = new Map([[key, value]]);
  } else {
    leaf.set(key, value);
  }
}

/** Visits every entry, in hash order. */
export function trieForEach<V>(trie: Trie<V>, visit: (value: V, key: string) => void): void {
  for (const branch of trie) {
    if (branch === undefined) continue;
    for (const leaf of branch) {
      if (leaf === undefined) continue;
      leaf.forEach(visit);
    }
  }
}

/** Iterates every entry, in hash order. */
export function* trieEntries<V>(trie: Trie<V>): Generator<[string, V], undefined, undefined> {
  for (const branch of trie) {
    if (branch === undefined) continue;
    for (const leaf of branch) {
      if (leaf === undefined) continue;
      yield* leaf;
    }
  }
  return undefined;
}

/**
 * Copy-on-write session over a trie: the first write to a branch or leaf
 * copies it, later writes in the same session mutate the copy, and untouched
 * parts are shared with the old trie. `finish` freezes the copies, so Immer
 * treats the result as finished data and does not walk it again.
 */
export class TrieWriter<V> {
  #root: Trie<V>;
  #rootCopied = false;
  readonly #copies = new Set<object>();

  constructor(root: Trie<V>) {
    this.#root = root;
  }

  #ownRoot(): Trie<V> {
    if (!this.#rootCopied) {
      this.#root = packedArray(this.#root);
      this.#rootCopied = true;
    }
    return this.#root;
  }

  #ownLeaf(key: string, create: boolean): Leaf<V> | undefined {
    const h = hash(key);
    const branchIndex = h & MASK;
    const leafIndex = (h >>> FANOUT_BITS) & MASK;
    const branch = this.#root[branchIndex];
    const leaf = branch?.[leafIndex];
    if (leaf === undefined && !create) return undefined;

    const root = this.#ownRoot();
    let ownBranch = branch;
    if (ownBranch === undefined || !this.#copies.has(ownBranch)) {
      ownBranch = packedArray<Leaf<V>>(ownBranch);
      this.#copies.add(ownBranch);
      root[branchIndex] = ownBranch;
    }
    let ownLeaf = leaf;
    if (ownLeaf === undefined || !this.#copies.has(ownLeaf)) {
      ownLeaf = new Map(ownLeaf);
      this.#copies.add(ownLeaf);
      ownBranch[leafIndex] = ownLeaf;
    }
    return ownLeaf;
  }

  set(key: string, value: V): void {
    this.#ownLeaf(key, true)?.set(key, value);
  }

  delete(key: string): void {
    if (this.#root[hash(key) & MASK] === undefined) return;
    this.#ownLeaf(key, false)?.delete(key);
  }

  finish(): Trie<V> {
    for (const copy of this.#copies) Object.freeze(copy);
    return Object.freeze(this.#root) as Trie<V>;
  }
}
