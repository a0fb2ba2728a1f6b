import { isTargetsError, TargetsError } from '@livetargets/core';
import type {
  ReconcileReport,
  Target,
  TargetEvent,
  TargetsClient,
  TargetsErrorCode,
  TargetsStatus,
} from '@livetargets/core';
// Shared by the three admin apps: the English wording of statuses, errors and
// events, and the activity feed that fills their event log and row highlights.
// The wording lives in the apps, not in @livetargets/core, so that each
// application can translate or reword it.

const STATUS_SENTENCES: Record<TargetsStatus, string> = {
  idle: 'Not connected yet.',
  connecting: 'Connecting to the live-updates gateway.',
  syncing: 'Connected. Loading the full list of targets.',
  live: 'Live: changes appear as they happen.',
  reconnecting: 'The connection was lost. Reconnecting.',
  unauthorized: 'The access token was rejected. Sign in again or check the token.',
  closed: 'Disconnected: this client was closed.',
};

/**
 * Describes a connection status in one sentence for people.
 *
 * @example
 * ```ts
 * describeStatus('reconnecting'); // 'The connection was lost. Reconnecting.'
 * ```
 */
export function describeStatus(status: TargetsStatus): string {
  return STATUS_SENTENCES[status] ?? `Status: ${String(status)}.`;
}

const ERROR_SENTENCES: Record<TargetsErrorCode, string> = {
  'invalid-payload': 'An update from the server was malformed and was ignored.',
  'foreign-project': 'An update for another project arrived and was ignored.',
  'unknown-event': 'An update of an unknown type arrived and was ignored.',
  'invalid-snapshot': 'The list of targets from the server was malformed, so it was not applied.',
  'snapshot-failed': 'The list of targets could not be loaded from the REST API.',
  'snapshot-inconsistent': 'The list of targets kept changing while it was read, so it may be briefly incomplete.',
  unauthorized: 'The access token was rejected. Sign in again or check the token.',
  'connection-failed': 'The connection to the live-updates gateway failed or dropped.',
  'auth-too-large': 'The access token is too large for the gateway to accept.',
  'server-error': 'The live-updates gateway reported an error.',
  'invalid-options': 'The client is misconfigured. Check its URL, project id and token.',
  destroyed: 'The client was closed and can no longer be used.',
};

/**
 * Describes an error in one sentence for people. A `TargetsError` is described
 * by its `code`; any other error by its message.
 *
 * @example
 * ```ts
 * client.errors$.subscribe((error) => showToast(describeError(error)));
 * // 'The access token was rejected. Sign in again or check the token.'
 * ```
 */
export function describeError(error: unknown): string {
  if (isTargetsError(error)) {
    return ERROR_SENTENCES[error.code] ?? 'Something went wrong with the live updates.';
  }
  if (error instanceof Error && error.message !== '') return `Something went wrong: ${error.message}`;
  return 'Something went wrong with the live updates.';
}

/**
 * Formats an optional count: a count the server never sent is `'unknown'`, not 0.
 *
 * @example
 * ```ts
 * formatCount(target.participant_count); // '142' or 'unknown'
 * ```
 */
export function formatCount(count: number | null | undefined): string {
  return count === undefined || count === null ? 'unknown' : String(count);
}

/**
 * Describes an applied event in one sentence for an event log. Pass the
 * target as it was before the event (`previous`) to name a removed target and
 * to say when an update was a rename.
 *
 * @example
 * ```ts
 * describeEvent(event, before); // 'Renamed discord channel "general" to "chat".'
 * ```
 */
export function describeEvent(event: TargetEvent, previous?: Target): string {
  if (event.type === 'target.removed') {
    const label = `${event.platform} ${event.kind}`;
    return previous === undefined
      ? `Removed ${label} with external id ${event.external_id}.`
      : `Removed ${label} "${previous.target_name}".`;
  }

  const target = event.target;
  const label = `${target.platform} ${target.kind} "${target.target_name}"`;
  switch (event.type) {
    case 'target.added':
      return `Added ${label}.`;
    case 'target.enabled':
      return `Enabled ${label}.`;
    case 'target.disabled':
      return `Disabled ${label}.`;
    default:
      if (previous !== undefined && previous.target_name !== target.target_name) {
        return `Renamed ${target.platform} ${target.kind} "${previous.target_name}" to "${target.target_name}".`;
      }
      return `Updated ${label}.`;
  }
}

/**
 * Describes a reconcile with the REST list in one sentence for an event log:
 * what it added, removed and changed, and how long the client was offline.
 *
 * @example
 * ```ts
 * client.reconciled$.subscribe((report) => log(describeReconcile(report)));
 * // 'Read the full list after 3 s offline: 1 changed.'
 * ```
 */
