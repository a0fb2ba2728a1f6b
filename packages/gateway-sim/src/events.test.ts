import { parseTargetEvent, type TargetSnapshot } from '@livetargets/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from './index';
import { SocketPool, type Received } from './test-support';
import type { Gateway } from './types';

const ENVELOPE_KEYS = ['channel', 'emitted_at', 'event_id', 'platform', 'project_id'];
const SNAPSHOT_KEYS = [
  'external_id',
  'is_enabled',
  'kind',
  'parent_target_id',
  'participant_count',
  'plan_count',
  'platform',
  'target_id',
  'target_name',
];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let gateway: Gateway | undefined;
const pool = new SocketPool();

afterEach(async () => {
  pool.closeAll();
  await gateway?.close();
  gateway = undefined;
});

function keys(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

function expectValid(item: Received, projectId: string): void {
  const result = parseTargetEvent(item.event, item.payload, { projectId });
  expect(result.error?.message).toBeUndefined();
  expect(item.payload.event_id).toMatch(UUID_V4);
}

function findTelegram(gw: Gateway): TargetSnapshot {
  const target = gw.listTargets().find((t) => t.platform === 'telegram');
  if (target === undefined) throw new Error('the seeded project has no Telegram target');
  return target;
}

describe('target events', () => {
  it('sends target.added with a full snapshot', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { inbox } = await pool.subscribed(gateway);
    const added = gateway.addTarget({ platform: 'discord', kind: 'guild', target_name: 'Café ☕ مقهى' });

    const event = await inbox.waitFor((item) => item.event === 'target.added');
    expect(keys(event.payload)).toEqual([...ENVELOPE_KEYS, 'target'].sort());
    expect(keys(event.payload.target)).toEqual(SNAPSHOT_KEYS);
    expect(event.payload).toMatchObject({ channel: 'targets', project_id: gateway.projectId, platform: 'discord' });
    expect(event.payload.target).toEqual(added);
    expect(added.external_id).toMatch(/^\d{18,19}$/);
    expectValid(event, gateway.projectId);
  });

  it('sends target.removed without a snapshot', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { inbox } = await pool.subscribed(gateway);
    const target = findTelegram(gateway);
    gateway.removeTarget(target.target_id);

    const event = await inbox.waitFor((item) => item.event === 'target.removed');
    expect(keys(event.payload)).toEqual([...ENVELOPE_KEYS, 'external_id', 'kind', 'target_id'].sort());
    expect(event.payload).toMatchObject({
      platform: 'telegram',
      target_id: target.target_id,
      kind: target.kind,
      external_id: target.external_id,
    });
    expect(gateway.getTarget(target.target_id)).toBeUndefined();
    expectValid(event, gateway.projectId);
  });

  it('sends target.enabled and target.disabled', async () => {
    gateway = await startGateway({ port: 0, targets: 5, omitCountsRate: 0 });
    const { inbox } = await pool.subscribed(gateway);
    const target = findTelegram(gateway);
    const first = target.is_enabled ? 'target.disabled' : 'target.enabled';
    const second = target.is_enabled ? 'target.enabled' : 'target.disabled';

    gateway.updateTarget(target.target_id, { is_enabled: !target.is_enabled });
    gateway.updateTarget(target.target_id, { is_enabled: target.is_enabled });

    const a = await inbox.waitFor((item) => item.event === first);
    const b = await inbox.waitFor((item) => item.event === second);
    for (const event of [a, b]) {
      expect(keys(event.payload)).toEqual([...ENVELOPE_KEYS, 'target'].sort());
      expect(keys(event.payload.target)).toEqual(SNAPSHOT_KEYS);
      expectValid(event, gateway.projectId);
    }
    expect((a.payload.target as TargetSnapshot).is_enabled).toBe(!target.is_enabled);
    expect((b.payload.target as TargetSnapshot).is_enabled).toBe(target.is_enabled);
  });

  it('sends target.updated for metadata', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { inbox } = await pool.subscribed(gateway);
    const target = findTelegram(gateway);
    gateway.updateTarget(target.target_id, { participant_count: 12_345, plan_count: 3 });

    const event = await inbox.waitFor((item) => item.event === 'target.updated');
    expect(keys(event.payload.target)).toEqual(SNAPSHOT_KEYS);
    expect(event.payload.target).toEqual({ ...target, participant_count: 12_345, plan_count: 3 });
    expectValid(event, gateway.projectId);
  });

  it('sends nothing for a no-op', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const target = findTelegram(gateway);
    gateway.updateTarget(target.target_id, { is_enabled: target.is_enabled });
    gateway.updateTarget(target.target_id, { target_name: target.target_name, plan_count: target.plan_count ?? 0 });
    await inbox.flush(socket);
    expect(inbox.targetEvents()).toEqual([]);
    expect(gateway.stats().eventsEmitted).toBe(0);
  });

  it('sends only target.enabled for enable plus rename', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const target = gateway.addTarget({ platform: 'telegram', kind: 'group', is_enabled: false, target_name: 'Old' });
    gateway.updateTarget(target.target_id, { is_enabled: true, target_name: 'New name' });
    await inbox.flush(socket);

    const events = inbox.targetEvents();
    expect(events.map((item) => item.event)).toEqual(['target.added', 'target.enabled']);
    expect(events[1]?.payload.target).toMatchObject({ is_enabled: true, target_name: 'New name' });
  });

  it('removes the children of a removed guild first', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const guild = gateway.addTarget({ platform: 'discord', kind: 'guild' });
    const channel = gateway.addTarget({ platform: 'discord', kind: 'channel', parent_target_id: guild.target_id });
    const role = gateway.addTarget({ platform: 'discord', kind: 'role', parent_target_id: guild.target_id });

    const removed = gateway.removeTarget(guild.target_id);
    await inbox.flush(socket);
    expect(removed.map((t) => t.target_id)).toEqual([channel.target_id, role.target_id, guild.target_id]);
    const removals = inbox.targetEvents().filter((item) => item.event === 'target.removed');
    expect(removals.map((item) => item.payload.target_id)).toEqual([channel.target_id, role.target_id, guild.target_id]);
    expect(gateway.listTargets().some((t) => t.parent_target_id === guild.target_id)).toBe(false);
  });

  it('stamps strictly increasing emitted_at', async () => {
    gateway = await startGateway({ port: 0, targets: 20 });
    const { socket, inbox } = await pool.subscribed(gateway);
    for (const target of gateway.listTargets()) gateway.updateTarget(target.target_id, { target_name: `${target.target_name}!` });
    await inbox.flush(socket);

    const times = inbox.targetEvents().map((item) => item.payload.emitted_at as number);
    expect(times).toHaveLength(20);
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    expect(new Set(inbox.targetEvents().map((item) => item.payload.event_id)).size).toBe(20);
  });

  it('omits counts from some enable snapshots', async () => {
    gateway = await startGateway({ port: 0, targets: 5, omitCountsRate: 0.5 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const target = findTelegram(gateway);
    for (let i = 0; i < 40; i += 1) gateway.updateTarget(target.target_id, { is_enabled: i % 2 === 0 ? !target.is_enabled : target.is_enabled });
    await inbox.flush(socket);

    const shapes = inbox.targetEvents().map((item) => keys(item.payload.target).length);
    expect(shapes).toHaveLength(40);
    expect(shapes.filter((count) => count === SNAPSHOT_KEYS.length - 2).length).toBeGreaterThan(0);
    expect(shapes.filter((count) => count === SNAPSHOT_KEYS.length).length).toBeGreaterThan(0);
    expect(shapes.every((count) => count === SNAPSHOT_KEYS.length || count === SNAPSHOT_KEYS.length - 2)).toBe(true);
  });

  it('isolates projects', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const other = gateway.addProject({ targets: 3 });
    const mine = await pool.subscribed(gateway);
    const theirs = await pool.subscribed({ url: gateway.url, ...other });

    const a = gateway.addTarget({ platform: 'telegram', kind: 'channel' });
    const b = gateway.addTarget({ platform: 'telegram', kind: 'channel' }, { projectId: other.projectId });
    await mine.inbox.flush(mine.socket);
    await theirs.inbox.flush(theirs.socket);

    expect(mine.inbox.targetEvents().map((item) => (item.payload.target as TargetSnapshot).target_id)).toEqual([a.target_id]);
    expect(theirs.inbox.targetEvents().map((item) => (item.payload.target as TargetSnapshot).target_id)).toEqual([b.target_id]);
    expect(theirs.inbox.targetEvents()[0]?.payload.project_id).toBe(other.projectId);
    expect(gateway.listTargets({ projectId: other.projectId })).toHaveLength(4);
  });

  it('rejects invalid API input', async () => {
    gateway = await startGateway({ port: 0, targets: 5 });
    const telegram = findTelegram(gateway);
    expect(() => gateway?.updateTarget(telegram.target_id, { is_enabled: 'yes' as unknown as boolean })).toThrow(/is_enabled/);
    expect(() => gateway?.updateTarget('missing', { is_enabled: true })).toThrow(/not found/);
    expect(() => gateway?.addTarget({ platform: 'discord', kind: 'channel', parent_target_id: telegram.target_id })).toThrow(
      /parent_target_id/,
    );
    expect(() => gateway?.addTarget({ platform: 'telegram', kind: 'group', external_id: telegram.external_id })).toThrow(
      /already used/,
    );
    expect(gateway.stats().eventsEmitted).toBe(0);
  });
});
