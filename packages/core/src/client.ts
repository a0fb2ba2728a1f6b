import { BehaviorSubject, distinctUntilChanged, map, Observable, Subject, type Observer } from 'rxjs';
import { io as defaultIo, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { isTargetsError, TargetsError } from './errors';
import {
  GATEWAY_SOCKET_PATH,
  MAX_PACKET_BYTES,
  MESSAGE_EVENT,
  PRODUCTION_GATEWAY_URL,
  readSystemMessage,
  subscribeAction,
  TARGETS_CHANNEL,
} from './protocol';
import { applySnapshot, createTargetsState, reduceTargets, type TargetsState } from './reducer';
import { parseTargetEvent } from './schema';
import { backoffDelay, createRestReader, validateSnapshot, type FetchSnapshot } from './sync';
import type {
  ReconcileReport,
  Target,
  TargetEvent,
  TargetsClient,
  TargetsClientStats,
  TargetSnapshot,
  TargetsStatus,
  TargetsView,
} from './types';

/** Log sink of the client. Every method is optional. */
export interface TargetsLogger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

/** Options of `createTargetsClient`. */
export interface TargetsClientOptions {
  /** Gateway URL, namespace included. Default: the production gateway, `https://api.botsubscription.com/v2/live-updates`. */
  readonly url?: string;
  /** Socket.IO path. Default: `/v2/live-updates/socket.io/`. */
  readonly path?: string;
  /** The project whose targets to mirror (a UUID). Required. */
  readonly projectId: string;
  /**
   * A user JWT, or a function that returns one (or a promise of one). The
   * function is called for every handshake and every read of the REST list,
   * so a short-lived token can be refreshed. Required.
   */
  readonly token: string | (() => string | Promise<string>);
  /** REST base URL. Default: the origin of `url`. */
  readonly apiUrl?: string;
  /**
   * Replaces the built-in REST list reader, or `false` for a live-only client
   * that starts from `initialTargets` and never reads the list. Default: the built-in reader.
   */
  readonly fetchSnapshot?: FetchSnapshot | false;
  /** Targets to start from, e.g. rendered on the server. Default: none. */
  readonly initialTargets?: readonly TargetSnapshot[];
  /** When `initialTargets` were read (epoch ms): events emitted at or before it are ignored. Default: none. */
  readonly initialWatermark?: number;
  /** Default: errors go to `console.error`, nothing else is logged. */
  readonly logger?: TargetsLogger;
  /** Socket.IO client factory, for tests. Default: `io` from `socket.io-client`. */
  readonly io?: (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;
  /** How long the socket stays open after the last subscriber leaves, in ms. Default: 1,000. */
  readonly graceMs?: number;
  /**
   * Publication mode. `'frame'` gathers the events of one animation frame into
   * one state, with a 16 ms timer where there are no animation frames and at
   * most 100 ms in a hidden tab. `'sync'` publishes after every event. Default: `'frame'`.
   */
  readonly publish?: 'frame' | 'sync';
  /** First retry delay in ms; it doubles per failed attempt, with jitter. Default: 500. */
  readonly retryBaseMs?: number;
  /** Largest retry delay in ms. Default: 30,000. */
  readonly retryMaxMs?: number;
}

const FALLBACK_FRAME_MS = 16;
const HIDDEN_TAB_FLUSH_MS = 100;
const MAX_PENDING_EVENTS = 10_000;
const MAX_BUFFERED_EVENTS = 50_000;

const consoleErrorLogger: TargetsLogger = {
  error: (message, details) => console.error(message, details ?? ''),
};

class View implements TargetsView {
  readonly #state: TargetsState;
  readonly status: TargetsStatus;
  readonly error: TargetsError | undefined;
  readonly lastEventAt: number | undefined;

  constructor(state: TargetsState, status: TargetsStatus, error: TargetsError | undefined, lastEventAt: number | undefined) {
    this.#state = state;
    this.status = status;
    this.error = error;
    this.lastEventAt = lastEventAt;
    Object.freeze(this);
  }

  get targets(): ReadonlyMap<string, Target> {
    return this.#state.targets;
  }

  get list(): readonly Target[] {
    return this.#state.list;
  }

  get tree(): TargetsView['tree'] {
    return this.#state.tree;
  }
}

function validateOptions(options: TargetsClientOptions): void {
  if (typeof options.projectId !== 'string' || options.projectId.length === 0) {
    throw new TargetsError('invalid-options', 'createTargetsClient needs a projectId (the project UUID). Pass { projectId, token }.');
  }
  if (typeof options.token !== 'string' && typeof options.token !== 'function') {
    throw new TargetsError('invalid-options', 'createTargetsClient needs a token: a JWT string or a function that returns one.');
  }
  try {
    new URL(options.url ?? PRODUCTION_GATEWAY_URL);
    if (options.apiUrl !== undefined) new URL(options.apiUrl);
  } catch {
    throw new TargetsError('invalid-options', `The url or apiUrl option is not an absolute URL (url: ${JSON.stringify(options.url)}, apiUrl: ${JSON.stringify(options.apiUrl)}).`);
  }
}

/**
 * Creates a live mirror of a project's targets: it connects to the gateway,
 * subscribes to the `targets` channel, reads the REST list, and keeps the two
 * in agreement through reconnects, duplicates, reordering and bad payloads.
 *
 * The client is lazy: nothing connects until the first subscriber arrives,
 * and the socket closes `graceMs` after the last one leaves.
 *
 * @example
 * ```ts
 * const client = createTargetsClient({
 *   projectId: '93425026-6bb8-4f81-a75d-63f538e1a123',
 *   token: () => auth.getAccessToken(),
 * });
 * const subscription = client.state$.subscribe((view) => {
 *   console.log(view.status, view.list.map((target) => target.target_name));
 * });
 * ```
 */
export function createTargetsClient(options: TargetsClientOptions): TargetsClient {
  validateOptions(options);
  const url = new URL(options.url ?? PRODUCTION_GATEWAY_URL);
  const projectId = options.projectId;
  const logger = options.logger ?? consoleErrorLogger;
  const graceMs = options.graceMs ?? 1_000;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const publishMode = options.publish ?? 'frame';
  const createSocket = options.io ?? defaultIo;

  const errors$ = new Subject<TargetsError>();
  const events$ = new Subject<TargetEvent>();
  const reconciled$ = new Subject<ReconcileReport>();

  const reportError = (error: TargetsError): void => {
    logger.error?.(error.message, { code: error.code });
    errors$.next(error);
  };

  const fetchSnapshot: FetchSnapshot | false =
    options.fetchSnapshot === false
      ? false
      : options.fetchSnapshot
        ? async (context) => validateSnapshot(await (options.fetchSnapshot as FetchSnapshot)(context), reportError)
        : createRestReader({ apiUrl: options.apiUrl ?? url.origin, onInconsistent: reportError });

  const initialState = createTargetsState(options.initialTargets ?? [], options.initialWatermark);
  const serverView = new View(initialState, 'idle', undefined, undefined);
  const view$ = new BehaviorSubject<TargetsView>(serverView);

  let state = initialState;
  let status: TargetsStatus = 'idle';
  let currentError: TargetsError | undefined;
  let lastEventAt: number | undefined;
  let destroyed = false;

  const stats = { rejectedEvents: 0, ignoredEvents: 0, appliedEvents: 0, reconciles: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const setTimer = (callback: () => void, ms: number): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      callback();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const clearTimer = (timer: ReturnType<typeof setTimeout> | undefined): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };

  const publish = (): void => {
    const next = new View(state, status, currentError, lastEventAt);
    view$.next(next);
  };

  const setStatus = (next: TargetsStatus, error?: TargetsError): void => {
    if (next === status && error === currentError) return;
    if (status === 'live' && next !== 'live') offlineSince = Date.now();
    status = next;
    currentError = error;
    logger.debug?.(`[livetargets] status: ${next}`);
    publish();
  };

  // --- Publication: events of one frame become one state -------------------
  let pending: TargetEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let frameRequest: number | undefined;

  const cancelFlush = (): void => {
    clearTimer(flushTimer);
    flushTimer = undefined;
    if (frameRequest !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frameRequest);
    frameRequest = undefined;
  };

  const applyEvents = (events: readonly TargetEvent[]): boolean => {
    let changed = false;
    for (const event of events) {
      const next = reduceTargets(state, event);
      if (next === state) {
        stats.ignoredEvents += 1;
        continue;
      }
      state = next;
      changed = true;
      stats.appliedEvents += 1;
      events$.next(event);
    }
    if (changed) lastEventAt = Date.now();
    return changed;
  };

  const flush = (): void => {
    cancelFlush();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    if (applyEvents(batch)) publish();
  };

  const scheduleFlush = (): void => {
    if (publishMode === 'sync' || pending.length >= MAX_PENDING_EVENTS) {
      flush();
      return;
    }
    if (flushTimer !== undefined) return;
    const frames = typeof requestAnimationFrame === 'function';
    if (frames) {
      frameRequest = requestAnimationFrame(() => {
        frameRequest = undefined;
        flush();
      });
    }
    // Animation frames pause in a hidden tab, so the timer keeps the state moving there.
    flushTimer = setTimer(flush, frames ? HIDDEN_TAB_FLUSH_MS : FALLBACK_FRAME_MS);
  };

  // --- Reconcile with the REST list ---------------------------------------
  let maxReceivedAt: number | undefined;
  let offlineSince: number | undefined;
  let reconcileBuffer: TargetEvent[] | undefined;
  let reconcileOverflowed = false;
  let reconcileAbort: AbortController | undefined;
  let reconcileRetry: ReturnType<typeof setTimeout> | undefined;
  let reconcileAttempt = 0;
  let refreshWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  const settleRefresh = (error?: unknown): void => {
    const waiters = refreshWaiters;
    refreshWaiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  };

  const releaseBuffer = (): void => {
    if (reconcileBuffer !== undefined) pending.push(...reconcileBuffer);
    reconcileBuffer = undefined;
    reconcileAbort = undefined;
  };

  const cancelReconcile = (): void => {
    reconcileAbort?.abort();
    clearTimer(reconcileRetry);
    reconcileRetry = undefined;
    releaseBuffer();
  };

  const report = (before: TargetsState, after: TargetsState, watermark: number): ReconcileReport => {
    const added: string[] = [];
    const removed: string[] = [];
    const changed: string[] = [];
    after.targets.forEach((target, targetId) => {
      const previous = before.targets.get(targetId);
      if (previous === undefined) added.push(targetId);
      else if (previous !== target) changed.push(targetId);
    });
    before.targets.forEach((_target, targetId) => {
      if (!after.targets.has(targetId)) removed.push(targetId);
    });
    return {
      added,
      removed,
      changed,
      offlineMs: offlineSince === undefined ? undefined : Date.now() - offlineSince,
      watermark,
    };
  };

  const reconcile = async (): Promise<void> => {
    if (fetchSnapshot === false) {
      flush();
      setStatus('live');
      settleRefresh();
      return;
    }
    cancelReconcile();
    flush();
    const abort = new AbortController();
    reconcileAbort = abort;
    reconcileBuffer = [];
    reconcileOverflowed = false;
    if (status !== 'unauthorized') setStatus('syncing', currentError);
    const watermark = maxReceivedAt ?? state.lastEmittedAt ?? 0;

    try {
      const token = await readToken();
      if (abort.signal.aborted) return;
      const list = await fetchSnapshot({ projectId, token, signal: abort.signal });
      if (abort.signal.aborted) return;
      if (reconcileOverflowed) {
        // The buffer was dropped to stay bounded, so read the list again: a list read now contains what it lost.
        reconcileAbort = undefined;
        void reconcile();
        return;
      }

      const before = state;
      state = applySnapshot(state, list, watermark);
      const buffered = reconcileBuffer ?? [];
      reconcileBuffer = undefined;
      reconcileAbort = undefined;
      reconcileAttempt = 0;
      applyEvents(buffered);
      stats.reconciles += 1;
      const reconcileReport = report(before, state, watermark);
      offlineSince = undefined;
      status = 'live';
      currentError = undefined;
      publish();
      reconciled$.next(reconcileReport);
      logger.info?.(
        `[livetargets] reconciled: ${reconcileReport.added.length} added, ${reconcileReport.removed.length} removed, ${reconcileReport.changed.length} changed`,
      );
      settleRefresh();
    } catch (cause) {
      if (abort.signal.aborted || destroyed) return;
      const error = isTargetsError(cause)
        ? cause
        : new TargetsError('snapshot-failed', 'Reading the targets list failed. The client retries with backoff.', { cause });
      reportError(error);
      releaseBuffer();
      setStatus(error.code === 'unauthorized' ? 'unauthorized' : 'syncing', error);
      const delay = backoffDelay(reconcileAttempt++, retryBaseMs, retryMaxMs);
      reconcileRetry = setTimer(() => {
        reconcileRetry = undefined;
        if (socket?.connected && subscribed) void reconcile();
      }, delay);
    }
  };

  // --- The socket -----------------------------------------------------------
  let socket: Socket | undefined;
  let subscribed = false;
  let connectAttempt = 0;
  let connectRetry: ReturnType<typeof setTimeout> | undefined;
  let handshakeAuth: { token: string; project_id: string } | undefined;

  const readToken = async (): Promise<string> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new TargetsError('unauthorized', 'The token option returned no token (expected a non-empty string). Return a valid JWT.');
    }
    return token;
  };

  const onEvent = (eventName: string, payload: unknown): void => {
    if (eventName === MESSAGE_EVENT) return;
    const result = parseTargetEvent(eventName, payload, { projectId });
    if (!result.ok) {
      stats.rejectedEvents += 1;
      reportError(result.error);
      return;
    }
    const event = result.event;
    if (maxReceivedAt === undefined || event.emitted_at > maxReceivedAt) maxReceivedAt = event.emitted_at;
    if (reconcileBuffer !== undefined) {
      if (reconcileBuffer.length >= MAX_BUFFERED_EVENTS) {
        reconcileBuffer = [];
        reconcileOverflowed = true;
      }
      reconcileBuffer.push(event);
      return;
    }
    pending.push(event);
    scheduleFlush();
  };

  const onMessage = (payload: unknown): void => {
    const message = readSystemMessage(payload);
    if (message === undefined) return;
    switch (message.type) {
      case 'ready':
        socket?.emit(MESSAGE_EVENT, subscribeAction(TARGETS_CHANNEL));
        break;
      case 'subscribed':
        if (message.channel !== TARGETS_CHANNEL) break;
        subscribed = true;
        connectAttempt = 0;
        void reconcile();
        break;
      case 'unsubscribed':
        if (message.channel === TARGETS_CHANNEL) subscribed = false;
        break;
      case 'error':
        reportError(
          new TargetsError(
            'server-error',
            `The gateway sent an error${message.channel === undefined ? '' : ` on channel ${JSON.stringify(message.channel)}`}: ${message.code}: ${message.message}`,
          ),
        );
        break;
      case 'pong':
        break;
    }
  };

  const scheduleReconnect = (nextStatus: TargetsStatus, error: TargetsError): void => {
    if (destroyed || socket === undefined) return;
    setStatus(nextStatus, error);
    clearTimer(connectRetry);
    const delay = backoffDelay(connectAttempt++, retryBaseMs, retryMaxMs);
    logger.debug?.(`[livetargets] retrying the connection in ${delay} ms`);
    connectRetry = setTimer(() => {
      connectRetry = undefined;
      void openConnection();
    }, delay);
  };

  const onConnectError = (cause: Error & { data?: unknown }): void => {
    subscribed = false;
    // A rejection by the server's middleware leaves the socket inactive; transport failures do not.
    const rejected = socket !== undefined && !socket.active;
    if (rejected) {
      const reason = typeof cause.message === 'string' && cause.message.length > 0 ? cause.message : 'no reason given';
      const error = new TargetsError(
        'unauthorized',
        `The gateway rejected the handshake for project ${JSON.stringify(projectId)}: ${reason}. Check the token and projectId options; the client asks for a new token and retries.`,
      );
      reportError(error);
      scheduleReconnect('unauthorized', error);
      return;
    }
    const error = new TargetsError('connection-failed', `Could not connect to the gateway at ${url.origin}${url.pathname}: ${cause.message}. Retrying with backoff.`, { cause });
    reportError(error);
    scheduleReconnect(status === 'connecting' ? 'connecting' : 'reconnecting', error);
  };

  const onDisconnect = (reason: string): void => {
    subscribed = false;
    cancelReconcile();
    flush();
    if (reason === 'io client disconnect' || destroyed) return;
    const error = new TargetsError('connection-failed', `Lost the connection to the gateway (${reason}). Reconnecting.`);
    logger.warn?.(error.message);
    socket?.disconnect();
    scheduleReconnect('reconnecting', error);
  };

  const ensureSocket = (): Socket => {
    if (socket !== undefined) return socket;
    const created = createSocket(url.href, {
      path: options.path ?? GATEWAY_SOCKET_PATH,
      autoConnect: false,
      reconnection: false,
      forceNew: true,
      transports: ['websocket', 'polling'],
      auth: (callback: (auth: object) => void) => callback(handshakeAuth ?? {}),
    });
    created.on('message', onMessage);
    created.on('connect_error', onConnectError);
    created.on('disconnect', onDisconnect);
    created.onAny(onEvent);
    socket = created;
    return created;
  };

  const openConnection = async (): Promise<void> => {
    if (destroyed || retained === 0) return;
    const target = ensureSocket();
    if (target.connected) return;
    let token: string;
    try {
      token = await readToken();
    } catch (cause) {
      const error = isTargetsError(cause)
        ? cause
        : new TargetsError('unauthorized', 'The token function threw. Retrying with backoff.', { cause });
      reportError(error);
      scheduleReconnect('unauthorized', error);
      return;
    }
    if (destroyed || retained === 0 || socket !== target) return;

    const auth = { token, project_id: projectId };
    const size = new TextEncoder().encode(JSON.stringify(auth)).length;
    // The CONNECT packet adds the packet type and the namespace to the auth JSON.
    const packetSize = size + url.pathname.length + 2;
    if (packetSize > MAX_PACKET_BYTES) {
      const error = new TargetsError(
        'auth-too-large',
        `The handshake auth object is ${packetSize} bytes, over the gateway's ${MAX_PACKET_BYTES}-byte packet limit, so the gateway would drop the connection. Use a shorter token.`,
      );
      reportError(error);
      scheduleReconnect('unauthorized', error);
      return;
    }
    handshakeAuth = auth;
    target.connect();
  };

  const closeConnection = (): void => {
    clearTimer(connectRetry);
    connectRetry = undefined;
    cancelReconcile();
    flush();
    const closing = socket;
    socket = undefined;
    subscribed = false;
    handshakeAuth = undefined;
    if (closing !== undefined) {
      closing.offAny(onEvent);
      closing.removeAllListeners();
      closing.disconnect();
    }
  };

  // --- Reference counting: the socket lives while someone listens ----------
  let retained = 0;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  const retain = (): void => {
    if (destroyed) return;
    retained += 1;
    clearTimer(graceTimer);
    graceTimer = undefined;
    if (retained === 1 && socket === undefined) {
      setStatus('connecting');
      void openConnection();
    }
  };

  const release = (): void => {
    if (destroyed || retained === 0) return;
    retained -= 1;
    if (retained > 0) return;
    graceTimer = setTimer(() => {
      graceTimer = undefined;
      if (retained > 0) return;
      closeConnection();
      setStatus('idle');
    }, graceMs);
  };

  const retained$ = <T>(source: Observable<T>): Observable<T> =>
    new Observable<T>((subscriber) => {
      retain();
      const subscription = source.subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        release();
      };
    });

  const state$ = retained$(view$.asObservable());
  const targets$ = state$.pipe(
    map((view) => view.targets),
    distinctUntilChanged(),
  );

  const client: TargetsClient = {
    state$,
    targets$,
    list$: state$.pipe(
      map((view) => view.list),
      distinctUntilChanged(),
    ),
    status$: state$.pipe(
      map((view) => view.status),
      distinctUntilChanged(),
    ),
    errors$: errors$.asObservable(),
    events$: retained$(events$.asObservable()),
    reconciled$: reconciled$.asObservable(),

    target$(targetId: string) {
      return targets$.pipe(
        map((targets) => targets.get(targetId)),
        distinctUntilChanged(),
      );
    },

    getSnapshot() {
      return view$.getValue();
    },

    getServerSnapshot() {
      return serverView;
    },

    subscribe(listener: () => void) {
      let first = true;
      const observer: Partial<Observer<TargetsView>> = {
        next: () => {
          // The store contract calls listeners on changes only, not with the current value.
          if (first) {
            first = false;
            return;
          }
          listener();
        },
      };
      const subscription = state$.subscribe(observer);
      return () => subscription.unsubscribe();
    },

    refresh() {
      if (destroyed) {
        return Promise.reject(new TargetsError('destroyed', 'refresh() was called after destroy(). Create a new client.'));
      }
      // Holding a reference keeps the socket open until the list is applied, also on an idle client.
      retain();
      const done = new Promise<void>((resolve, reject) => refreshWaiters.push({ resolve, reject }));
      if (socket?.connected && subscribed) void reconcile();
      return done.finally(release);
    },

    getStats(): TargetsClientStats {
      return {
        ...stats,
        subscribers: retained,
        socketOpen: socket !== undefined,
        timers: timers.size,
      };
    },

    destroy() {
      if (destroyed) return;
      closeConnection();
      cancelFlush();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      settleRefresh(new TargetsError('destroyed', 'The client was destroyed before the refresh finished.'));
      status = 'closed';
      currentError = undefined;
      publish();
      destroyed = true;
      retained = 0;
      view$.complete();
      errors$.complete();
      events$.complete();
      reconciled$.complete();
    },
  };
  return client;
}

