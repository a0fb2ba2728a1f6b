import type { Observable } from 'rxjs';
import type { TargetsError } from './errors';
import type { KNOWN_KINDS, KNOWN_PLATFORMS, TargetEventName } from './protocol';

/** A target's platform. The documented values autocomplete; a new one from the server is kept as a string. */
export type TargetPlatform = (typeof KNOWN_PLATFORMS)[number] | (string & {});

/** A target's kind. The documented values autocomplete; a new one from the server is kept as a string. */
export type TargetKind = (typeof KNOWN_KINDS)[number] | (string & {});

/**
 * A target as the server sends it in an event or in the REST list. Field names
 * are the wire's snake_case names.
 */
export interface TargetSnapshot {
  /** BotSubscription id (UUID-shaped). */
  readonly target_id: string;
  readonly target_name: string;
  readonly platform: TargetPlatform;
  readonly kind: TargetKind;
  /** The platform's own id, always a string (a Discord snowflake does not fit a JS number). */
  readonly external_id: string;
  readonly is_enabled: boolean;
  /** The parent target (a guild, for a Discord channel or role), or `null`. */
  readonly parent_target_id: string | null;
  /** Number of plans attached. Missing or `null` means not sent, not zero. */
  readonly plan_count?: number | null;
  /** Number of active members. Missing or `null` means not sent, not zero. */
  readonly participant_count?: number | null;
}

/**
 * A target as the local state stores it: the last snapshot, where a count that
 * a later snapshot did not send keeps its last known value. A count that was
 * never sent is absent.
 */
export interface Target {
  readonly target_id: string;
  readonly target_name: string;
  readonly platform: TargetPlatform;
  readonly kind: TargetKind;
  readonly external_id: string;
  readonly is_enabled: boolean;
  readonly parent_target_id: string | null;
  readonly plan_count?: number;
  readonly participant_count?: number;
}

/** Fields every event of the `targets` channel carries. */
interface TargetEventBase {
  /** Dedup key: the same emission delivered twice has the same `event_id`. */
  readonly event_id: string;
  /** When the server emitted the event, in epoch milliseconds. */
  readonly emitted_at: number;
  readonly project_id: string;
  readonly platform: TargetPlatform;
}

/** `target.added`, `target.enabled`, `target.disabled` or `target.updated`: a full snapshot. */
export interface TargetSnapshotEvent extends TargetEventBase {
  readonly type: Exclude<TargetEventName, 'target.removed'>;
  readonly target: TargetSnapshot;
}

/** `target.removed`: identifies the removed target without a snapshot. */
export interface TargetRemovedEvent extends TargetEventBase {
  readonly type: 'target.removed';
  readonly target_id: string;
  readonly kind: TargetKind;
  readonly external_id: string;
}

/** A validated event of the `targets` channel; `type` is the Socket.IO event name. */
export type TargetEvent = TargetSnapshotEvent | TargetRemovedEvent;

/** The REST list response envelope. */
export interface TargetListPage {
  readonly ok: boolean;
  readonly request_id?: string;
  readonly method?: string;
  readonly path?: string;
  readonly code?: number;
  /** Number of targets in the whole list, not in this page. */
  readonly total: number;
  readonly data: readonly TargetSnapshot[];
}

/** A target with its children, for tree views. */
export interface TargetNode {
  readonly target: Target;
  readonly children: readonly TargetNode[];
}

/**
 * Connection state of a client.
 *
 * - `idle`: no subscriber yet, so no socket is open.
 * - `connecting`: the first handshake is under way.
 * - `syncing`: connected and subscribed; the REST list is being read.
 * - `live`: in sync, and events apply as they arrive.
 * - `reconnecting`: the connection was lost or failed; the client retries with backoff.
 * - `unauthorized`: the gateway or the REST API rejected the token; the client asks the token function again and retries with backoff.
 * - `closed`: `destroy()` was called.
 */
