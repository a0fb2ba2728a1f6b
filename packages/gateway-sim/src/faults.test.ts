import { MESSAGE_EVENT, parseTargetEvent, TARGETS_CHANNEL, targetsPath, type TargetSnapshot } from '@livetargets/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway } from './index';
import { rest, SocketPool, sleep } from './test-support';
import type { Gateway } from './types';

let gateway: Gateway | undefined;
const pool = new SocketPool();

afterEach(async () => {
  pool.closeAll();
  await gateway?.close();
  gateway = undefined;
});

function firstTarget(gw: Gateway): TargetSnapshot {
  return gw.listTargets()[0] as TargetSnapshot;
}

describe('scripted faults', () => {
  it('duplicateNext repeats the event_id', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    gateway.duplicateNext();
    gateway.updateTarget(firstTarget(gateway).target_id, { target_name: 'Twice' });
    gateway.updateTarget(firstTarget(gateway).target_id, { target_name: 'Once' });
    await inbox.flush(socket);

    const ids = inbox.targetEvents().map((item) => item.payload.event_id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(gateway.stats().faults.duplicated).toBe(1);
  });

  it('delayNext reorders events', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { inbox } = await pool.subscribed(gateway);
    const id = firstTarget(gateway).target_id;
    gateway.delayNext(150);
    gateway.updateTarget(id, { target_name: 'First' });
    gateway.updateTarget(id, { target_name: 'Second' });
    await inbox.waitFor((item) => (item.payload.target as TargetSnapshot | undefined)?.target_name === 'First');

    const names = inbox.targetEvents().map((item) => (item.payload.target as TargetSnapshot).target_name);
    expect(names).toEqual(['Second', 'First']);
    const [second, first] = inbox.targetEvents().map((item) => item.payload.emitted_at as number);
    expect(first).toBeLessThan(second as number);
  });

  it('malformedNext sends a broken copy first', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    gateway.malformedNext();
    gateway.updateTarget(firstTarget(gateway).target_id, { target_name: 'Real' });
    await inbox.flush(socket);

    const [broken, real] = inbox.targetEvents();
    expect(inbox.targetEvents()).toHaveLength(2);
    expect(parseTargetEvent(broken?.event ?? '', broken?.payload, { projectId: gateway.projectId }).ok).toBe(false);
    expect(parseTargetEvent(real?.event ?? '', real?.payload, { projectId: gateway.projectId }).ok).toBe(true);
    expect(broken?.payload.event_id).not.toBe(real?.payload.event_id);
  });

  it('dropNext disconnects a subscriber that reconnects', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    gateway.dropNext();
    gateway.updateTarget(firstTarget(gateway).target_id, { target_name: 'Missed' });

    expect(await disconnected).toBe('transport close');
    await inbox.waitForMessage('ready', 2);
    expect(inbox.messages('ready')).toHaveLength(2);
    expect(inbox.targetEvents()).toHaveLength(0);
    expect(gateway.stats().faults.dropped).toBe(1);
  });

  it('emitRaw sends any payload', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    gateway.emitRaw('target.updated', { anything: 1 });
    gateway.emitRaw('target.future', 'text');
    gateway.emitRaw(MESSAGE_EVENT, { type: 'maintenance' });
    await inbox.flush(socket);
    expect(inbox.items.slice(2, 5).map((item) => [item.event, item.payload])).toEqual([
      ['target.updated', { anything: 1 }],
      ['target.future', 'text'],
      [MESSAGE_EVENT, { type: 'maintenance' }],
    ]);
  });
});

