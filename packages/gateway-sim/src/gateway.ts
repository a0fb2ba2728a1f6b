import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GATEWAY_NAMESPACE,
  GATEWAY_SOCKET_PATH,
  MAX_PACKET_BYTES,
  MESSAGE_EVENT,
  TargetsError,
  type TargetEventName,
  type TargetSnapshot,
} from '@livetargets/core';
import { Server as SocketServer, type Namespace } from 'socket.io';
import { generateChange } from './activity';
import { makeDevToken, TokenRegistry } from './auth';
import {
  eventForChange,
  malformedCopy,
  removedPayload,
  snapshotPayload,
  toSnapshot,
  type TargetEventPayload,
} from './payloads';
import { mixSeed, Random } from './random';
import { createRestHandler, isLocalOrigin } from './rest';
import { newSnowflake, newTelegramChatId, seedProject } from './seed';
import { attachNamespace, projectRoom, targetsRoom } from './socket';
import { ProjectStore, type StoredTarget } from './store';
import type {
  AddProjectOptions,
  Gateway,
  GatewayFaults,
  GatewayLogger,
  GatewayStats,
  NewTarget,
  ProjectOption,
  StartGatewayOptions,
  TargetPatch,
} from './types';
import { API_PATCH_FIELDS, checkField, describe, readPatch } from './validation';

const SILENT: GatewayLogger = { info: () => {}, warn: () => {} };
const DEFAULT_MAX_DELAY_MS = 500;
// Random streams, one per purpose, so that turning on faults does not change the data.
const STREAM = { project: 1, data: 2, activity: 3, faults: 4, shape: 5, extraProjects: 6 } as const;

type Change =
  | { readonly kind: 'add'; readonly target: StoredTarget }
  | { readonly kind: 'update'; readonly targetId: string; readonly patch: TargetPatch }
  | { readonly kind: 'remove'; readonly targetId: string };

interface ResolvedFaults {
  duplicateRate: number;
  delayRate: number;
  maxDelayMs: number;
  dropConnectionRate: number;
  malformedRate: number;
}

function invalid(message: string): TargetsError {
  return new TargetsError('invalid-options', `[livetargets] gateway-sim: ${message}`);
}

function readRate(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalid(`faults.${name} must be a number from 0 to 1, got ${describe(value)}.`);
  }
  return value;
}

/** Validates fault switches; omitted ones are off. */
export function resolveFaults(faults: GatewayFaults): ResolvedFaults {
  if (typeof faults !== 'object' || faults === null) throw invalid(`faults must be an object, got ${describe(faults)}.`);
  const known = ['duplicateRate', 'delayRate', 'maxDelayMs', 'dropConnectionRate', 'malformedRate'];
  const unknown = Object.keys(faults).find((key) => !known.includes(key));
  if (unknown !== undefined) throw invalid(`unknown fault "${unknown}"; expected one of ${known.join(', ')}.`);
  const maxDelayMs = faults.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (!Number.isSafeInteger(maxDelayMs) || maxDelayMs < 1) {
    throw invalid(`faults.maxDelayMs must be a positive integer (ms), got ${describe(maxDelayMs)}.`);
  }
  return {
    duplicateRate: readRate('duplicateRate', faults.duplicateRate),
    delayRate: readRate('delayRate', faults.delayRate),
    maxDelayMs,
    dropConnectionRate: readRate('dropConnectionRate', faults.dropConnectionRate),
    malformedRate: readRate('malformedRate', faults.malformedRate),
  };
}

function readCount(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw invalid(`${name} must be a non-negative integer, got ${describe(value)}.`);
  }
  return value as number;
}

