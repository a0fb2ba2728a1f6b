import { createTargetsClient, createTargetsState, TargetsError } from '@livetargets/core';
import type { Target, TargetEvent, TargetsClient, TargetsClientOptions, TargetsStatus, TargetSnapshot } from '@livetargets/core';
import { exampleProjectId, FakeSocket, fakeIo, makePayload, makeTarget } from '@livetargets/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createActivityFeed,
  describeError,
  describeEvent,
  describeReconcile,
  describeStatus,
  formatCount,
  type ActivityFeed,
  type ActivityFeedOptions,
} from './activity';

interface Setup {
  readonly client: TargetsClient;
  readonly socket: FakeSocket;
  readonly feed: ActivityFeed;
}

const cleanups: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
  vi.useRealTimers();
});

function setup(clientOptions: Partial<TargetsClientOptions> = {}, feedOptions?: ActivityFeedOptions): Setup {
  const socket = new FakeSocket();
  const client = createTargetsClient({
    url: 'http://127.0.0.1:9/v2/live-updates',
    projectId: exampleProjectId,
    token: 'test-token',
    io: fakeIo(socket),
    fetchSnapshot: false,
    publish: 'sync',
    logger: {},
    graceMs: 50,
    retryBaseMs: 10,
    retryMaxMs: 20,
    ...clientOptions,
  });
  const feed = createActivityFeed(client, feedOptions);
  cleanups.push(() => {
    feed.destroy();
    client.destroy();
  });
  return { client, socket, feed };
}

/** Subscribes to the feed, lets the fake socket accept the client, and returns the unsubscribe function. */
async function listen(feed: ActivityFeed, client: TargetsClient, listener: () => void = () => {}): Promise<() => void> {
  const unsubscribe = feed.subscribe(listener);
  await vi.advanceTimersByTimeAsync(0);
  expect(client.getSnapshot().status).toBe('live');
  return unsubscribe;
}

let emittedAt = 1_000;

function deliver(socket: FakeSocket, type: TargetEvent['type'], overrides: Parameters<typeof makePayload>[1] = {}): void {
  emittedAt += 1;
  socket.deliver(type, makePayload(type, { emitted_at: emittedAt, ...overrides }));
}

/** Lets the feed publish: it does so in a microtask after a burst of changes. */
const published = () => Promise.resolve();

const texts = (feed: ActivityFeed, list: 'events' | 'errors') => feed.getSnapshot()[list].map((entry) => entry.text);

describe('describeStatus', () => {
  it('describes every status in a sentence', () => {
    const statuses: TargetsStatus[] = ['idle', 'connecting', 'syncing', 'live', 'reconnecting', 'unauthorized', 'closed'];
    const sentences = statuses.map(describeStatus);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(new Set(sentences).size).toBe(statuses.length);
    expect(describeStatus('reconnecting')).toMatch(/reconnecting/i);
  });
});

describe('describeError', () => {
  it('describes a TargetsError by its code', () => {
    const error = new TargetsError('unauthorized', 'token rejected by the gateway');
    expect(describeError(error)).toMatch(/access token was rejected/);
    expect(describeError(new TargetsError('connection-failed', 'x'))).toMatch(/connection/);
  });

  it('keeps the message of another error', () => {
    expect(describeError(new Error('boom'))).toBe('Something went wrong: boom');
  });

  it('describes a non-error value generically', () => {
    expect(describeError('nope')).toBe('Something went wrong with the live updates.');
  });
});

describe('formatCount', () => {
  it('shows a missing count as unknown', () => {
    expect(formatCount(undefined)).toBe('unknown');
    expect(formatCount(null)).toBe('unknown');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(142)).toBe('142');
  });
});

