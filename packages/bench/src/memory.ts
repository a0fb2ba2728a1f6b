import { createTargetsState, type TargetSnapshot } from '@livetargets/core';
import { makeTargets } from './fixtures';
import { median } from './stats';

/** Retained heap (bytes, medians) of the same targets held two ways. */
export interface MemoryResult {
  readonly targets: number;
  readonly runs: number;
  /** `createTargetsState(list)` with `list` and `tree` read. */
  readonly stateBytes: number;
  /** A plain `Map` from `target_id` to the decoded target. */
  readonly mapBytes: number;
}

function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('[livetargets] The memory benchmark needs node --expose-gc; run it through `pnpm bench`.');
  }
  // Two passes: the first can leave objects that only the second finds unreachable.
  globalThis.gc();
  globalThis.gc();
}

// Each build starts from the list's JSON text, as a REST response arrives, so neither
// side shares objects with the other or with the fixtures.
function retainedBytes(build: () => unknown): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let kept: unknown = build();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('[livetargets] A memory build returned nothing.');
  kept = undefined;
  return after - before;
}

/** Measures goal 5: retained heap of `count` targets, `runs` times each, alternating. */
export function measureMemory(count: number, runs: number): MemoryResult {
  const json = JSON.stringify(makeTargets(count));
  const state: number[] = [];
  const map: number[] = [];
  for (let run = 0; run < runs; run++) {
    state.push(
      retainedBytes(() => {
        const result = createTargetsState(JSON.parse(json) as TargetSnapshot[]);
        if (result.list.length !== count || result.tree.length === 0) throw new Error(`[livetargets] Expected a list of ${count} targets and a non-empty tree, got ${result.list.length} and ${result.tree.length}.`);
        return result;
      }),
    );
    map.push(
      retainedBytes(() => {
        const list = JSON.parse(json) as TargetSnapshot[];
        return new Map(list.map((target) => [target.target_id, target]));
      }),
    );
  }
  return { targets: count, runs, stateBytes: median(state), mapBytes: median(map) };
}