class GatewaySimulator implements Gateway {
  readonly projectId: string;
  readonly token: string;
  port: number;
  private readonly host: string;
  private readonly seed: number;
  private readonly log: GatewayLogger;
  private readonly tokens = new TokenRegistry();
  private readonly projects = new Map<string, ProjectStore>();
  private readonly targetSize: number;
  private readonly dataRandom: Random;
  private readonly activityRandom: Random;
  private readonly faultRandom: Random;
  private readonly shapeRandom: Random;
  private readonly extraProjectRandom: Random;
  private readonly omitCountsRate: number;
  private faults: ResolvedFaults;
  private readonly scripted = { duplicates: 0, delays: [] as number[], malformed: 0, drops: 0 };
  private readonly counters = { eventsEmitted: 0, deliveries: 0, duplicated: 0, delayed: 0, dropped: 0, malformed: 0 };
  private readonly pendingDeliveries = new Set<NodeJS.Timeout>();
  private lastEmittedAt = 0;
  private rate = 0;
  private activityTimer: NodeJS.Timeout | undefined;
  private activityBudget = 0;
  private activityTickAt = 0;
  private http: HttpServer | undefined;
  private io: SocketServer | undefined;
  private nsp: Namespace | undefined;
  private projectSerial = 0;
  private closed = false;

  constructor(options: StartGatewayOptions) {
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw invalid(`seed must be an integer, got ${describe(seed)}.`);
    this.seed = seed;
    this.port = readCount('port', options.port, 0);
    if (this.port > 65535) throw invalid(`port must be from 0 to 65535, got ${this.port}.`);
    this.host = options.host ?? '127.0.0.1';
    this.targetSize = readCount('targets', options.targets, 40);
    this.omitCountsRate = readRate('omitCountsRate', options.omitCountsRate ?? 0.2);
    this.faults = resolveFaults(options.faults ?? {});
    this.log = options.logger ?? SILENT;

    this.dataRandom = new Random(mixSeed(seed, STREAM.data));
    this.activityRandom = new Random(mixSeed(seed, STREAM.activity));
    this.faultRandom = new Random(mixSeed(seed, STREAM.faults));
    this.shapeRandom = new Random(mixSeed(seed, STREAM.shape));
    this.extraProjectRandom = new Random(mixSeed(seed, STREAM.extraProjects));

    this.projectId = options.projectId ?? new Random(mixSeed(seed, STREAM.project)).uuid();
    this.token = options.token ?? makeDevToken(seed, this.projectId, 0);
    if (this.token.length === 0) throw invalid('token must be a non-empty string.');
    const store = new ProjectStore(this.projectId);
    seedProject(this.dataRandom, store, this.targetSize);
    this.projects.set(this.projectId, store);
    this.tokens.addProject(this.projectId, this.token);
    this.setRate(options.rate ?? 0);
  }

  get url(): string {
    return `${this.apiUrl}${GATEWAY_NAMESPACE}`;
  }

