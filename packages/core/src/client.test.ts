import { startGateway } from '@livetargets/gateway-sim';
import { waitFor } from '@livetargets/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createTargetsClient, type TargetsClientOptions } from './client';
import { isTargetsError, type TargetsError } from './errors';
import { createRestReader } from './sync';
import type { Target, TargetsClient, TargetSnapshot, TargetsStatus } from './types';

type Gateway = Awaited<ReturnType<typeof startGateway>>;

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
  const started = await startGateway({ port: 0, seed: 7, targets: 30, ...options });
  cleanups.push(() => started.close());
  return started;
}

function client(gw: Gateway, options: Partial<TargetsClientOptions> = {}): TargetsClient {
  const created = createTargetsClient({
    url: gw.url,
    projectId: gw.projectId,
    token: gw.token,
    logger: {},
    graceMs: 50,
    retryBaseMs: 20,
    retryMaxMs: 200,
    ...options,
  });
  cleanups.push(() => created.destroy());
  return created;
}

/** Comparable form of a target: the fields the server owns, counts as last known. */
function normalize(target: Target | TargetSnapshot): Record<string, unknown> {
  return {
    target_id: target.target_id,
    target_name: target.target_name,
    platform: target.platform,
    kind: target.kind,
    external_id: target.external_id,
    is_enabled: target.is_enabled,
    parent_target_id: target.parent_target_id,
    plan_count: target.plan_count ?? undefined,
    participant_count: target.participant_count ?? undefined,
  };
}

function byId(items: Iterable<Target | TargetSnapshot>): Map<string, Record<string, unknown>> {
  const result = new Map<string, Record<string, unknown>>();
  for (const item of items) result.set(item.target_id, normalize(item));
  return result;
}

function inSync(created: TargetsClient, gw: Gateway): boolean {
  const local = byId(created.getSnapshot().targets.values());
  const remote = byId(gw.listTargets());
  if (local.size !== remote.size) return false;
  for (const [id, target] of remote) {
    const mine = local.get(id);
    if (mine === undefined || JSON.stringify(mine) !== JSON.stringify(target)) return false;
  }
  return true;
}

function recordStatuses(created: TargetsClient): TargetsStatus[] {
  const statuses: TargetsStatus[] = [];
  const subscription = created.status$.subscribe((status) => statuses.push(status));
  cleanups.push(() => subscription.unsubscribe());
  return statuses;
}

function recordErrors(created: TargetsClient): TargetsError[] {
  const errors: TargetsError[] = [];
  const subscription = created.errors$.subscribe((error) => errors.push(error));
  cleanups.push(() => subscription.unsubscribe());
  return errors;
}

const live = (created: TargetsClient) => created.getSnapshot().status === 'live';

