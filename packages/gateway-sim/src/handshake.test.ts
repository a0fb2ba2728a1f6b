import { GATEWAY_SOCKET_PATH, MAX_PACKET_BYTES, MESSAGE_EVENT, SYSTEM_ERROR_CODES } from '@livetargets/core';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from './index';
import { SocketPool, sleep } from './test-support';
import type { Gateway } from './types';

let gateway: Gateway | undefined;
const pool = new SocketPool();

afterEach(async () => {
  pool.closeAll();
  await gateway?.close();
  gateway = undefined;
});

function connectError(socket: ReturnType<SocketPool['open']>['socket']): Promise<Error & { data?: unknown }> {
  return new Promise((resolve) => socket.once('connect_error', resolve));
}

describe('handshake', () => {
  it('sends ready after connect', async () => {
    gateway = await startGateway({ port: 0 });
    const { socket, inbox } = pool.open(gateway);
    const ready = await inbox.waitForMessage('ready');
    expect(ready.payload).toEqual({ type: 'ready' });
    expect(socket.connected).toBe(true);
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}/v2/live-updates`);
    expect(gateway.apiUrl).toBe(`http://127.0.0.1:${gateway.port}`);
  });

  it('works over polling too', async () => {
    gateway = await startGateway({ port: 0 });
    const { inbox } = pool.open(gateway, { transports: ['polling'] });
    expect((await inbox.waitForMessage('ready')).payload).toEqual({ type: 'ready' });
  });

  it('rejects a bad token', async () => {
    gateway = await startGateway({ port: 0 });
    const { socket, inbox } = pool.open(gateway, { auth: { token: 'a.b.c', project_id: gateway.projectId } });
    const error = await connectError(socket);
    expect(error.message).toMatch(/unauthorized: invalid or expired token/);
    expect(error.data).toEqual({ code: 'unauthorized', reason: 'invalid_token' });
    expect(inbox.messages('ready')).toHaveLength(0);
    expect(socket.active).toBe(false);
  });

  it('rejects a token that is not a JWT', async () => {
    gateway = await startGateway({ port: 0 });
    const { socket } = pool.open(gateway, { auth: { token: 'bs_live_apikey', project_id: gateway.projectId } });
    const error = await connectError(socket);
    expect(error.message).toMatch(/not a user JWT/);
  });

  it('rejects an unknown project', async () => {
    gateway = await startGateway({ port: 0 });
    const projectId = '00000000-0000-4000-8000-000000000000';
    const { socket } = pool.open(gateway, { auth: { token: gateway.token, project_id: projectId } });
    const error = await connectError(socket);
    expect(error.message).toContain(`unknown project "${projectId}"`);
    expect(error.data).toEqual({ code: 'unauthorized', reason: 'unknown_project' });
  });

  it("rejects another project's id", async () => {
    gateway = await startGateway({ port: 0 });
    const other = gateway.addProject();
    const { socket } = pool.open(gateway, { auth: { token: gateway.token, project_id: other.projectId } });
    const error = await connectError(socket);
    expect(error.data).toEqual({ code: 'unauthorized', reason: 'forbidden_project' });
  });

  it('rejects a missing auth object', async () => {
    gateway = await startGateway({ port: 0 });
    const { socket } = pool.open(gateway, { auth: {} });
    const error = await connectError(socket);
    expect(error.message).toMatch(/missing auth.token/);
  });

  it('never puts the token in the error', async () => {
    gateway = await startGateway({ port: 0 });
    const secret = 'secret-header.secret-payload.secret-signature';
    const { socket } = pool.open(gateway, { auth: { token: secret, project_id: gateway.projectId } });
    const error = await connectError(socket);
    expect(`${error.message} ${JSON.stringify(error.data)}`).not.toContain('secret');
  });

  it('rejects the main namespace', async () => {
    gateway = await startGateway({ port: 0 });
    const socket = io(gateway.apiUrl, { path: GATEWAY_SOCKET_PATH, transports: ['websocket'], forceNew: true });
    try {
      const error = await connectError(socket);
      expect(error.message).toContain('connect to /v2/live-updates');
    } finally {
      socket.close();
    }
  });
});

describe('packet cap', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`drops a 5 KB handshake over ${transport}`, async () => {
      gateway = await startGateway({ port: 0 });
      const padding = 'x'.repeat(5 * 1024);
      const { socket, inbox } = pool.open(gateway, {
        transports: [transport],
        reconnection: false,
        auth: { token: gateway.token, project_id: gateway.projectId, padding },
      });
      const closed = new Promise<string>((resolve) => socket.io.once('close', resolve));
      expect(await closed).toMatch(/transport (close|error)/);
      await sleep(100);
      expect(inbox.messages('ready')).toHaveLength(0);
      expect(socket.connected).toBe(false);
      expect(gateway.stats().connections).toBe(0);
    });
  }

  it('accepts a handshake just under the cap', async () => {
    gateway = await startGateway({ port: 0 });
    const padding = 'x'.repeat(MAX_PACKET_BYTES - 600);
    const { inbox } = pool.open(gateway, { auth: { token: gateway.token, project_id: gateway.projectId, padding } });
    expect((await inbox.waitForMessage('ready')).payload.type).toBe('ready');
  });

  it('drops an oversized action after ready', async () => {
    gateway = await startGateway({ port: 0 });
    const { socket, inbox } = pool.open(gateway, { reconnection: false });
    await inbox.waitForMessage('ready');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit(MESSAGE_EVENT, { action: 'subscribe', channel: 'x'.repeat(5000) });
    expect(await disconnected).toBe('transport close');
    expect(inbox.messages('error').filter((m) => m.payload.code === SYSTEM_ERROR_CODES.unknownChannel)).toHaveLength(0);
  });
});