  get apiUrl(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  async listen(): Promise<void> {
    const http = createServer(
      createRestHandler({
        tokens: this.tokens,
        log: this.log,
        store: (projectId) => this.projects.get(projectId),
        update: (projectId, targetId, patch) => toSnapshot(this.commit(projectId, { kind: 'update', targetId, patch })[0] as StoredTarget),
        remove: (projectId, targetId) => void this.commit(projectId, { kind: 'remove', targetId }),
      }),
    );
    const io = new SocketServer(http, {
      path: GATEWAY_SOCKET_PATH,
      maxHttpBufferSize: MAX_PACKET_BYTES,
      serveClient: false,
      cors: {
        origin: (origin, callback) => callback(null, origin === undefined || isLocalOrigin(origin)),
      },
    });
    const nsp = io.of(GATEWAY_NAMESPACE);
    attachNamespace(io, nsp, this.tokens, this.log);

    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      http.once('error', onError);
      http.listen(this.port, this.host, () => {
        http.off('error', onError);
        resolve();
      });
    });
    this.http = http;
    this.io = io;
    this.nsp = nsp;
    this.port = (http.address() as AddressInfo).port;
  }

  private async shutdownServers(): Promise<void> {
    const { io, http } = this;
    this.io = undefined;
    this.nsp = undefined;
    this.http = undefined;
    if (io === undefined || http === undefined) return;
    await new Promise<void>((resolve) => {
      // io.close() disconnects every socket and closes the HTTP server; the
      // idle keep-alive connections would otherwise keep it open.
      void io.close(() => resolve());
      http.closeAllConnections();
    });
  }

  // The one path that changes targets: it mutates the store and emits the
  // event for the change, so the REST list and the feed cannot disagree.
  private commit(projectId: string, change: Change): StoredTarget[] {
    const store = this.requireProject(projectId);
    switch (change.kind) {
      case 'add': {
        store.insert(change.target);
        this.publish(projectId, 'target.added', snapshotPayload(this.stamp(projectId), change.target));
        return [change.target];
      }
      case 'update': {
        const before = this.requireTarget(store, change.targetId);
        const after = this.applyPatch(store, before, change.patch);
        const eventName = eventForChange(before, after);
        if (eventName === undefined) return [before];
        store.replace(after);
        const omitCounts = eventName !== 'target.updated' && this.shapeRandom.next() < this.omitCountsRate;
        this.publish(projectId, eventName, snapshotPayload(this.stamp(projectId), after, omitCounts));
        return [after];
      }
      case 'remove': {
        const target = this.requireTarget(store, change.targetId);
        const removed: StoredTarget[] = [];
        for (const childId of store.childrenOf(target.target_id)) {
          removed.push(...this.commit(projectId, { kind: 'remove', targetId: childId }));
        }
        store.delete(target.target_id);
        this.publish(projectId, 'target.removed', removedPayload(this.stamp(projectId), target));
        removed.push(target);
        return removed;
      }
    }
  }

  private applyPatch(store: ProjectStore, before: StoredTarget, patch: TargetPatch): StoredTarget {
    const after: StoredTarget = { ...before, ...patch };
    if (after.external_id !== before.external_id && store.hasExternalId(after.platform, after.external_id)) {
      throw invalid(`external_id ${after.external_id} is already used by another ${after.platform} target.`);
    }
    if (after.parent_target_id !== before.parent_target_id && after.parent_target_id !== null) {
      this.checkParent(store, after);
      if (store.childrenOf(before.target_id).length > 0) {
        throw invalid(`target ${before.target_id} has children, so it cannot be nested under another target.`);
      }
    }
    return after;
  }

  private checkParent(store: ProjectStore, target: { target_id: string; platform: string; parent_target_id: string | null }): void {
    if (target.parent_target_id === null) return;
    const parent = store.get(target.parent_target_id);
    if (parent === undefined) {
      throw invalid(`parent_target_id ${target.parent_target_id} is not a target of project ${store.projectId}.`);
    }
    if (parent.target_id === target.target_id || parent.parent_target_id !== null || parent.platform !== target.platform) {
      throw invalid(
        `parent_target_id ${parent.target_id} must be a top-level ${target.platform} target other than the target itself.`,
      );
    }
  }

  private requireProject(projectId: string): ProjectStore {
    const store = this.projects.get(projectId);
    if (store === undefined) throw invalid(`unknown project ${describe(projectId)}; use addProject() first.`);
    return store;
  }

  private requireTarget(store: ProjectStore, targetId: string): StoredTarget {
    const target = store.get(targetId);
    if (target === undefined) throw invalid(`target ${describe(targetId)} not found in project ${store.projectId}.`);
    return target;
  }

  private findProjectOf(targetId: string): ProjectStore {
    for (const store of this.projects.values()) if (store.has(targetId)) return store;
    throw invalid(`target ${describe(targetId)} not found in any project.`);
  }

  private stamp(projectId: string) {
    // Strictly increasing, so no two events of this gateway share an emitted_at.
    this.lastEmittedAt = Math.max(Date.now(), this.lastEmittedAt + 1);
    return { event_id: randomUUID(), emitted_at: this.lastEmittedAt, project_id: projectId };
  }

  private publish(projectId: string, eventName: TargetEventName, payload: TargetEventPayload): void {
    this.counters.eventsEmitted += 1;
    // Draw every fault decision on every event, so the sequence depends only on the seed and the event count.
    const duplicateDraw = this.faultRandom.next();
    const delayDraw = this.faultRandom.next();
    const delayMs = this.faultRandom.int(1, this.faults.maxDelayMs);
    const dropDraw = this.faultRandom.next();
    const malformedDraw = this.faultRandom.next();

    const drop = this.takeScripted('drops') || dropDraw < this.faults.dropConnectionRate;
    const malformed = this.takeScripted('malformed') || malformedDraw < this.faults.malformedRate;
    const duplicate = this.takeScripted('duplicates') || duplicateDraw < this.faults.duplicateRate;
    const scriptedDelay = this.scripted.delays.shift();
    const delay = scriptedDelay ?? (delayDraw < this.faults.delayRate ? delayMs : 0);

    if (drop) this.dropOneSubscriber(projectId);
    if (malformed) {
      const stamp = this.stamp(projectId);
      const copy = malformedCopy(payload, stamp, this.faultRandom);
      this.counters.malformed += 1;
      this.deliver(targetsRoom(projectId), eventName, copy.payload);
    }
    const send = () => {
      this.deliver(targetsRoom(projectId), eventName, payload);
      if (duplicate) {
        this.counters.duplicated += 1;
        this.deliver(targetsRoom(projectId), eventName, payload);
      }
    };
    if (delay > 0) {
      this.counters.delayed += 1;
      const timer = setTimeout(() => {
        this.pendingDeliveries.delete(timer);
        send();
      }, delay);
      this.pendingDeliveries.add(timer);
    } else {
      send();
    }
  }

  private takeScripted(kind: 'duplicates' | 'malformed' | 'drops'): boolean {
    if (this.scripted[kind] === 0) return false;
    this.scripted[kind] -= 1;
    return true;
  }

  private deliver(room: string, eventName: string, payload: unknown): void {
    this.counters.deliveries += 1;
    this.nsp?.to(room).emit(eventName, payload);
  }

  private dropOneSubscriber(projectId: string): void {
    const ids = [...(this.nsp?.adapter.rooms.get(targetsRoom(projectId)) ?? [])];
    if (ids.length === 0) return;
    const socket = this.nsp?.sockets.get(this.faultRandom.pick(ids));
    if (socket === undefined) return;
    this.counters.dropped += 1;
    this.log.info(`fault: dropping the connection of socket ${socket.id} (project ${projectId})`);
    socket.conn.close();
  }

  private runActivity(): void {
    const now = Date.now();
    this.activityBudget += (this.rate * (now - this.activityTickAt)) / 1000;
    this.activityTickAt = now;
    const store = this.projects.get(this.projectId) as ProjectStore;
    // A stalled event loop must not turn into an unbounded burst.
    let steps = Math.min(Math.floor(this.activityBudget), Math.max(1, this.rate));
    this.activityBudget -= Math.floor(this.activityBudget);
    while (steps > 0) {
      steps -= 1;
      try {
        generateChange({
          store,
          random: this.activityRandom,
          targetSize: Math.max(1, this.targetSize),
          add: (target) => this.commit(this.projectId, { kind: 'add', target }),
          update: (targetId, patch) => this.commit(this.projectId, { kind: 'update', targetId, patch }),
          remove: (targetId) => this.commit(this.projectId, { kind: 'remove', targetId }),
        });
      } catch (error) {
        this.log.warn(`activity: generated change failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  listTargets(options: ProjectOption = {}): TargetSnapshot[] {
    return this.requireProject(options.projectId ?? this.projectId)
      .all()
      .map((target) => toSnapshot(target));
  }

  getTarget(targetId: string): TargetSnapshot | undefined {
    for (const store of this.projects.values()) {
      const target = store.get(targetId);
      if (target !== undefined) return toSnapshot(target);
    }
    return undefined;
  }

  addTarget(input: NewTarget, options: ProjectOption = {}): TargetSnapshot {
    const store = this.requireProject(options.projectId ?? this.projectId);
    if (typeof input !== 'object' || input === null) throw invalid(`addTarget expects an object, got ${describe(input)}.`);
    for (const [field, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const problem = checkField(field, value);
      if (problem !== undefined) throw invalid(`addTarget: "${field}" ${problem}, got ${describe(value)}.`);
    }
    if (input.platform === undefined || input.kind === undefined) {
      throw invalid('addTarget needs "platform" and "kind", e.g. { platform: "discord", kind: "guild" }.');
    }

    const targetId = input.target_id ?? this.dataRandom.uuid();
    if (this.getTarget(targetId) !== undefined) throw invalid(`target_id ${targetId} is already used.`);
    const externalId =
      input.external_id ??
      (input.platform === 'discord' ? newSnowflake(this.dataRandom, store) : newTelegramChatId(this.dataRandom, store));
    if (store.hasExternalId(input.platform, externalId)) {
      throw invalid(`external_id ${externalId} is already used by another ${input.platform} target.`);
    }

    const target: StoredTarget = {
      target_id: targetId,
      target_name: input.target_name ?? `${input.kind} ${externalId.slice(-4)}`,
      platform: input.platform,
      kind: input.kind,
      external_id: externalId,
      is_enabled: input.is_enabled ?? true,
      parent_target_id: input.parent_target_id ?? null,
      plan_count: input.plan_count ?? 0,
      participant_count: input.participant_count ?? 0,
    };
    this.checkParent(store, target);

    this.commit(store.projectId, { kind: 'add', target });
    return toSnapshot(target);
  }

  updateTarget(targetId: string, patch: TargetPatch): TargetSnapshot {
    const result = readPatch(patch, API_PATCH_FIELDS);
    if (!result.ok) throw invalid(`updateTarget(${describe(targetId)}): ${result.problem.message}`);
    const store = this.findProjectOf(targetId);
    const [target] = this.commit(store.projectId, { kind: 'update', targetId, patch: result.patch });
    return toSnapshot(target as StoredTarget);
  }

  removeTarget(targetId: string): TargetSnapshot[] {
    const store = this.findProjectOf(targetId);
    return this.commit(store.projectId, { kind: 'remove', targetId }).map((target) => toSnapshot(target));
  }

  setRate(eventsPerSecond: number): void {
    if (typeof eventsPerSecond !== 'number' || !Number.isFinite(eventsPerSecond) || eventsPerSecond < 0) {
      throw invalid(`rate must be a non-negative number of events per second, got ${describe(eventsPerSecond)}.`);
    }
    this.rate = eventsPerSecond;
    if (this.activityTimer !== undefined) clearInterval(this.activityTimer);
    this.activityTimer = undefined;
    if (eventsPerSecond === 0 || this.closed) return;
    this.activityBudget = 0;
    this.activityTickAt = Date.now();
    const tickMs = Math.min(200, Math.max(10, Math.floor(1000 / eventsPerSecond)));
    this.activityTimer = setInterval(() => this.runActivity(), tickMs);
  }

  setFaults(faults: GatewayFaults): void {
    this.faults = resolveFaults(faults);
  }

  duplicateNext(): void {
    this.scripted.duplicates += 1;
  }

  delayNext(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 1) throw invalid(`delayNext needs a positive integer of ms, got ${describe(ms)}.`);
    this.scripted.delays.push(ms);
  }

  malformedNext(): void {
    this.scripted.malformed += 1;
  }

  dropNext(): void {
    this.scripted.drops += 1;
  }

  emitRaw(eventName: string, payload: unknown, options: ProjectOption = {}): void {
    if (typeof eventName !== 'string' || eventName.length === 0) {
      throw invalid(`emitRaw needs a non-empty event name, got ${describe(eventName)}.`);
    }
    const projectId = this.requireProject(options.projectId ?? this.projectId).projectId;
    const room = eventName === MESSAGE_EVENT ? projectRoom(projectId) : targetsRoom(projectId);
    this.deliver(room, eventName, payload);
  }

  async disconnectAll(mode: 'transport' | 'server' = 'transport'): Promise<void> {
    const sockets = [...(this.nsp?.sockets.values() ?? [])];
    this.log.info(`disconnecting ${sockets.length} socket(s) (${mode})`);
    for (const socket of sockets) {
      if (mode === 'server') socket.disconnect(true);
      else socket.conn.close();
    }
    await Promise.resolve();
  }

  async restart(options: { readonly downtimeMs?: number } = {}): Promise<void> {
    if (this.closed) throw invalid('restart() was called after close().');
    const downtimeMs = readCount('downtimeMs', options.downtimeMs, 0);
    this.log.info(`restarting on port ${this.port}`);
    await this.shutdownServers();
    if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
    if (this.closed) return;
    await this.listen();
    this.log.info(`restarted on port ${this.port}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.setRate(0);
    for (const timer of this.pendingDeliveries) clearTimeout(timer);
    this.pendingDeliveries.clear();
    await this.shutdownServers();
    this.log.info('closed');
  }

  stats(): GatewayStats {
    let subscribers = 0;
    for (const projectId of this.projects.keys()) {
      subscribers += this.nsp?.adapter.rooms.get(targetsRoom(projectId))?.size ?? 0;
    }
    return {
      connections: this.nsp?.sockets.size ?? 0,
      subscribers,
      eventsEmitted: this.counters.eventsEmitted,
      deliveries: this.counters.deliveries,
      targets: this.projects.get(this.projectId)?.size ?? 0,
      faults: {
        duplicated: this.counters.duplicated,
        delayed: this.counters.delayed,
        dropped: this.counters.dropped,
        malformed: this.counters.malformed,
      },
    };
  }

  addProject(options: AddProjectOptions = {}): { projectId: string; token: string } {
    this.projectSerial += 1;
    const projectId = options.projectId ?? this.extraProjectRandom.uuid();
    if (this.projects.has(projectId)) throw invalid(`project ${projectId} already exists.`);
    const token = options.token ?? makeDevToken(this.seed, projectId, this.projectSerial);
    const store = new ProjectStore(projectId);
    seedProject(this.extraProjectRandom, store, readCount('targets', options.targets, 0));
    this.projects.set(projectId, store);
    this.tokens.addProject(projectId, token);
    return { projectId, token };
  }
}

/**
 * Starts a gateway simulator: one HTTP server on one port that serves the
 * Socket.IO live-updates namespace and the targets REST API, with a seeded
 * project, an optional activity generator and fault injection.
 *
 * @example
 * ```ts
 * import { startGateway } from '@livetargets/gateway-sim';
 * import { io } from 'socket.io-client';
 *
 * const gateway = await startGateway({ port: 0, targets: 200, rate: 5 });
 * const socket = io(gateway.url, {
 *   path: '/v2/live-updates/socket.io/',
 *   auth: { token: gateway.token, project_id: gateway.projectId },
 * });
 * socket.on('message', (message) => {
 *   if (message.type === 'ready') socket.emit('message', { action: 'subscribe', channel: 'targets' });
 * });
 * socket.on('target.updated', (event) => console.log(event.target.target_name));
 * // ...
 * socket.close();
 * await gateway.close();
 * ```
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<Gateway> {
  const gateway = new GatewaySimulator(options);
  try {
    await gateway.listen();
  } catch (error) {
    await gateway.close();
    throw error;
  }
  return gateway;
}
