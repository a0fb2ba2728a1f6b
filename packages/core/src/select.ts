/**
 * Pure helpers that admin screens share, whatever their framework: counting,
 * filtering and flattening targets. Wording for people stays in the
 * applications, so that each can translate or reword it.
 */
import { KNOWN_KINDS, KNOWN_PLATFORMS } from './protocol';
import type { Target, TargetKind, TargetNode, TargetPlatform } from './types';

/** Numbers of targets, in total and grouped. */
export interface TargetCounts {
  readonly total: number;
  readonly enabled: number;
  readonly disabled: number;
  /** Targets per platform, keyed by the platform string. */
  readonly byPlatform: Readonly<Record<string, number>>;
  /** Targets per kind, keyed by the kind string. */
  readonly byKind: Readonly<Record<string, number>>;
}

/**
 * A filter over targets. Every field is optional, and a missing field, or an
 * empty `platform`, `kind` or `search`, matches every target.
 */
export interface TargetFilter {
  /** Only targets of this platform. */
  readonly platform?: TargetPlatform | undefined;
  /** Only targets of this kind. */
  readonly kind?: TargetKind | undefined;
  /** Only enabled (`true`) or only disabled (`false`) targets. */
  readonly enabled?: boolean | undefined;
  /** Only targets whose name contains this text, ignoring case and Unicode normalization form. */
  readonly search?: string | undefined;
}

/** A tree node after `filterTree`: `matches` is false for an ancestor kept only to show where a match sits. */
export interface FilteredTargetNode extends TargetNode {
  readonly matches: boolean;
  readonly children: readonly FilteredTargetNode[];
}

/**
 * Counts targets in total, enabled and disabled, per platform and per kind.
 *
 * @example
 * ```ts
 * const counts = countTargets(client.getSnapshot().list);
 * counts.byPlatform.discord; // 12
 * counts.enabled; // 30
 * ```
 */
export function countTargets(list: Iterable<Target>): TargetCounts {
  let total = 0;
  let enabled = 0;
  const byPlatform = new Map<string, number>();
  const byKind = new Map<string, number>();
  for (const target of list) {
    total += 1;
    if (target.is_enabled) enabled += 1;
    byPlatform.set(target.platform, (byPlatform.get(target.platform) ?? 0) + 1);
    byKind.set(target.kind, (byKind.get(target.kind) ?? 0) + 1);
  }
  return {
    total,
    enabled,
    disabled: total - enabled,
    byPlatform: orderedCounts(byPlatform, KNOWN_PLATFORMS),
    byKind: orderedCounts(byKind, KNOWN_KINDS),
  };
}

/**
 * Builds a record with the documented values first, in their documented order,
 * then the others by name, so every UI lists counts the same way. `fromEntries`
 * defines own properties, so a value such as `__proto__` cannot reach a prototype.
 */
function orderedCounts(counts: ReadonlyMap<string, number>, known: readonly string[]): Readonly<Record<string, number>> {
  const others = [...counts.keys()].filter((key) => !known.includes(key)).sort();
  const keys = [...known.filter((key) => counts.has(key)), ...others];
  return Object.fromEntries(keys.map((key) => [key, counts.get(key) ?? 0]));
}

/**
 * Prepares text for a case-insensitive substring match: NFKC folds composed and
 * decomposed accents and full-width letters to one form before lower-casing.
 */
function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function compileFilter(filter: TargetFilter): (target: Target) => boolean {
  const platform = filter.platform || undefined;
  const kind = filter.kind || undefined;
  const enabled = filter.enabled;
  const search = foldText((filter.search ?? '').trim());
  return (target) =>
    (platform === undefined || target.platform === platform) &&
    (kind === undefined || target.kind === kind) &&
    (enabled === undefined || target.is_enabled === enabled) &&
    (search === '' || foldText(target.target_name).includes(search));
}

/**
 * Returns whether one target passes `filter`.
 *
 * @example
 * ```ts
 * matchesFilter(target, { platform: 'discord', search: 'general' });
 * ```
 */
export function matchesFilter(target: Target, filter: TargetFilter): boolean {
  return compileFilter(filter)(target);
}

/**
 * Returns the targets that pass `filter`, in their original order.
 *
 * @example
 * ```ts
 * const shown = filterTargets(view.list, { kind: 'channel', enabled: true, search: 'Café' });
 * ```
 */
export function filterTargets(list: Iterable<Target>, filter: TargetFilter): Target[] {
  const matches = compileFilter(filter);
  const result: Target[] = [];
  for (const target of list) {
    if (matches(target)) result.push(target);
  }
  return result;
}

/**
 * Returns the part of a target tree that passes `filter`: each matching node,
 * and every ancestor of one so that a channel still shows under its guild. A
 * kept node keeps only its kept children.
 *
 * @example
 * ```ts
 * const tree = filterTree(view.tree, { search: 'general' });
 * // [{ target: guild, matches: false, children: [{ target: general, matches: true, children: [] }] }]
 * ```
 */
export function filterTree(tree: readonly TargetNode[], filter: TargetFilter): FilteredTargetNode[] {
  const matches = compileFilter(filter);
  const visit = (nodes: readonly TargetNode[]): FilteredTargetNode[] => {
    const kept: FilteredTargetNode[] = [];
    for (const node of nodes) {
      const children = visit(node.children);
      const self = matches(node.target);
      if (self || children.length > 0) kept.push({ target: node.target, matches: self, children });
    }
    return kept;
  };
  return visit(tree);
}

/** One line of a flattened tree: which target, how deep, and whether it passed the filter. */
export interface TargetRow {
  readonly id: string;
  /** 0 for a top-level target, 1 for its children, and so on. */
  readonly depth: number;
  /** False for an ancestor kept only to show where a match sits. */
  readonly matches: boolean;
}

/**
 * Flattens a tree, filtered or not, into rows in display order (each parent
 * before its children), so a UI can render one flat, keyed list.
 *
 * @example
 * ```ts
 * const rows = flattenTree(filterTree(view.tree, filter));
 * // [{ id: guildId, depth: 0, matches: false }, { id: channelId, depth: 1, matches: true }]
 * ```
 */
export function flattenTree(tree: readonly (TargetNode | FilteredTargetNode)[]): TargetRow[] {
  const rows: TargetRow[] = [];
  const visit = (nodes: readonly (TargetNode | FilteredTargetNode)[], depth: number): void => {
    for (const node of nodes) {
      rows.push({ id: node.target.target_id, depth, matches: 'matches' in node ? node.matches : true });
      visit(node.children, depth + 1);
    }
  };
  visit(tree, 0);
  return rows;
}

/**
 * Returns whether two row lists show the same rows in the same order, so a UI
 * can skip re-rendering the list when only the targets' fields changed.
 *
 * @example
 * ```ts
 * const rows = useTargets(selectRows, sameRows);
 * ```
 */
export function sameRows(a: readonly TargetRow[], b: readonly TargetRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((row, index) => {
    const other = b[index]!;
    return row.id === other.id && row.depth === other.depth && row.matches === other.matches;
  });
}
