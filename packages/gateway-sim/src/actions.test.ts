import { MESSAGE_EVENT, SYSTEM_ERROR_CODES, TARGETS_CHANNEL } from '@livetargets/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from './index';
import { SocketPool } from './test-support';
import type { Gateway } from './types';

let gateway: Gateway;
const pool = new SocketPool();

beforeEach(async () => {
  gateway = await startGateway({ port: 0, targets: 10 });
});

afterEach(async () => {
  pool.closeAll();
  await gateway.close();
});

describe('actions', () => {
  it('acknowledges subscribe and unsubscribe', async () => {
    const { socket, inbox } = pool.open(gateway);
    await inbox.waitForMessage('ready');

    socket.emit(MESSAGE_EVENT, { action: 'subscribe', channel: TARGETS_CHANNEL });
    expect((await inbox.waitForMessage('subscribed')).payload).toEqual({ type: 'subscribed', channel: 'targets' });
    expect(gateway.stats().subscribers).toBe(1);

    socket.emit(MESSAGE_EVENT, { action: 'unsubscribe', channel: TARGETS_CHANNEL });
    expect((await inbox.waitForMessage('unsubscribed')).payload).toEqual({ type: 'unsubscribed', channel: 'targets' });
    expect(gateway.stats().subscribers).toBe(0);
  });

  it('stops events after unsubscribe', async () => {
    const { socket, inbox } = await pool.subscribed(gateway);
    const first = gateway.listTargets()[0];
    gateway.updateTarget(first?.target_id ?? '', { target_name: 'Before unsubscribe' });
    await inbox.waitFor((item) => item.event === 'target.updated');

    socket.emit(MESSAGE_EVENT, { action: 'unsubscribe', channel: TARGETS_CHANNEL });
    await inbox.waitForMessage('unsubscribed');
    gateway.updateTarget(first?.target_id ?? '', { target_name: 'After unsubscribe' });
    await inbox.flush(socket);
    expect(inbox.targetEvents()).toHaveLength(1);
  });

  it('answers ping with pong', async () => {
    const { socket, inbox } = pool.open(gateway);
    await inbox.waitForMessage('ready');
    socket.emit(MESSAGE_EVENT, { action: 'ping' });
    expect((await inbox.waitForMessage('pong')).payload).toEqual({ type: 'pong' });
  });

  it('rejects an unknown channel', async () => {
    const { socket, inbox } = pool.open(gateway);
    await inbox.waitForMessage('ready');
    socket.emit(MESSAGE_EVENT, { action: 'subscribe', channel: 'payments' });
    const error = await inbox.waitForMessage('error');
    expect(error.payload).toMatchObject({ type: 'error', code: SYSTEM_ERROR_CODES.unknownChannel, channel: 'payments' });
    expect(error.payload.message).toMatch(/unknown channel "payments"/);
    expect(gateway.stats().subscribers).toBe(0);
  });

  it('rejects an unknown action', async () => {
    const { socket, inbox } = pool.open(gateway);
    await inbox.waitForMessage('ready');
    socket.emit(MESSAGE_EVENT, { action: 'replay', channel: TARGETS_CHANNEL });
    const error = await inbox.waitForMessage('error');
    expect(error.payload).toMatchObject({ type: 'error', code: SYSTEM_ERROR_CODES.unknownAction });
    expect(error.payload).not.toHaveProperty('channel');
  });

  it('rejects malformed actions and keeps serving', async () => {
    const { socket, inbox } = pool.open(gateway);
    await inbox.waitForMessage('ready');
    const malformed: unknown[] = [
      'subscribe',
      42,
      null,
      [1, 2],
      { channel: 'targets' },
      { action: 7 },
      { action: 'subscribe' },
      { action: 'subscribe', channel: ['targets'] },
    ];
    for (const value of malformed) socket.emit(MESSAGE_EVENT, value);
    socket.emit(MESSAGE_EVENT);
    socket.emit('subscribe', { channel: 'targets' });
    await inbox.flush(socket);

    const errors = inbox.messages('error');
    expect(errors).toHaveLength(malformed.length + 1);
    for (const error of errors) {
      expect(error.payload.code).toBe(SYSTEM_ERROR_CODES.invalidMessage);
      expect(typeof error.payload.message).toBe('string');
    }
    expect(socket.connected).toBe(true);
  });
});
