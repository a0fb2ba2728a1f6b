/**
 * A fixed three-level hash trie: 32 branches of 32 twigs of 32 leaves, each
 * leaf a flat `[key, value, key, value, …]` array. A change copies one path
 * (three 32-slot arrays and one leaf of a few entries), so the cost of one
 * update stays flat as the trie grows: at 100k keys a leaf contains about 3 entries.
 */

const FANOUT_BITS = 5;
const FANOUT = 1 << FANOUT_BITS;
const MASK = FANOUT - 1;

/** Leaf of the trie: keys at even indexes, each followed by its value. */
export type Leaf<V> = (string | V)[];
/** Third level: 32 leaves, `undefined` until first used. */
export type Twig<V> = (Leaf<V> | undefined)[];
/** Second level: 32 twigs, `undefined` until first used. */
export type Branch<V> = (Twig<V> | undefined)[];
/** Root: 32 branches, `undefined` until first used. */
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

const EMPTY_NODE: readonly undefined[] = Array.from({ length: FANOUT }, () => undefined);

// Copies by spreading: on a frozen array (every finished node is one) V8's `slice`
// takes a slow path, while spread stays about 30 times faster (Node 20).
function packedArray<T>(source?: readonly (T | undefined)[]): (T | undefined)[] {
  return source === undefined ? [...EMPTY_NODE] : [...source];
}

function leafIndexOf<V>(leaf: Leaf<V>, key: string): number {
  for (let i = 0; i < leaf.length; i += 2) if (leaf[i] === key) return i;
  return -1;
}

function findLeaf<V>(trie: Trie<V>, h: number): Leaf<V> | undefined {
  return trie[h & MASK]?.[(h >>> FANOUT_BITS) & MASK]?.[(h >>> (2 * FANOUT_BITS)) & MASK];
}

/** Reads the value at `key`. Works on drafts and on finished tries. */
export function trieGet<V>(trie: Trie<V>, key: string): V | undefined {
  const leaf = findLeaf(trie, hash(key));
  if (leaf === undefined) return undefined;
  const index = leafIndexOf(leaf, key);
  return index === -1 ? undefined : (leaf[index + 1] as V);
}

/**
 * Sets `key` to `value`, creating the branch, twig and leaf on first use.
 * Mutates `trie`: call it only on a trie that no state references yet.
 */
export function trieSet<V>(trie: Trie<V>, key: string, value: V): void {
  const h = hash(key);
  const branchIndex = h & MASK;
  const twigIndex = (h >>> FANOUT_BITS) & MASK;
  const leafIndex = (h >>> (2 * FANOUT_BITS)) & MASK;
  const branch = (trie[branchIndex] ??= packedArray<Twig<V>>());
  const twig = (branch[twigIndex] ??= packedArray<Leaf<V>>());
  const leaf = twig[leafIndex];
  if (leaf === undefined) {
    twig[leafIndex] = [key, value];
    return;
  }
  const index = leafIndexOf(leaf, key);
  if (index === -1) leaf.push(key, value);
  else leaf[index + 1] = value;
}

/** Visits every entry, in hash order. */
export function trieForEach<V>(trie: Trie<V>, visit: (value: V, key: string) => void): void {
  for (const branch of trie) {
    if (branch === undefined) continue;
    for (const twig of branch) {
      if (twig === undefined) continue;
      for (const leaf of twig) {
        if (leaf === undefined) continue;
        for (let i = 0; i < leaf.length; i += 2) visit(leaf[i + 1] as V, leaf[i] as string);
      }
    }
  }
}

/** Iterates every entry, in hash order. */
export function* trieEntries<V>(trie: Trie<V>): Generator<[string, V], undefined, undefined> {
  for (const branch of trie) {
    if (branch === undefined) continue;
    for (const twig of branch) {
      if (twig === undefined) continue;
      for (const leaf of twig) {
        if (leaf === undefined) continue;
        for (let i = 0; i < leaf.length; i += 2) yield [leaf[i] as string, leaf[i + 1] as V];
      }
    }
  }
  return undefined;
}

/**
 * Copy-on-write session over a trie: the first write to a branch, twig or
 * leaf copies it, later writes in the same session mutate the copy, and
 * untouched parts are shared with the old trie. `finish` freezes the copies.
 */
export class TrieWriter<V> {
  #root: Trie<V>;
  #rootCopied = false;
  // Created on the first write: a writer that only reads allocates nothing more.
  #copies: Set<object> | undefined;

  constructor(root: Trie<V>) {
    this.#root = root;
  }

  /** Reads the value at `key`, including the writes of this session. */
  get(key: string): V | undefined {
    return trieGet(this.#root, key);
  }

  #ownRoot(): Trie<V> {
    if (!this.#rootCopied) {
      this.#root = packedArray(this.#root);
      this.#rootCopied = true;
    }
    return this.#root;
  }

  #ownLeaf(h: number, create: boolean): Leaf<V> | undefined {
    const branchIndex = h & MASK;
    const twigIndex = (h >>> FANOUT_BITS) & MASK;
    const leafIndex = (h >>> (2 * FANOUT_BITS)) & MASK;
    const branch = this.#root[branchIndex];
    const twig = branch?.[twigIndex];
    const leaf = twig?.[leafIndex];
    if (leaf === undefined && !create) return undefined;

    const root = this.#ownRoot();
    const copies = (this.#copies ??= new Set());
    let ownBranch = branch;
    if (ownBranch === undefined || !copies.has(ownBranch)) {
      ownBranch = packedArray<Twig<V>>(ownBranch);
      copies.add(ownBranch);
      root[branchIndex] = ownBranch;
    }
    let ownTwig = twig;
    if (ownTwig === undefined || !copies.has(ownTwig)) {
      ownTwig = packedArray<Leaf<V>>(ownTwig);
      copies.add(ownTwig);
      ownBranch[twigIndex] = ownTwig;
    }
    let ownLeaf = leaf;
    if (ownLeaf === undefined || !copies.has(ownLeaf)) {
      ownLeaf = ownLeaf === undefined ? [] : [...ownLeaf];
      copies.add(ownLeaf);
      ownTwig[leafIndex] = ownLeaf;
    }
    return ownLeaf;
  }

  /** Sets `key` to `value`. Returns whether the key is new to the trie. */
  set(key: string, value: V): boolean {
    const leaf = this.#ownLeaf(hash(key), true);
    if (leaf === undefined) return false;
    const index = leafIndexOf(leaf, key);
    if (index === -1) {
      leaf.push(key, value);
      return true;
    }
    leaf[index + 1] = value;
    return false;
  }

  delete(key: string): void {
    const h = hash(key);
    const leaf = findLeaf(this.#root, h);
    if (leaf === undefined || leafIndexOf(leaf, key) === -1) return;
    const ownLeaf = this.#ownLeaf(h, false);
    if (ownLeaf !== undefined) ownLeaf.splice(leafIndexOf(ownLeaf, key), 2);
  }

  finish(): Trie<V> {
    if (!this.#rootCopied) return Object.freeze(this.#root) as Trie<V>;
    if (this.#copies !== undefined) for (const copy of this.#copies) Object.freeze(copy);
    return Object.freeze(this.#root) as Trie<V>;
  }
}
