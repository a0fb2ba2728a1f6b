import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import { describeError, describeEvent, describeReconcile, type TargetsClient } from '@livetargets/core';

/** One line of the event log or the error list. */
export interface ActivityEntry {
  readonly key: number;
  /** Local time of the entry, in epoch ms. */
  readonly time: number;
  readonly text: string;
}

/** The latest events and errors in words, and the ids of targets that changed a moment ago. */
export interface Activity {
  readonly events: Readonly<ShallowRef<readonly ActivityEntry[]>>;
  readonly errors: Readonly<ShallowRef<readonly ActivityEntry[]>>;
  readonly changedIds: Readonly<ShallowRef<ReadonlySet<string>>>;
}

const MAX_EVENTS = 20;
const MAX_ERRORS = 10;
/** How long a changed row stays highlighted, in ms. */
export const HIGHLIGHT_MS = 1_500;

/** Formats epoch ms as a local time in the browser's locale, as the React and Svelte apps do. */
export function formatTime(time: number): string {
  return new Date(time).toLocaleTimeString();
}

/**
 * Follows the client's events, errors and reconcile reports until the calling
 * scope is disposed.
 */
export function useActivity(client: TargetsClient): Activity {
  const events = shallowRef<readonly ActivityEntry[]>([]);
  const errors = shallowRef<readonly ActivityEntry[]>([]);
  const changedIds = shallowRef<ReadonlySet<string>>(new Set());
  let nextKey = 0;

  const entry = (text: string): ActivityEntry => ({ key: (nextKey += 1), time: Date.now(), text });

  // Each id remembers its latest highlight, so an older timer does not end a newer highlight early.
  const highlightTokens = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const highlight = (ids: readonly string[]) => {
    if (ids.length === 0) return;
    const token = (nextKey += 1);
    for (const id of ids) highlightTokens.set(id, token);
    changedIds.value = new Set(highlightTokens.keys());
    const timer = setTimeout(() => {
      timers.delete(timer);
      for (const id of ids) {
        if (highlightTokens.get(id) === token) highlightTokens.delete(id);
      }
      changedIds.value = new Set(highlightTokens.keys());
    }, HIGHLIGHT_MS);
    timers.add(timer);
  };

  const subscriptions = [
    client.events$.subscribe((event) => {
      const targetId = event.type === 'target.removed' ? event.target_id : event.target.target_id;
      // events$ emits before the batch is published, so the current view still contains the target as it was.
      const previous = client.getSnapshot().targets.get(targetId);
      events.value = [entry(describeEvent(event, previous)), ...events.value].slice(0, MAX_EVENTS);
      highlight([targetId]);
    }),
    client.errors$.subscribe((error) => {
      errors.value = [entry(describeError(error)), ...errors.value].slice(0, MAX_ERRORS);
    }),
    client.reconciled$.subscribe((report) => {
      if (report.offlineMs !== undefined) highlight([...report.added, ...report.changed]);
      events.value = [entry(describeReconcile(report)), ...events.value].slice(0, MAX_EVENTS);
    }),
  ];

  onScopeDispose(() => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    for (const timer of timers) clearTimeout(timer);
  });
  return { events, errors, changedIds };
}