export type TargetsStatus =
  | 'idle'
  | 'connecting'
  | 'syncing'
  | 'live'
  | 'reconnecting'
  | 'unauthorized'
  | 'closed';

/**
 * Snapshot of the targets and the connection state, for a UI to render. It is
 * immutable: a new view replaces it on every change. `list` and `tree` are computed on first read.
 */
export interface TargetsView {
  /** Targets by `target_id`. */
  readonly targets: ReadonlyMap<string, Target>;
  /** Targets ordered by `target_name`, then `target_id`. */
  readonly list: readonly Target[];
  /** Targets as a forest: Discord channels and roles under their guild. */
  readonly tree: readonly TargetNode[];
  readonly status: TargetsStatus;
  /** The error behind the current status (`reconnecting`, `unauthorized`), cleared once live again. */
  readonly error: TargetsError | undefined;
  /** Local time (epoch ms) when the last event changed the targets, or `undefined`. */
  readonly lastEventAt: number | undefined;
}

/** Framework-neutral store: the contract every adapter builds on. */
export interface TargetsStore {
  /** Returns the current view; the same object until something changes. */
  getSnapshot(): TargetsView;
  /** Calls `listener` after each change. Returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
}

/** Changes made by one reconcile with the REST list. */
export interface ReconcileReport {
  /** Ids of targets the list added. */
  readonly added: readonly string[];
  /** Ids of targets the list removed. */
  readonly removed: readonly string[];
  /** Ids of targets whose fields the list changed. */
  readonly changed: readonly string[];
  /** How long the client was not live before this reconcile, in ms; `undefined` on the first one. */
  readonly offlineMs: number | undefined;
  /** The watermark the list was applied with (epoch ms). */
  readonly watermark: number;
}

/** Counters a client keeps for diagnostics. */
export interface TargetsClientStats {
  /** Events dropped because they were malformed, of another project, or of an unknown name. */
  readonly rejectedEvents: number;
  /** Events that changed nothing: duplicates and stale deliveries. */
  readonly ignoredEvents: number;
  /** Events that changed the targets. */
  readonly appliedEvents: number;
  /** Reconciles with the REST list that completed. */
  readonly reconciles: number;
  /** Subscribers that keep the connection open (observables and store listeners). */
  readonly subscribers: number;
  /** Whether a socket exists (connected or connecting). */
  readonly socketOpen: boolean;
  /** Timers the client has pending (publication, retries, grace period). */
  readonly timers: number;
}

/**
 * Live mirror of one project's targets, made by `createTargetsClient`. It is
 * lazy: the socket opens with the first subscriber (to an observable or the
 * store) and closes a grace period after the last one leaves.
 */
export interface TargetsClient extends TargetsStore {
  /** The current view, replayed to each new subscriber. */
  readonly state$: Observable<TargetsView>;
  readonly targets$: Observable<ReadonlyMap<string, Target>>;
  readonly list$: Observable<readonly Target[]>;
  readonly status$: Observable<TargetsStatus>;
  /** Every error the client reports: rejected events, `error` system messages, connection and list failures. Never completes with an error. */
  readonly errors$: Observable<TargetsError>;
  /** The events that changed the targets, in the order they were applied. */
  readonly events$: Observable<TargetEvent>;
  /** A report after each reconcile with the REST list. */
  readonly reconciled$: Observable<ReconcileReport>;
  /** One target, emitted when it changes; `undefined` while it does not exist. */
  target$(targetId: string): Observable<Target | undefined>;
  /** The view built from `initialTargets`, for server rendering and hydration. */
  getServerSnapshot(): TargetsView;
  /** Reads the REST list again and reconciles. Resolves once the list is applied. */
  refresh(): Promise<void>;
  /** Diagnostic counters. */
  getStats(): TargetsClientStats;
  /** Closes the socket, cancels timers and completes every observable. The status becomes `closed`. */
  destroy(): void;
}