export function describeReconcile(report: ReconcileReport): string {
  const parts = [
    [report.added.length, 'added'],
    [report.removed.length, 'removed'],
    [report.changed.length, 'changed'],
  ]
    .filter(([count]) => count !== 0)
    .map(([count, word]) => `${count} ${word}`);
  const changes = parts.length === 0 ? 'no changes' : parts.join(', ');
  if (report.offlineMs === undefined) return `Read the full list: ${changes}.`;
  const seconds = Math.max(1, Math.round(report.offlineMs / 1000));
  return `Read the full list after ${seconds} s offline: ${changes}.`;
}

/** One line of the event log or the error list. */
export interface ActivityEntry {
  /** Unique within one feed, for keyed lists. */
  readonly key: number;
  /** When the line was added, in epoch ms. */
  readonly time: number;
  readonly text: string;
}

/** The contents of an activity feed at one moment. */
export interface ActivitySnapshot {
  /** Event and reconcile lines, newest first. */
  readonly events: readonly ActivityEntry[];
  /** Error lines, newest first. */
  readonly errors: readonly ActivityEntry[];
  /** Ids of the targets that changed less than `highlightMs` ago. */
  readonly highlighted: ReadonlySet<string>;
}

/** Options of `createActivityFeed`. */
export interface ActivityFeedOptions {
  /** Maximum number of event lines kept. Default: 20. */
  readonly maxEvents?: number;
  /** Maximum number of error lines kept. Default: 5. */
  readonly maxErrors?: number;
  /** How long a changed target stays highlighted, in ms, up to 2^31 - 1 (the `setTimeout` maximum). Default: 1500. */
  readonly highlightMs?: number;
}

/**
 * A store of a client's recent activity, with the same contract as the core's
 * `TargetsStore`: `getSnapshot()` returns the same object until something
 * changes, and listeners run on changes only.
 */
export interface ActivityFeed {
  getSnapshot(): ActivitySnapshot;
  /** Calls `listener` after changes, once per burst: the feed publishes in a microtask after events that arrive together. Returns the function that unsubscribes. Does nothing after `destroy()`. */
  subscribe(listener: () => void): () => void;
  /** Stops following the client, cancels every highlight timer and drops every listener. */
  destroy(): void;
}

/** Default of `ActivityFeedOptions.maxEvents`. */
export const DEFAULT_MAX_EVENTS = 20;
/** Default of `ActivityFeedOptions.maxErrors`. */
export const DEFAULT_MAX_ERRORS = 5;
/** Default of `ActivityFeedOptions.highlightMs`. */
export const DEFAULT_HIGHLIGHT_MS = 1_500;

const EMPTY_SNAPSHOT: ActivitySnapshot = { events: [], errors: [], highlighted: new Set() };

// setTimeout runs a longer delay at once, which would end every highlight immediately.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function readLimit(options: ActivityFeedOptions, name: keyof ActivityFeedOptions, fallback: number): number {
  const value = options[name] ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new TargetsError(
      'invalid-options',
      `createActivityFeed: ${name} is ${String(value)}, expected an integer from 1 to ${MAX_TIMEOUT_MS}. Omit it to use ${fallback}.`,
    );
  }
  return value;
}

/**
 * Creates a feed of a client's recent activity for an admin screen: the
 * latest events and reconciles in words, the latest errors in words, and the
 * ids of targets that just changed. The feed follows `client.events$`,
 * `client.errors$` and `client.reconciled$` only while it has listeners, so
 * it keeps the client's socket open only as long as a screen shows it. Lines
 * survive a time without listeners, but highlights end when the last listener
 * leaves.
 *
 * A target is highlighted when an event adds, updates, enables or disables it,
 * and when a reconcile changes it. A reconcile's additions are highlighted
 * only after an outage (`offlineMs` set), because the first reconcile adds
 * every target.
 *
 * @example
 * ```ts
 * const feed = createActivityFeed(client, { maxErrors: 10 });
 * const unsubscribe = feed.subscribe(() => render(feed.getSnapshot().events));
 * // later
 * unsubscribe();
 * feed.destroy();
 * ```
 */
