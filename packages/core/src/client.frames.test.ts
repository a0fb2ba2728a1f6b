import { exampleProjectId, FakeSocket, fakeIo, makePayload } from '@livetargets/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTargetsClient } from './client';
import type { TargetsClient } from './types';

let frames: Map<number, FrameRequestCallback>;
let nextFrame: number;

function runFrames(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const callback of due) callback(performance.now());
}

beforeEach(() => {
  vi.useFakeTimers();
  frames = new Map();
  nextFrame = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(nextFrame, callback);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function liveClient(): Promise<{ client: TargetsClient; socket: FakeSocket; notifications: () => number }> {
  const socket = new FakeSocket();
  const client = createTargetsClient({ projectId: exampleProjectId, token: 't', fetchSnapshot: false, io: fakeIo(socket), logger: {} });
  let count = 0;
  client.subscribe(() => (count += 1));
  await vi.advanceTimersByTimeAsync(0);
  expect(client.getSnapshot().status).toBe('live');
  runFrames();
  count = 0;
  return { client, socket, notifications: () => count };
}

describe('createTargetsClient publication', () => {
  it('publishes a burst per frame', async () => {
    const { client, socket, notifications } = await liveClient();
    for (let i = 0; i < 50; i++) socket.deliver('target.added', makePayload('target.added'));
    expect(client.getSnapshot().targets.size).toBe(0);
    expect(frames.size).toBe(1);

    runFrames();
    expect(client.getSnapshot().targets.size).toBe(50);
    expect(notifications()).toBe(1);
    expect(client.getStats().timers).toBe(0);
    client.destroy();
  });

  it('falls back to a 100 ms timer', async () => {
    const { client, socket, notifications } = await liveClient();
    socket.deliver('target.added', makePayload('target.added'));
    await vi.advanceTimersByTimeAsync(99);
    expect(client.getSnapshot().targets.size).toBe(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(client.getSnapshot().targets.size).toBe(1);
    expect(notifications()).toBe(1);
    expect(frames.size).toBe(0);
    client.destroy();
  });

  it('publishes at once in sync mode', async () => {
    const socket = new FakeSocket();
    const client = createTargetsClient({
      projectId: exampleProjectId,
      token: 't',
      fetchSnapshot: false,
      io: fakeIo(socket),
      logger: {},
      publish: 'sync',
    });
    client.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    socket.deliver('target.added', makePayload('target.added'));
    expect(client.getSnapshot().targets.size).toBe(1);
    expect(frames.size).toBe(0);
    client.destroy();
  });
});
