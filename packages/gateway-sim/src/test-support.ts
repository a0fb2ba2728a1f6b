import { GATEWAY_SOCKET_PATH, MESSAGE_EVENT, TARGETS_CHANNEL, targetsPath } from '@livetargets/core';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Gateway } from './types';

/** One event a test socket received. */
export interface Received {
  readonly event: string;
  readonly payload: Record<string, unknown>;
}

/** Collects everything a socket receives and lets a test wait for a matching item. */
export class Inbox {
  readonly items: Received[] = [];
  private readonly waiters: { match: (item: Received) => boolean; resolve: (item: Received) => void }[] = [];

  constructor(socket: Socket) {
    socket.onAny((event: string, payload: Record<string, unknown>) => {
      const item = { event, payload };
      this.items.push(item);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(item)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(item);
        }
      }
    });
  }

  /** Items whose event name is a target event. */
  targetEvents(): Received[] {
    return this.items.filter((item) => item.event.startsWith('target.'));
  }

  /** System messages of one type. */
  messages(type: string): Received[] {
    return this.items.filter((item) => item.event === MESSAGE_EVENT && item.payload.type === type);
  }

  /** Resolves with the first item, received from `from` on, that matches. */
  waitFor(match: (item: Received) => boolean, from = 0, timeoutMs = 4000): Promise<Received> {
    const existing = this.items.slice(from).find(match);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (item: Received) => (clearTimeout(timer), resolve(item)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a matching event; got ${this.items.map((i) => i.event).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for the system message of `type` received from `from` on. */
  waitForMessage(type: string, from = 0, timeoutMs?: number): Promise<Received> {
    return this.waitFor((item) => item.event === MESSAGE_EVENT && item.payload.type === type, from, timeoutMs);
  }

  /** Sends a ping and waits for its pong; every event emitted before the ping has arrived by then. */
  async flush(socket: Socket): Promise<void> {
    const from = this.items.length;
    socket.emit(MESSAGE_EVENT, { action: 'ping' });
    await this.waitForMessage('pong', from);
  }
}

/** Opens test sockets and closes them all in `afterEach`. */
export class SocketPool {
  private readonly sockets: Socket[] = [];

  open(
    gateway: Pick<Gateway, 'url' | 'token' | 'projectId'>,
    options: Partial<ManagerOptions & SocketOptions> = {},
  ): { socket: Socket; inbox: Inbox } {
    const socket = io(gateway.url, {
      path: GATEWAY_SOCKET_PATH,
      transports: ['websocket'],
      auth: { token: gateway.token, project_id: gateway.projectId },
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
      ...options,
    });
    this.sockets.push(socket);
    return { socket, inbox: new Inbox(socket) };
  }

  /** Opens a socket, waits for `ready` and subscribes to `targets`. */
  async subscribed(
    gateway: Pick<Gateway, 'url' | 'token' | 'projectId'>,
    options: Partial<ManagerOptions & SocketOptions> = {},
  ): Promise<{ socket: Socket; inbox: Inbox }> {
    const opened = this.open(gateway, options);
    await opened.inbox.waitForMessage('ready');
    opened.socket.emit(MESSAGE_EVENT, { action: 'subscribe', channel: TARGETS_CHANNEL });
    await opened.inbox.waitForMessage('subscribed');
    return opened;
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }
}

/** Calls the REST API of `gateway` with its token unless `token` is given. */
export async function rest(
  gateway: Pick<Gateway, 'apiUrl' | 'token' | 'projectId'>,
  path: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown> | undefined; headers: Headers }> {
  const { token = gateway.token, ...rest } = init;
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`${gateway.apiUrl}${path}`, { ...rest, headers });
  const text = await response.text();
  return {
    status: response.status,
    body: text.length === 0 ? undefined : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
}

/** Reads the whole REST list page by page. */
export async function readAllTargets(
  gateway: Pick<Gateway, 'apiUrl' | 'token' | 'projectId'>,
  limit = 1000,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += limit) {
    const { body } = await rest(gateway, `${targetsPath(gateway.projectId)}?limit=${limit}&offset=${offset}`);
    const data = (body?.data ?? []) as Record<string, unknown>[];
    all.push(...data);
    if (data.length < limit) return all;
  }
}

/** Resolves after `ms` milliseconds of real time. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