describe('createTargetsClient', () => {
  it('validates its options', () => {
    expect(() => createTargetsClient({ projectId: '', token: 't' })).toThrow(/projectId/);
    expect(() => createTargetsClient({ projectId: 'p', token: 't', url: 'not a url' })).toThrow(/absolute URL/);
  });

  it('stays idle until subscribed', async () => {
    const gw = await gateway();
    const created = client(gw);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(created.getSnapshot().status).toBe('idle');
    expect(created.getStats().socketOpen).toBe(false);
    expect(gw.stats().connections).toBe(0);
  });

  it('goes connecting, syncing, live with the list', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    const statuses = recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    expect(statuses).toEqual(['connecting', 'syncing', 'live']);
    expect(created.getSnapshot().targets.size).toBe(gw.listTargets().length);
    expect(inSync(created, gw)).toBe(true);
  });

  it('reads a list larger than one page', async () => {
    const gw = await gateway({ targets: 1_200 });
    const created = client(gw, { publish: 'sync' });
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    expect(created.getSnapshot().targets.size).toBe(1_200);
    expect(inSync(created, gw)).toBe(true);
  });

  it('applies server changes as they happen', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    const [first, second] = gw.listTargets();
    if (first === undefined || second === undefined) throw new Error('seed has too few targets');

    gw.updateTarget(first.target_id, { target_name: 'Renamed ✓' });
    await waitFor(() => created.getSnapshot().targets.get(first.target_id)?.target_name === 'Renamed ✓', { message: 'rename' });
    expect(inSync(created, gw)).toBe(true);

    gw.updateTarget(second.target_id, { is_enabled: !second.is_enabled });
    await waitFor(() => created.getSnapshot().targets.get(second.target_id)?.is_enabled === !second.is_enabled, { message: 'toggle' });
    expect(inSync(created, gw)).toBe(true);

    const added = gw.addTarget({ target_name: 'New group', platform: 'telegram', kind: 'group' });
    await waitFor(() => created.getSnapshot().targets.has(added.target_id), { message: 'added' });
    expect(inSync(created, gw)).toBe(true);

    gw.removeTarget(added.target_id);
    await waitFor(() => !created.getSnapshot().targets.has(added.target_id), { message: 'removed' });
    expect(inSync(created, gw)).toBe(true);
  });

  it('publishes one state for a burst', async () => {
    const gw = await gateway();
    const created = client(gw);
    let notifications = 0;
    const unsubscribe = created.subscribe(() => {
      notifications += 1;
    });
    cleanups.push(unsubscribe);
    await waitFor(() => live(created), { message: 'live' });
    const targets = gw.listTargets();
    notifications = 0;
    for (let i = 0; i < 200; i++) {
      const target = targets[i % targets.length] as TargetSnapshot;
      gw.updateTarget(target.target_id, { target_name: `Burst ${i}` });
    }
    await waitFor(() => inSync(created, gw), { message: 'burst applied' });
    expect(notifications).toBeGreaterThan(0);
    expect(notifications).toBeLessThan(50);
    expect(created.getStats().appliedEvents).toBeGreaterThanOrEqual(200);
  });

  it('resubscribes and reconciles after a dropped connection', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    const statuses = recordStatuses(created);
    const reports: unknown[] = [];
    const reportSubscription = created.reconciled$.subscribe((report) => reports.push(report));
    cleanups.push(() => reportSubscription.unsubscribe());
    await waitFor(() => live(created), { message: 'live' });
    const [kept, doomed] = gw.listTargets();
    if (kept === undefined || doomed === undefined) throw new Error('seed has too few targets');

    gw.disconnectAll();
    await waitFor(() => created.getSnapshot().status !== 'live', { message: 'offline' });
    await waitFor(() => live(created), { message: 'live again' });
    expect(statuses).toContain('reconnecting');
    expect(reports.length).toBe(2);
    expect(inSync(created, gw)).toBe(true);

    await gw.restart();
    expect(kept.target_id).not.toBe(doomed.target_id);
    await waitFor(() => created.getSnapshot().status !== 'live', { message: 'offline after restart' });
    gw.updateTarget(kept.target_id, { target_name: 'Changed while away' });
    gw.removeTarget(doomed.target_id);
    await waitFor(() => live(created) && created.getSnapshot().targets.get(kept.target_id)?.target_name === 'Changed while away', {
      message: 'change made during the outage',
    });
    expect(created.getSnapshot().targets.has(doomed.target_id)).toBe(false);
    expect(inSync(created, gw)).toBe(true);
  });

  it('keeps an event that arrives during the list read', async () => {
    const gw = await gateway();
    const read = createRestReader({ apiUrl: gw.apiUrl });
    const target = gw.listTargets()[0] as TargetSnapshot;
    let reads = 0;
    const created = client(gw, {
      publish: 'sync',
      fetchSnapshot: async (context) => {
        const list = await read(context);
        reads += 1;
        if (reads === 1) {
          // The list is already read; this change reaches the client only as a live event.
          gw.updateTarget(target.target_id, { target_name: 'During the read' });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return list;
      },
    });
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    expect(created.getSnapshot().targets.get(target.target_id)?.target_name).toBe('During the read');
    expect(inSync(created, gw)).toBe(true);
  });

  it('ends duplicates and reordering in the clean state', async () => {
    const gw = await gateway({ faults: { duplicateRate: 0.5, delayRate: 0.5, maxDelayMs: 80 } });
    const created = client(gw);
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    const targets = gw.listTargets();
    for (let i = 0; i < 300; i++) {
      const target = targets[(i * 7) % targets.length] as TargetSnapshot;
      if (i % 3 === 0) gw.updateTarget(target.target_id, { is_enabled: i % 2 === 0 });
      else gw.updateTarget(target.target_id, { target_name: `Step ${i}`, participant_count: i });
      if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => inSync(created, gw), { timeoutMs: 5_000, message: 'convergence' });
    expect(created.getStats().ignoredEvents).toBeGreaterThan(0);
  });

  it('reports malformed and foreign events and keeps going', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    const errors = recordErrors(created);
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    const target = gw.listTargets()[0] as TargetSnapshot;
    const envelope = { event_id: 'bad-1', emitted_at: Date.now() + 1_000, channel: 'targets', project_id: gw.projectId, platform: target.platform };

    gw.emitRaw('target.updated', { ...envelope, target: { ...target, external_id: 123 } });
    gw.emitRaw('target.updated', { ...envelope, event_id: 'bad-2', project_id: '00000000-0000-4000-8000-000000000000', target });
    await waitFor(() => errors.length >= 2, { message: 'two errors' });
    expect(errors.map((error) => error.code)).toEqual(['invalid-payload', 'foreign-project']);
    expect(errors.every((error) => isTargetsError(error))).toBe(true);
    expect(created.getStats().rejectedEvents).toBe(2);
    expect(inSync(created, gw)).toBe(true);

    gw.updateTarget(target.target_id, { target_name: 'Still live' });
    await waitFor(() => created.getSnapshot().targets.get(target.target_id)?.target_name === 'Still live', { message: 'later event' });
  });

  it('recovers from a bad token with bounded retries', async () => {
    const gw = await gateway();
    let calls = 0;
    let good = false;
    const created = client(gw, {
      publish: 'sync',
      token: () => {
        calls += 1;
        return good ? gw.token : 'expired-token';
      },
    });
    const errors = recordErrors(created);
    recordStatuses(created);
    await waitFor(() => created.getSnapshot().status === 'unauthorized', { message: 'unauthorized' });
    expect(created.getSnapshot().error?.code).toBe('unauthorized');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Backoff from 20 ms, doubling to a cap of 200 ms: about 6 attempts fit in 500 ms, a tight loop hundreds.
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(12);
    expect(errors.some((error) => error.message.includes('expired-token'))).toBe(false);

    good = true;
    await waitFor(() => live(created), { message: 'recovered' });
    expect(created.getSnapshot().error).toBeUndefined();
    expect(inSync(created, gw)).toBe(true);
  });

  it('refuses an auth object over 4 KB', async () => {
    const gw = await gateway();
    const created = client(gw, { token: 'x'.repeat(5_000) });
    const errors = recordErrors(created);
    recordStatuses(created);
    await waitFor(() => errors.length > 0, { message: 'error' });
    expect(errors[0]?.code).toBe('auth-too-large');
    expect(errors[0]?.message).not.toContain('xxxxxxxx');
    expect(gw.stats().connections).toBe(0);
  });

  it('reconciles on refresh', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });
    const before = created.getStats().reconciles;
    await created.refresh();
    expect(created.getStats().reconciles).toBe(before + 1);
  });

  it('emits a target only when it changes', async () => {
    const gw = await gateway();
    const created = client(gw, { publish: 'sync' });
    const [watched, other] = gw.listTargets();
    if (watched === undefined || other === undefined) throw new Error('seed has too few targets');
    const seen: (Target | undefined)[] = [];
    const subscription = created.target$(watched.target_id).subscribe((target) => seen.push(target));
    cleanups.push(() => subscription.unsubscribe());
    await waitFor(() => live(created), { message: 'live' });
    const afterSync = seen.length;

    gw.updateTarget(other.target_id, { target_name: 'Not watched' });
    await waitFor(() => created.getSnapshot().targets.get(other.target_id)?.target_name === 'Not watched', { message: 'other' });
    expect(seen.length).toBe(afterSync);

    gw.removeTarget(watched.target_id);
    await waitFor(() => seen.at(-1) === undefined && seen.length > afterSync, { message: 'removal' });
  });

  it('closes after the grace period and leaves nothing', async () => {
    const gw = await gateway();
    const created = client(gw);
    const unsubscribe = created.subscribe(() => undefined);
    await waitFor(() => live(created), { message: 'live' });
    unsubscribe();
    expect(created.getStats().socketOpen).toBe(true);
    await waitFor(() => created.getSnapshot().status === 'idle', { message: 'idle' });
    expect(created.getStats()).toMatchObject({ subscribers: 0, socketOpen: false, timers: 0 });
    await waitFor(() => gw.stats().connections === 0, { message: 'server sees no socket' });
  });

  it('survives a quick unsubscribe and resubscribe without reconnecting', async () => {
    const gw = await gateway();
    const created = client(gw);
    const first = created.subscribe(() => undefined);
    await waitFor(() => live(created), { message: 'live' });
    const statuses = recordStatuses(created);
    const reconcilesBefore = created.getStats().reconciles;
    first();
    const second = created.subscribe(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statuses).toEqual(['live']);
    expect(created.getStats().reconciles).toBe(reconcilesBefore);
    expect(gw.stats().connections).toBe(1);
    second();
  });

  it('completes everything on destroy', async () => {
    const gw = await gateway();
    const created = client(gw);
    let completed = 0;
    created.state$.subscribe({ complete: () => (completed += 1) });
    created.errors$.subscribe({ complete: () => (completed += 1) });
    await waitFor(() => live(created), { message: 'live' });
    created.destroy();
    expect(completed).toBe(2);
    expect(created.getSnapshot().status).toBe('closed');
    expect(created.getStats()).toMatchObject({ subscribers: 0, socketOpen: false, timers: 0 });
    await waitFor(() => gw.stats().connections === 0, { message: 'server sees no socket' });
    await expect(created.refresh()).rejects.toMatchObject({ code: 'destroyed' });
  });

  it('converges through 5,000 events with every fault on', { timeout: 60_000 }, async () => {
    const gw = await gateway({
      targets: 200,
      seed: 42,
      faults: { duplicateRate: 0.2, delayRate: 0.2, maxDelayMs: 50, dropConnectionRate: 0.002, malformedRate: 0.02 },
    });
    const created = client(gw);
    recordErrors(created);
    recordStatuses(created);
    await waitFor(() => live(created), { message: 'live' });

    let emitted = 0;
    const random = mulberry32(42);
    while (emitted < 5_000) {
      const targets = gw.listTargets();
      const target = targets[Math.floor(random() * targets.length)] as TargetSnapshot;
      const roll = random();
      if (roll < 0.05) gw.addTarget({ target_name: `Added ${emitted}`, platform: 'telegram', kind: 'channel' });
      else if (roll < 0.08 && targets.length > 50) gw.removeTarget(target.target_id);
      else if (roll < 0.4) gw.updateTarget(target.target_id, { is_enabled: !target.is_enabled });
      else gw.updateTarget(target.target_id, { target_name: `Name ${emitted}`, plan_count: emitted % 7 });
      emitted += 1;
      if (emitted % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    gw.setFaults({ dropConnectionRate: 0, malformedRate: 0 });
    await waitFor(() => live(created) && inSync(created, gw), { timeoutMs: 20_000, message: 'convergence' });
    expect(created.getStats().rejectedEvents).toBeGreaterThan(0);
    expect(created.getStats().ignoredEvents).toBeGreaterThan(0);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