describe('describeEvent', () => {
  const base = { event_id: 'e', emitted_at: 1, project_id: 'p', platform: 'discord' } as const;
  const seed: TargetSnapshot = {
    target_id: 'c1',
    target_name: 'general',
    platform: 'discord',
    kind: 'channel',
    external_id: 'ext-c1',
    is_enabled: true,
    parent_target_id: null,
  };
  const general: Target = createTargetsState([seed]).targets.get('c1')!;

  it('describes a rename', () => {
    const event: TargetEvent = { ...base, type: 'target.updated', target: { ...general, target_name: 'chat' } };
    expect(describeEvent(event, general)).toBe('Renamed discord channel "general" to "chat".');
    expect(describeEvent(event)).toBe('Updated discord channel "chat".');
  });

  it('describes added, enabled and disabled', () => {
    expect(describeEvent({ ...base, type: 'target.added', target: general })).toBe('Added discord channel "general".');
    expect(describeEvent({ ...base, type: 'target.enabled', target: general })).toMatch(/^Enabled/);
    expect(describeEvent({ ...base, type: 'target.disabled', target: general })).toMatch(/^Disabled/);
  });

  it('names a removed target when it was known', () => {
    const event: TargetEvent = { ...base, type: 'target.removed', target_id: 'c1', kind: 'channel', external_id: 'ext-c1' };
    expect(describeEvent(event, general)).toBe('Removed discord channel "general".');
    expect(describeEvent(event)).toBe('Removed discord channel with external id ext-c1.');
  });
});

describe('describeReconcile', () => {
  it('describes the first read', () => {
    const report = { added: ['a', 'b'], removed: [], changed: [], offlineMs: undefined, watermark: 0 };
    expect(describeReconcile(report)).toBe('Read the full list: 2 added.');
  });

  it('describes a read after an outage', () => {
    const report = { added: [], removed: ['x'], changed: ['y', 'z'], offlineMs: 2_600, watermark: 5 };
    expect(describeReconcile(report)).toBe('Read the full list after 3 s offline: 1 removed, 2 changed.');
  });

  it('says when nothing changed', () => {
    const report = { added: [], removed: [], changed: [], offlineMs: 10, watermark: 5 };
    expect(describeReconcile(report)).toBe('Read the full list after 1 s offline: no changes.');
  });
});

