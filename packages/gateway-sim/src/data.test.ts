import { parseTargetSnapshot, type TargetSnapshot } from '@livetargets/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway } from './index';
import { Random } from './random';
import { seedProject } from './seed';
import { ProjectStore } from './store';
import { readAllTargets, SocketPool } from './test-support';
import type { Gateway } from './types';

let gateways: Gateway[] = [];
const pool = new SocketPool();

afterEach(async () => {
  pool.closeAll();
  await Promise.all(gateways.map((gateway) => gateway.close()));
  gateways = [];
});

async function start(options: Parameters<typeof startGateway>[0]): Promise<Gateway> {
  const gateway = await startGateway({ port: 0, ...options });
  gateways.push(gateway);
  return gateway;
}

describe('seed', () => {
  it('repeats with the same seed', async () => {
    const a = await start({ seed: 42, targets: 300 });
    const b = await start({ seed: 42, targets: 300 });
    const c = await start({ seed: 43, targets: 300 });
    expect(b.projectId).toBe(a.projectId);
    expect(b.token).toBe(a.token);
    expect(b.listTargets()).toEqual(a.listTargets());
    expect(c.projectId).not.toBe(a.projectId);
    expect(c.listTargets()).not.toEqual(a.listTargets());
  });

  it('builds valid, realistic targets', () => {
    const store = new ProjectStore('p');
    seedProject(new Random(7), store, 2000);
    const targets = store.all();
    expect(targets).toHaveLength(2000);

    for (const target of targets) expect(parseTargetSnapshot(target).ok).toBe(true);
    const byId = new Map(targets.map((t) => [t.target_id, t]));
    expect(byId.size).toBe(2000);
    expect(new Set(targets.map((t) => `${t.platform}:${t.external_id}`)).size).toBe(2000);

    const discord = targets.filter((t) => t.platform === 'discord');
    const telegram = targets.filter((t) => t.platform === 'telegram');
    expect(discord.every((t) => /^\d{18,19}$/.test(t.external_id))).toBe(true);
    expect(discord.some((t) => t.external_id.length === 18)).toBe(true);
    expect(discord.some((t) => t.external_id.length === 19)).toBe(true);
    expect(telegram.every((t) => /^-100\d{10}$/.test(t.external_id))).toBe(true);

    for (const child of targets.filter((t) => t.parent_target_id !== null)) {
      const parent = byId.get(child.parent_target_id as string);
      expect(parent?.kind).toBe('guild');
      expect(['channel', 'role']).toContain(child.kind);
    }
    expect(new Set(targets.map((t) => t.kind))).toEqual(new Set(['guild', 'channel', 'role', 'group']));

    const names = targets.map((t) => t.target_name).join(' ');
    expect(names).toMatch(/\p{Script=Cyrillic}/u);
    expect(names).toMatch(/\p{Script=Katakana}|\p{Script=Hiragana}|\p{Script=Han}/u);
    expect(names).toMatch(/\p{Script=Arabic}/u);
    expect(names).toMatch(/\p{Script=Hebrew}/u);
    expect(names).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('builds 100k targets quickly', async () => {
    const started = performance.now();
    const gateway = await start({ targets: 100_000 });
    // The bound is loose for a loaded CI machine, so it catches a quadratic regression, not a slow constant.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(gateway.stats().targets).toBe(100_000);
  }, 30_000);

  it('builds a handful of targets', async () => {
    const gateway = await start({ targets: 1 });
    expect(gateway.listTargets()).toHaveLength(1);
    expect(gateway.listTargets()[0]?.parent_target_id).toBeNull();
  });
});

describe('activity', () => {
  it('keeps the list and the feed in agreement', async () => {
    const gateway = await start({ seed: 9, targets: 200 });
    const { socket, inbox } = await pool.subscribed(gateway);
    const mirror = new Map<string, TargetSnapshot>(gateway.listTargets().map((t) => [t.target_id, t]));

    gateway.setRate(400);
    await vi.waitFor(() => expect(gateway.stats().eventsEmitted).toBeGreaterThan(300), { timeout: 10_000, interval: 50 });
    gateway.setRate(0);
    await inbox.flush(socket);

    const events = inbox.targetEvents();
    expect(events).toHaveLength(gateway.stats().eventsEmitted);
    expect(new Set(events.map((item) => item.event))).toEqual(
      new Set(['target.added', 'target.removed', 'target.enabled', 'target.disabled', 'target.updated']),
    );
    for (const { event, payload } of events) {
      if (event === 'target.removed') {
        mirror.delete(payload.target_id as string);
      } else {
        const target = payload.target as TargetSnapshot;
        const previous = mirror.get(target.target_id);
        mirror.set(target.target_id, {
          ...target,
          plan_count: target.plan_count ?? previous?.plan_count,
          participant_count: target.participant_count ?? previous?.participant_count,
        });
      }
    }

    const list = await readAllTargets(gateway, 100);
    expect(new Map(list.map((t) => [t.target_id as string, t]))).toEqual(mirror);
    expect(list.length).toBeGreaterThan(150);
    expect(list.length).toBeLessThan(250);
    expect(list.some((t) => t.parent_target_id !== null)).toBe(true);
  });

  it('rejects a negative rate', async () => {
    const gateway = await start({ targets: 3 });
    expect(() => gateway.setRate(-1)).toThrow(/rate/);
  });
});