export function createActivityFeed(client: TargetsClient, options: ActivityFeedOptions = {}): ActivityFeed {
  const maxEvents = readLimit(options, 'maxEvents', DEFAULT_MAX_EVENTS);
  const maxErrors = readLimit(options, 'maxErrors', DEFAULT_MAX_ERRORS);
  const highlightMs = readLimit(options, 'highlightMs', DEFAULT_HIGHLIGHT_MS);

  let snapshot = EMPTY_SNAPSHOT;
  let events = snapshot.events;
  let errors = snapshot.errors;
  let highlightsChanged = false;
  let publishScheduled = false;
  let nextKey = 0;
  let destroyed = false;
  const listeners = new Set<() => void>();

  // A burst of events arrives in one synchronous loop. Publishing once after it
  // keeps a screen with thousands of subscribed rows from running every
  // listener once per event.
  const publish = (): void => {
    publishScheduled = false;
    if (destroyed) return;
    snapshot = {
      events,
      errors,
      highlighted: highlightsChanged ? new Set(highlightEnds.keys()) : snapshot.highlighted,
    };
    highlightsChanged = false;
    for (const listener of [...listeners]) listener();
  };

  const schedulePublish = (): void => {
    if (publishScheduled) return;
    publishScheduled = true;
    queueMicrotask(publish);
  };

  const prepend = (entries: readonly ActivityEntry[], text: string, max: number): ActivityEntry[] => {
    nextKey += 1;
    return [{ key: nextKey, time: Date.now(), text }, ...entries].slice(0, max);
  };

  // Ids in the order their highlights end, each with its end time on the
  // monotonic performance clock. One timer then serves every highlight, and a
  // change of the wall clock neither stretches nor cuts one.
  const highlightEnds = new Map<string, number>();
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleSweep = (): void => {
    const first = highlightEnds.values().next();
    if (sweepTimer !== undefined || first.done === true) return;
    sweepTimer = setTimeout(sweep, Math.max(0, first.value - performance.now()));
  };

  const sweep = (): void => {
    sweepTimer = undefined;
    const now = performance.now();
    const before = highlightEnds.size;
    for (const [id, end] of highlightEnds) {
      if (end > now) break;
      highlightEnds.delete(id);
    }
    // A timer can fire a fraction of a millisecond early, with nothing yet to end.
    if (highlightEnds.size !== before) {
      highlightsChanged = true;
      schedulePublish();
    }
    scheduleSweep();
  };

  /** Starts or restarts the highlight of each id in `start`, and ends that of each id in `end`. */
  const highlight = (start: readonly string[], end: readonly string[] = []): void => {
    if (start.length === 0 && !end.some((id) => highlightEnds.has(id))) return;
    for (const id of end) highlightEnds.delete(id);
    const endsAt = performance.now() + highlightMs;
    for (const id of start) {
      // Deleting first moves the id to the end, which keeps the map ordered by end time.
      highlightEnds.delete(id);
      highlightEnds.set(id, endsAt);
    }
    highlightsChanged = true;
    scheduleSweep();
  };

  const clearHighlights = (): void => {
    clearTimeout(sweepTimer);
    sweepTimer = undefined;
    highlightEnds.clear();
    highlightsChanged = false;
    if (snapshot.highlighted.size > 0) snapshot = { ...snapshot, highlighted: new Set() };
  };

  const onEvent = (event: TargetEvent): void => {
    const id = event.type === 'target.removed' ? event.target_id : event.target.target_id;
    // events$ emits before the client publishes the view with the event applied, so the
    // current view still contains the target as it was. That names renamed and removed targets.
    const previous = client.getSnapshot().targets.get(id);
    events = prepend(events, describeEvent(event, previous), maxEvents);
    if (event.type === 'target.removed') highlight([], [id]);
    else highlight([id]);
    schedulePublish();
  };

  const onReconcile = (report: ReconcileReport): void => {
    // The first reconcile adds every target, so only one after an outage highlights what it added.
    const started = report.offlineMs === undefined ? report.changed : [...report.added, ...report.changed];
    events = prepend(events, describeReconcile(report), maxEvents);
    highlight(started, report.removed);
    schedulePublish();
  };

  const onError = (error: TargetsError): void => {
    errors = prepend(errors, describeError(error), maxErrors);
    schedulePublish();
  };

  let stopFollowing: (() => void) | undefined;

  const follow = (): void => {
    const subscriptions = [
      client.events$.subscribe(onEvent),
      client.errors$.subscribe(onError),
      client.reconciled$.subscribe(onReconcile),
    ];
    stopFollowing = () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      clearHighlights();
    };
  };

  const unfollow = (): void => {
    stopFollowing?.();
    stopFollowing = undefined;
  };

  return {
    getSnapshot: () => snapshot,

    subscribe(listener) {
      if (destroyed) return () => {};
      // A wrapper per call, so a listener subscribed twice needs two unsubscribes.
      const registration = () => listener();
      listeners.add(registration);
      if (listeners.size === 1) follow();
      return () => {
        if (!listeners.delete(registration)) return;
        if (listeners.size === 0) unfollow();
      };
    },

    destroy() {
      destroyed = true;
      listeners.clear();
      unfollow();
    },
  };
}
