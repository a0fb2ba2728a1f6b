import { createTargetsClient, type TargetsClient, type TargetSnapshot } from '@livetargets/core';
import { FakeSocket, fakeIo } from '@livetargets/test-utils';
import { BASE_TIME, makeTargets, makeUpdateEvents, PROJECT_ID } from './fixtures';

/** Result of one burst of events through the client. */
export interface CoalescingResult {
  readonly targets: number;
  readonly events: number;
  /** `subscribe` notifications caused by the burst. */
  readonly notifications: number;
  /** Distinct views (`getSnapshot()` results) seen by those notifications. */
  readonly views: number;
  /** Events the client applied, from its stats. */
  readonly appliedEvents: number;
  /** Wall time from the first delivered event to the published state, in ms. */
  readonly publishMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await sleep(10);
  }
  throw new Error(`[livetargets] Timed out waiting for ${what}.`);
}

/** Creates a live client over a fake socket, seeded with `targets` and with REST reconciling off. */
export async function createLiveClient(
  targets: readonly TargetSnapshot[],
): Promise<{ client: TargetsClient; socket: FakeSocket; stop: () => void }> {
  const socket = new FakeSocket();
  const client = createTargetsClient({
    url: 'http://127.0.0.1:9/v2/live-updates',
    projectId: PROJECT_ID,
    token: 'bench-token',
    io: fakeIo(socket),
    fetchSnapshot: false,
    initialTargets: targets,
    initialWatermark: BASE_TIME,
    logger: {},
  });
  const stop = client.subscribe(() => {});
  await waitUntil(() => client.getSnapshot().status === 'live', 'the client to go live');
  return {
    client,
    socket,
    stop: () => {
      stop();
      client.destroy();
    },
  };
}

/** Measures goal 4 for the client: `eventCount` events delivered within one frame. */
export async function measureClientCoalescing(targetCount: number, eventCount: number): Promise<CoalescingResult> {
  const targets = makeTargets(targetCount);
  const wire = makeUpdateEvents(targets, eventCount);
  const payloads = wire.map((event) => JSON.parse(event.json) as unknown);
  const { client, socket, stop } = await createLiveClient(targets);

  let notifications = 0;
  const views = new Set<unknown>();
  const unsubscribe = client.subscribe(() => {
    notifications += 1;
    views.add(client.getSnapshot());
  });
  const before = client.getStats().appliedEvents;
  const started = performance.now();
  let publishedAt = Number.NaN;
  const unsubscribeTimer = client.subscribe(() => {
    if (Number.isNaN(publishedAt)) publishedAt = performance.now();
  });
  for (let i = 0; i < wire.length; i++) socket.deliver(wire[i]!.name, payloads[i]);
  // Several frame lengths, so that a second, late publication would be counted.
  await sleep(200);

  const result: CoalescingResult = {
    targets: targetCount,
    events: eventCount,
    notifications,
    views: views.size,
    appliedEvents: client.getStats().appliedEvents - before,
    publishMs: publishedAt - started,
  };
  unsubscribe();
  unsubscribeTimer();
  stop();
  return result;
}
