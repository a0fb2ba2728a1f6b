import type { TargetSnapshot } from '@livetargets/core';
import type { TargetPatch } from './validation';

export type { TargetPatch } from './validation';

/**
 * Fault injection switches. Every rate is a probability per emitted event,
 * from 0 to 1; the draws come from a generator seeded by `seed`, so a run
 * repeats. All default to 0 (off).
 */
export interface GatewayFaults {
  /** Delivers an event twice in a row, with the same `event_id`. Default: 0. */
  readonly duplicateRate?: number;
  /** Delivers an event 1 to `maxDelayMs` ms late, so it can overtake or be overtaken. Default: 0. */
  readonly delayRate?: number;
  /** Upper bound of a random delay, in ms. Default: 500. */
  readonly maxDelayMs?: number;
  /**
   * Closes the transport of one random subscribed socket of the project before
   * delivering the event, so that socket misses it and reconnects on its own. Default: 0.
   */
  readonly dropConnectionRate?: number;
  /** Sends a broken copy of the event (with its own `event_id`) before the real one. Default: 0. */
  readonly malformedRate?: number;
}

/** Destination of the simulator's log lines; one line per call, never a token. */
export interface GatewayLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Options of `startGateway`. */
export interface StartGatewayOptions {
  /** TCP port; 0 picks a free one. Default: 0. */
  readonly port?: number;
  /** Address to bind. Default: `'127.0.0.1'`. */
  readonly host?: string;
  /** Seed of every random choice: the data, the activity and the faults. Default: 1. */
  readonly seed?: number;
  /** Number of targets in the default project, 0 to 100 000 or more. Default: 40. */
  readonly targets?: number;
  /** Generated changes per second; 0 turns the generator off. Default: 0. */
  readonly rate?: number;
  /** Fault injection switches. Default: `{}` (no faults). */
  readonly faults?: GatewayFaults;
  /** Id of the default project. Default: a UUID derived from `seed`. */
  readonly projectId?: string;
  /** Development token of the default project. Default: a JWT-shaped string derived from `seed`. */
  readonly token?: string;
  /**
   * Probability that a `target.enabled` or `target.disabled` snapshot leaves
   * out `plan_count` and `participant_count`, as the vendor's example does. Default: 0.2.
   */
  readonly omitCountsRate?: number;
  /** Logger for connections, subscriptions and rejected input. Default: no logging. */
  readonly logger?: GatewayLogger;
}

/** Input of `addTarget`. Omitted fields get generated or default values. */
export interface NewTarget {
  /** `'discord'` or `'telegram'` (another lowercase word is accepted too). */
  readonly platform: string;
  /** `'guild'`, `'group'`, `'channel'` or `'role'` (another lowercase word is accepted too). */
  readonly kind: string;
  /** Default: a generated name. */
  readonly target_name?: string;
  /** Default: a fresh snowflake (Discord) or `-100…` chat id (other platforms). */
  readonly external_id?: string;
  /** Default: `true`. */
  readonly is_enabled?: boolean;
  /** A top-level target of the same project and platform. Default: `null`. */
  readonly parent_target_id?: string | null;
  /** Default: 0. */
  readonly plan_count?: number;
  /** Default: 0. */
  readonly participant_count?: number;
  /** Default: a generated UUID. */
  readonly target_id?: string;
}

/** Project selector of a call. */
export interface ProjectOption {
  /** Default: the gateway's default project. */
  readonly projectId?: string;
}

/** Options of `addProject`. */
export interface AddProjectOptions {
  /** Default: a generated UUID. */
  readonly projectId?: string;
  /** Default: a generated JWT-shaped token. */
  readonly token?: string;
  /** Number of seeded targets. Default: 0. */
  readonly targets?: number;
}

/** Counters of a running gateway. */
export interface GatewayStats {
  /** Open Socket.IO connections on the live-updates namespace. */
  readonly connections: number;
  /** Connections subscribed to `targets`, over all projects. */
  readonly subscribers: number;
  /** Target events emitted by changes (each counted once, whatever the faults did). */
  readonly eventsEmitted: number;
  /** Payloads handed to Socket.IO rooms: real events, duplicates, malformed copies and `emitRaw` calls. */
  readonly deliveries: number;
  /** Targets in the default project. */
  readonly targets: number;
  /** How often each fault fired. */
  readonly faults: {
    readonly duplicated: number;
    readonly delayed: number;
    readonly dropped: number;
    readonly malformed: number;
  };
}

/** A running gateway simulator, as `startGateway` returns it. */
export interface Gateway {
  /** Socket.IO URL including the namespace, e.g. `http://127.0.0.1:4600/v2/live-updates`. */
  readonly url: string;
  /** REST base URL, e.g. `http://127.0.0.1:4600`. */
  readonly apiUrl: string;
  /** Id of the default project. */
  readonly projectId: string;
  /** Development token of the default project. */
  readonly token: string;
  /** The bound port; stays the same across `restart()`. */
  readonly port: number;
  /** Returns the targets of a project in REST order (creation order). */
  listTargets(options?: ProjectOption): TargetSnapshot[];
  /** Returns one target of any project, or `undefined`. */
  getTarget(targetId: string): TargetSnapshot | undefined;
  /** Creates a target and emits `target.added`. Throws a `TargetsError` on invalid input. */
  addTarget(input: NewTarget, options?: ProjectOption): TargetSnapshot;
  /**
   * Changes a target and emits the event the change fires, if any. Throws a
   * `TargetsError` for an unknown target or an invalid patch.
   */
  updateTarget(targetId: string, patch: TargetPatch): TargetSnapshot;
  /**
   * Removes a target and emits `target.removed`. A guild's channels and roles
   * are removed first, each with its own `target.removed`. Returns every
   * removed target; throws a `TargetsError` for an unknown target.
   */
  removeTarget(targetId: string): TargetSnapshot[];
  /** Sets the generated changes per second (0 stops the generator). */
  setRate(eventsPerSecond: number): void;
  /** Replaces the fault switches; omitted fields turn that fault off. */
  setFaults(faults: GatewayFaults): void;
  /** Delivers the next emitted event twice, with the same `event_id`. */
  duplicateNext(): void;
  /** Delivers the next emitted event `ms` milliseconds late. */
  delayNext(ms: number): void;
  /** Sends a broken copy before the next emitted event. */
  malformedNext(): void;
  /** Drops the connection of one subscribed socket before the next emitted event. */
  dropNext(): void;
  /**
   * Sends any payload as-is. A target event name goes to the project's
   * `targets` subscribers; `message` (a system message) goes to every socket
   * of the project.
   */
  emitRaw(eventName: string, payload: unknown, options?: ProjectOption): void;
  /**
   * Closes every connection of every project. With the default `'transport'`,
   * clients see a lost connection and reconnect on their own. With `'server'`,
   * they see `io server disconnect` and stay disconnected until they call `connect()`.
   */
  disconnectAll(mode?: 'transport' | 'server'): Promise<void>;
  /**
   * Closes the Socket.IO and HTTP servers and listens again on the same port,
   * with the same projects and targets. Clients reconnect on their own.
   */
  restart(options?: { readonly downtimeMs?: number }): Promise<void>;
  /** Stops the generator, cancels delayed deliveries and closes every connection and server. */
  close(): Promise<void>;
  /** Returns connection and event counters. */
  stats(): GatewayStats;
  /** Creates another project with its own token, for isolation tests. */
  addProject(options?: AddProjectOptions): { projectId: string; token: string };
}