describe('createActivityFeed', () => {
  it('rejects invalid limits', () => {
    const { client } = setup();
    expect(() => createActivityFeed(client, { maxEvents: 0 })).toThrow(TargetsError);
    expect(() => createActivityFeed(client, { maxErrors: 2.5 })).toThrow(/maxErrors is 2.5, expected an integer from 1 to/);
    expect(() => createActivityFeed(client, { highlightMs: -1 })).toThrow(/highlightMs is -1/);
    expect(() => createActivityFeed(client, { highlightMs: 2 ** 31 })).toThrow(/highlightMs is 2147483648/);
    expect(() => createActivityFeed(client, { maxEvents: Number.NaN })).toThrow(/maxEvents is NaN/);
  });

  it('stays detached without listeners', async () => {
    const { client, socket, feed } = setup();
    await vi.advanceTimersByTimeAsync(100);
    expect(client.getStats().subscribers).toBe(0);
    expect(socket.connects).toBe(0);
    expect(feed.getSnapshot()).toEqual({ events: [], errors: [], highlighted: new Set() });
  });

  it('logs events newest first', async () => {
    const { client, socket, feed } = setup();
    await listen(feed, client);
    const id = makeTarget().target_id;

    deliver(socket, 'target.added', { target: { target_id: id, target_name: 'Old' } });
    deliver(socket, 'target.updated', { target: { target_id: id, target_name: 'New' } });
    deliver(socket, 'target.removed', { target_id: id });
    await published();

    expect(texts(feed, 'events')).toEqual([
      'Removed discord guild "New".',
      'Renamed discord guild "Old" to "New".',
      'Added discord guild "Old".',
    ]);
    const keys = feed.getSnapshot().events.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(3);
    expect(feed.getSnapshot().events[0]!.time).toBe(Date.now());
  });

  it('logs errors in words', async () => {
    const { client, socket, feed } = setup();
    await listen(feed, client);

    socket.deliver('target.added', { channel: 'targets', project_id: exampleProjectId });
    await published();

    expect(texts(feed, 'errors')).toEqual(['An update from the server was malformed and was ignored.']);
    expect(texts(feed, 'events')).toEqual([]);
  });

  it('keeps the newest lines up to the limits', async () => {
    const { client, socket, feed } = setup({}, { maxEvents: 3, maxErrors: 2 });
    await listen(feed, client);

    for (let i = 1; i <= 5; i++) deliver(socket, 'target.added', { target: { target_name: `Target ${i}` } });
    for (let i = 0; i < 4; i++) socket.deliver('target.unknown', { channel: 'targets' });
    await published();

    expect(texts(feed, 'events')).toEqual([
      'Added discord guild "Target 5".',
      'Added discord guild "Target 4".',
      'Added discord guild "Target 3".',
    ]);
    expect(feed.getSnapshot().errors).toHaveLength(2);
  });

  it('uses the default limits of 20 and 5', async () => {
    const { client, socket, feed } = setup();
    await listen(feed, client);

    for (let i = 0; i < 25; i++) deliver(socket, 'target.added');
    for (let i = 0; i < 8; i++) socket.deliver('target.unknown', { channel: 'targets' });
    await published();

    expect(feed.getSnapshot().events).toHaveLength(20);
    expect(feed.getSnapshot().errors).toHaveLength(5);
  });

  it('highlights a changed target for highlightMs', async () => {
    const { client, socket, feed } = setup();
    await listen(feed, client);
    const id = makeTarget().target_id;

    deliver(socket, 'target.added', { target: { target_id: id } });
    await published();
    expect(feed.getSnapshot().highlighted).toEqual(new Set([id]));

    await vi.advanceTimersByTimeAsync(1_499);
    expect(feed.getSnapshot().highlighted.has(id)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.getSnapshot().highlighted.size).toBe(0);
  });

  it('restarts the highlight on a new change', async () => {
    const { client, socket, feed } = setup({}, { highlightMs: 1_000 });
    await listen(feed, client);
    const first = makeTarget().target_id;
    const second = makeTarget().target_id;

    deliver(socket, 'target.added', { target: { target_id: first } });
    deliver(socket, 'target.added', { target: { target_id: second } });
    await vi.advanceTimersByTimeAsync(600);
    deliver(socket, 'target.disabled', { target: { target_id: first, is_enabled: false } });

    await vi.advanceTimersByTimeAsync(400);
    expect(feed.getSnapshot().highlighted).toEqual(new Set([first]));
    await vi.advanceTimersByTimeAsync(599);
    expect(feed.getSnapshot().highlighted).toEqual(new Set([first]));
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.getSnapshot().highlighted.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends each highlight on time', async () => {
    const { client, socket, feed } = setup({}, { highlightMs: 1_000 });
    await listen(feed, client);
    const first = makeTarget().target_id;
    const second = makeTarget().target_id;

    deliver(socket, 'target.added', { target: { target_id: first } });
    await vi.advanceTimersByTimeAsync(100);
    deliver(socket, 'target.added', { target: { target_id: second } });

    await vi.advanceTimersByTimeAsync(900);
    expect(feed.getSnapshot().highlighted).toEqual(new Set([second]));
    await vi.advanceTimersByTimeAsync(99);
    expect(feed.getSnapshot().highlighted).toEqual(new Set([second]));
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.getSnapshot().highlighted.size).toBe(0);
  });

  it('ends the highlight of a removed target', async () => {
    const { client, socket, feed } = setup();
    await listen(feed, client);
    const id = makeTarget().target_id;

    deliver(socket, 'target.added', { target: { target_id: id } });
    await published();
    expect(feed.getSnapshot().highlighted).toEqual(new Set([id]));
    deliver(socket, 'target.removed', { target_id: id });
    await published();

    expect(feed.getSnapshot().highlighted.size).toBe(0);
  });

  it('returns one snapshot until a change', async () => {
    const { client, socket, feed } = setup();
    const listener = vi.fn();
    await listen(feed, client, listener);
    const before = feed.getSnapshot();

    expect(feed.getSnapshot()).toBe(before);
    expect(listener).not.toHaveBeenCalled();

    deliver(socket, 'target.added');
    expect(feed.getSnapshot()).toBe(before);
    await published();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(feed.getSnapshot()).not.toBe(before);
    const after = feed.getSnapshot();
    expect(feed.getSnapshot()).toBe(after);

    await vi.advanceTimersByTimeAsync(1_500);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(feed.getSnapshot().events).toBe(after.events);
  });

  it('logs reconciles and highlights after an outage', async () => {
    const unchanged = makeTarget({ target_name: 'Unchanged' });
    const renamed = makeTarget({ target_name: 'Before' });
    let list: TargetSnapshot[] = [unchanged, renamed];
    const { client, socket, feed } = setup({ fetchSnapshot: async () => list });
    await listen(feed, client);

    expect(texts(feed, 'events')).toEqual(['Read the full list: 2 added.']);
    expect(feed.getSnapshot().highlighted.size).toBe(0);

    const added = makeTarget({ target_name: 'Added' });
    list = [unchanged, { ...renamed, target_name: 'After' }, added];
    socket.drop();
    expect(client.getSnapshot().status).toBe('reconnecting');
    // The client retries within retryMaxMs (20 ms), well inside the 1500 ms highlight.
    await vi.advanceTimersByTimeAsync(25);
    expect(client.getSnapshot().status).toBe('live');

    expect(texts(feed, 'events')[0]).toBe('Read the full list after 1 s offline: 1 added, 1 changed.');
    expect(feed.getSnapshot().highlighted).toEqual(new Set([added.target_id, renamed.target_id]));
  });

  it('publishes a burst once', async () => {
    const { client, socket, feed } = setup();
    const listener = vi.fn();
    await listen(feed, client, listener);

    for (let i = 0; i < 100; i++) deliver(socket, 'target.added');
    await published();

    expect(listener).toHaveBeenCalledTimes(1);
    expect(feed.getSnapshot().events).toHaveLength(20);
    expect(feed.getSnapshot().highlighted.size).toBe(100);
  });

  it('calls every listener on a change', async () => {
    const { client, socket, feed } = setup();
    const first = vi.fn();
    const second = vi.fn();
    await listen(feed, client, first);
    const unsubscribeSecond = feed.subscribe(second);

    deliver(socket, 'target.added');
    await published();
    unsubscribeSecond();
    deliver(socket, 'target.added');
    await published();

    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(1);
    expect(client.getStats().subscribers).toBe(1);
  });

  it('detaches when the last listener leaves', async () => {
    const { client, socket, feed } = setup({ fetchSnapshot: async () => [] });
    const keepAlive = client.subscribe(() => {});
    cleanups.push(keepAlive);
    const listener = vi.fn();
    const unsubscribe = await listen(feed, client, listener);
    deliver(socket, 'target.added');
    await published();
    const lines = feed.getSnapshot().events;
    listener.mockClear();

    unsubscribe();
    unsubscribe();
    expect(client.getStats().subscribers).toBe(1);
    expect(feed.getSnapshot().highlighted.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    deliver(socket, 'target.added');
    socket.deliver('target.unknown', { channel: 'targets' });
    await client.refresh();
    expect(listener).not.toHaveBeenCalled();
    expect(feed.getSnapshot().events).toBe(lines);
    expect(feed.getSnapshot().errors).toEqual([]);
  });

  it('follows again after a new listener', async () => {
    const { client, socket, feed } = setup();
    const unsubscribe = await listen(feed, client);
    deliver(socket, 'target.added', { target: { target_name: 'First' } });
    unsubscribe();

    await listen(feed, client);
    deliver(socket, 'target.added', { target: { target_name: 'Second' } });
    await published();

    expect(texts(feed, 'events')).toEqual(['Added discord guild "Second".', 'Added discord guild "First".']);
  });

  it('leaves nothing behind after destroy', async () => {
    const { client, socket, feed } = setup();
    const listener = vi.fn();
    await listen(feed, client, listener);
    deliver(socket, 'target.added');
    listener.mockClear();

    feed.destroy();
    await vi.advanceTimersByTimeAsync(50);

    expect(client.getStats().subscribers).toBe(0);
    expect(client.getStats().socketOpen).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(listener).not.toHaveBeenCalled();

    const late = vi.fn();
    feed.subscribe(late)();
    feed.subscribe(late);
    expect(client.getStats().subscribers).toBe(0);
  });
});
