import {
  MESSAGE_EVENT,
  SYSTEM_ERROR_CODES,
  TARGETS_CHANNEL,
  type ClientAction,
  type SystemMessage,
} from '@livetargets/core';
import type { Namespace, Server, Socket } from 'socket.io';
import type { TokenRegistry } from './auth';
import type { GatewayLogger } from './types';
import { describe } from './validation';

/** Room of a project's sockets subscribed to `targets`. */
export const targetsRoom = (projectId: string) => `targets:${projectId}`;

/** Room of all of a project's sockets. */
export const projectRoom = (projectId: string) => `project:${projectId}`;

/** Per-socket data set by the auth middleware. */
export interface SocketData {
  projectId: string;
}

const KNOWN_ACTIONS: readonly ClientAction['action'][] = ['subscribe', 'unsubscribe', 'ping'];

/** Handshake error the client receives as `connect_error`. */
class HandshakeError extends Error {
  readonly data: { code: 'unauthorized'; reason: string };

  constructor(message: string, reason: string) {
    super(message);
    this.data = { code: 'unauthorized', reason };
  }
}

/**
 * Installs the handshake check and the action handlers on the live-updates
 * namespace, and rejects connections to the main namespace with a message
 * that names the right one.
 */
export function attachNamespace(io: Server, nsp: Namespace, tokens: TokenRegistry, log: GatewayLogger): void {
  io.of('/').use((_socket, next) => {
    next(new Error(`unknown namespace "/"; connect to ${nsp.name}`));
  });

  nsp.use((socket, next) => {
    const result = tokens.check(socket.handshake.auth);
    if (!result.ok) {
      log.warn(`handshake rejected: ${result.reason} (socket ${socket.id}, ${transportOf(socket)})`);
      next(new HandshakeError(`unauthorized: ${result.message}`, result.reason));
      return;
    }
    (socket.data as SocketData).projectId = result.projectId;
    next();
  });

  nsp.on('connection', (socket) => {
    const projectId = (socket.data as SocketData).projectId;
    void socket.join(projectRoom(projectId));
    log.info(`connected: socket ${socket.id}, project ${projectId}, ${transportOf(socket)}`);
    send(socket, { type: 'ready' });

    socket.on(MESSAGE_EVENT, (action: unknown) => {
      try {
        handleAction(socket, projectId, action, log);
      } catch (error) {
        log.warn(`action failed on socket ${socket.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    socket.onAny((eventName: unknown) => {
      if (eventName !== MESSAGE_EVENT) log.warn(`ignored event ${describe(eventName)} from socket ${socket.id}`);
    });
    socket.on('disconnect', (reason) => {
      log.info(`disconnected: socket ${socket.id}, project ${projectId} (${reason})`);
    });
  });
}

function transportOf(socket: Socket): string {
  return socket.conn.transport.name;
}

function send(socket: Socket, message: SystemMessage): void {
  socket.emit(MESSAGE_EVENT, message);
}

function sendError(socket: Socket, log: GatewayLogger, code: string, message: string, channel?: string): void {
  log.warn(`action rejected on socket ${socket.id}: ${code}: ${message}`);
  send(socket, channel === undefined ? { type: 'error', code, message } : { type: 'error', code, message, channel });
}

function handleAction(socket: Socket, projectId: string, value: unknown, log: GatewayLogger): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    sendError(
      socket,
      log,
      SYSTEM_ERROR_CODES.invalidMessage,
      `expected an action object such as { "action": "subscribe", "channel": "${TARGETS_CHANNEL}" }, got ${describe(value)}`,
    );
    return;
  }
  const { action, channel } = value as Record<string, unknown>;
  if (typeof action !== 'string') {
    sendError(socket, log, SYSTEM_ERROR_CODES.invalidMessage, `missing or non-string "action", got ${describe(action)}`);
    return;
  }
  if (!(KNOWN_ACTIONS as readonly string[]).includes(action)) {
    sendError(
      socket,
      log,
      SYSTEM_ERROR_CODES.unknownAction,
      `unknown action ${describe(action)}; expected one of ${KNOWN_ACTIONS.join(', ')}`,
    );
    return;
  }
  if (action === 'ping') {
    send(socket, { type: 'pong' });
    return;
  }
  if (typeof channel !== 'string') {
    sendError(socket, log, SYSTEM_ERROR_CODES.invalidMessage, `"${action}" needs a string "channel", got ${describe(channel)}`);
    return;
  }
  if (channel !== TARGETS_CHANNEL) {
    sendError(
      socket,
      log,
      SYSTEM_ERROR_CODES.unknownChannel,
      `unknown channel ${describe(channel)}; this gateway serves "${TARGETS_CHANNEL}"`,
      channel,
    );
    return;
  }
  if (action === 'subscribe') {
    void socket.join(targetsRoom(projectId));
    log.info(`subscribed: socket ${socket.id} to ${channel} (project ${projectId})`);
    send(socket, { type: 'subscribed', channel });
  } else {
    void socket.leave(targetsRoom(projectId));
    log.info(`unsubscribed: socket ${socket.id} from ${channel} (project ${projectId})`);
    send(socket, { type: 'unsubscribed', channel });
  }
}
