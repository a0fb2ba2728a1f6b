import type { TargetSnapshot } from '@livetargets/core';
import type { Random } from './random';

/** A target as the simulator stores it: both counts are always known. */
export interface StoredTarget extends TargetSnapshot {
  readonly plan_count: number;
  readonly participant_count: number;
}

/**
 * The targets of one project. Keeps creation order for REST paging, a dense id
 * array for O(1) random picks, the children of each target, and the external
 * ids in use so that generated ids never collide.
 */
export class ProjectStore {
  readonly projectId: string;
  private readonly entries = new Map<string, { target: StoredTarget; pickPosition: number }>();
  private readonly children = new Map<string, Set<string>>();
  private readonly externalIds = new Map<string, Set<string>>();
  private readonly pickable: string[] = [];
  private orderedIds: string[] | undefined;

  constructor(projectId: string) {
    this.projectId = projectId;
  }

  get size(): number {
    return this.entries.size;
  }

  get(targetId: string): StoredTarget | undefined {
    return this.entries.get(targetId)?.target;
  }

  has(targetId: string): boolean {
    return this.entries.has(targetId);
  }

  hasExternalId(platform: string, externalId: string): boolean {
    return this.externalIds.get(platform)?.has(externalId) ?? false;
  }

  /** Returns the ids of the direct children of `targetId`. */
  childrenOf(targetId: string): string[] {
    return [...(this.children.get(targetId) ?? [])];
  }

  /** Returns every target in creation order. */
  all(): StoredTarget[] {
    return Array.from(this.entries.values(), (entry) => entry.target);
  }

  /** Returns one page in creation order, and the total. */
  page(offset: number, limit: number): { total: number; data: StoredTarget[] } {
    this.orderedIds ??= [...this.entries.keys()];
    const data = this.orderedIds.slice(offset, offset + limit).map((id) => this.get(id) as StoredTarget);
    return { total: this.entries.size, data };
  }

  /** Returns a random target id, or `undefined` when the project is empty. */
  randomId(random: Random): string | undefined {
    return this.pickable.length === 0 ? undefined : random.pick(this.pickable);
  }

  insert(target: StoredTarget): void {
    this.entries.set(target.target_id, { target, pickPosition: this.pickable.length });
    this.index(target);
    this.pickable.push(target.target_id);
    this.orderedIds = undefined;
  }

  /** Replaces a stored target in place; its position in the list does not change. */
  replace(target: StoredTarget): void {
    const entry = this.entries.get(target.target_id);
    if (entry === undefined) throw new Error(`replace: unknown target ${target.target_id}`);
    this.unindex(entry.target);
    entry.target = target;
    this.index(target);
  }

  delete(targetId: string): StoredTarget | undefined {
    const entry = this.entries.get(targetId);
    if (entry === undefined) return undefined;
    this.entries.delete(targetId);
    this.unindex(entry.target);
    this.children.delete(targetId);

    const last = this.pickable.pop() as string;
    if (last !== targetId) {
      this.pickable[entry.pickPosition] = last;
      (this.entries.get(last) as { pickPosition: number }).pickPosition = entry.pickPosition;
    }
    this.orderedIds = undefined;
    return entry.target;
  }

  private index(target: StoredTarget): void {
    let ids = this.externalIds.get(target.platform);
    if (ids === undefined) {
      ids = new Set();
      this.externalIds.set(target.platform, ids);
    }
    ids.add(target.external_id);
    if (target.parent_target_id !== null) {
      let set = this.children.get(target.parent_target_id);
      if (set === undefined) {
        set = new Set();
        this.children.set(target.parent_target_id, set);
      }
      set.add(target.target_id);
    }
  }

  private unindex(target: StoredTarget): void {
    this.externalIds.get(target.platform)?.delete(target.external_id);
    if (target.parent_target_id !== null) this.children.get(target.parent_target_id)?.delete(target.target_id);
  }
}