describe('fault rates', () => {
  it('duplicateRate 1 doubles every event', async () => {
    gateway = await startGateway({ port: 0, targets: 5, faults: { duplicateRate: 1 } });
    const { socket, inbox } = await pool.subscribed(gateway);
    for (const target of gateway.listTargets()) gateway.updateTarget(target.target_id, { plan_count: 99 });
    await inbox.flush(socket);
    const ids = inbox.targetEvents().map((item) => item.payload.event_id as string);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(5);
  });

  it('delayRate reorders and still delivers all', async () => {
    gateway = await startGateway({ port: 0, targets: 30, seed: 3, faults: { delayRate: 0.5, maxDelayMs: 80 } });
    const { inbox } = await pool.subscribed(gateway);
    for (const target of gateway.listTargets()) gateway.updateTarget(target.target_id, { participant_count: 7 });
    await vi.waitFor(() => expect(inbox.targetEvents()).toHaveLength(30), { timeout: 4000 });
    const times = inbox.targetEvents().map((item) => item.payload.emitted_at as number);
    expect(times).not.toEqual([...times].sort((a, b) => a - b));
    expect(gateway.stats().faults.delayed).toBeGreaterThan(0);
  });

  it('dropConnectionRate disconnects subscribers', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    gateway.setFaults({ dropConnectionRate: 1 });
    gateway.updateTarget(firstTarget(gateway).target_id, { plan_count: 42 });
    await inbox.waitForMessage('ready', 2);
    gateway.setFaults({});
    expect(gateway.stats().faults.dropped).toBe(1);
    expect(socket.connected).toBe(true);
  });

  it('malformedRate sends payloads the schema rejects', async () => {
    gateway = await startGateway({ port: 0, targets: 20, faults: { malformedRate: 1 } });
    const { socket, inbox } = await pool.subscribed(gateway);
    for (const target of gateway.listTargets()) gateway.updateTarget(target.target_id, { plan_count: 50 });
    gateway.removeTarget(firstTarget(gateway).target_id);
    await inbox.flush(socket);
    const results = inbox.targetEvents().map((item) => parseTargetEvent(item.event, item.payload).ok);
    expect(results.filter((ok) => !ok).length).toBe(results.filter((ok) => ok).length);
    expect(results.length).toBeGreaterThanOrEqual(2 * 20);
  });

  it('rejects invalid fault settings', async () => {
    gateway = await startGateway({ port: 0, targets: 1 });
    expect(() => gateway?.setFaults({ duplicateRate: 2 })).toThrow(/duplicateRate/);
    expect(() => gateway?.setFaults({ dupRate: 1 } as never)).toThrow(/unknown fault "dupRate"/);
    expect(() => gateway?.setFaults({ maxDelayMs: 0 })).toThrow(/maxDelayMs/);
  });
});

describe('restart', () => {
  it('keeps state and the port', async () => {
    gateway = await startGateway({ port: 0, targets: 30 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const before = gateway.listTargets();
    const port = gateway.port;

    await gateway.restart({ downtimeMs: 100 });
    expect(gateway.port).toBe(port);
    await inbox.waitForMessage('ready', 2, 8000);
    expect(gateway.listTargets()).toEqual(before);
    const { body } = await rest(gateway, targetsPath(gateway.projectId));
    expect(body?.total).toBe(30);

    socket.emit(MESSAGE_EVENT, { action: 'subscribe', channel: TARGETS_CHANNEL });
    await inbox.waitFor((item) => item.payload.type === 'subscribed', 3);
    gateway.updateTarget(before[0]?.target_id ?? '', { target_name: 'After restart' });
    const event = await inbox.waitFor((item) => item.event === 'target.updated');
    expect((event.payload.target as TargetSnapshot).target_name).toBe('After restart');
  });

  it('forgets subscriptions of the old connection', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    await gateway.restart();
    await inbox.waitForMessage('ready', 2, 8000);
    gateway.updateTarget(firstTarget(gateway).target_id, { target_name: 'Unseen' });
    await inbox.flush(socket);
    expect(inbox.targetEvents()).toHaveLength(0);
  });

  it('disconnectAll makes clients reconnect', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const a = await pool.subscribed(gateway);
    const b = await pool.subscribed(gateway, { transports: ['polling'] });
    await gateway.disconnectAll();
    await a.inbox.waitForMessage('ready', 2);
    await b.inbox.waitForMessage('ready', 2, 8000);
    expect(gateway.stats().connections).toBe(2);
    expect(gateway.stats().subscribers).toBe(0);
  });

  it('disconnectAll server mode stops clients', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket } = await pool.subscribed(gateway);
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await gateway.disconnectAll('server');
    expect(await reason).toBe('io server disconnect');
    await sleep(300);
    expect(socket.connected).toBe(false);
  });
});
