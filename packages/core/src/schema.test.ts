import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exampleProjectId,
  makeListPage,
  makePayload,
  makeTarget,
  uuidFromSeed,
  vendorExamples,
} from '@livetargets/test-utils';
import { isTargetsError } from './errors';
import { TARGET_EVENT_NAMES } from './protocol';
import { createTargetsState, reduceTargets } from './reducer';
import {
  parseTargetEvent,
  parseTargetListPage,
  parseTargetSnapshot,
  readTargetEventFast,
  targetRemovedEventSchema,
  targetSnapshotEventSchema,
} from './schema';
import type { TargetEvent } from './types';

const targetId = uuidFromSeed(1);

function parseOk(name: string, payload: unknown): TargetEvent {
  const result = parseTargetEvent(name, payload);
  if (!result.ok) throw new Error(`expected ${name} to parse: ${result.error.message}`);
  return result.event;
}

/** Returns a copy of `value` with `path` set to `replacement`, or deleted when `replacement` is `DELETE`. */
const DELETE = Symbol('delete');
function withField(value: Record<string, unknown>, path: readonly string[], replacement: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(value);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe('parseTargetEvent vendor examples', () => {
  it('parses and applies target.added', () => {
    const event = parseOk('target.added', vendorExamples['target.added']);
    expect(event.type).toBe('target.added');

    const state = reduceTargets(createTargetsState(), event);
    expect(state.size).toBe(1);
    const target = state.targets.get(targetIdOf(event));
    expect(target).toBeDefined();
    expect(target?.target_id).toBe('1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b');
    expect(target?.target_name).toBe('My Server');
    expect(target?.platform).toBe('discord');
    expect(target?.kind).toBe('guild');
    expect(target?.external_id).toBe('123456789012345678');
    expect(target?.is_enabled).toBe(true);
    expect(target?.parent_target_id).toBeNull();
    expect(target?.plan_count).toBe(0);
    expect(target?.participant_count).toBe(0);
  });

  it('keeps the envelope of target.added', () => {
    const event = parseOk('target.added', vendorExamples['target.added']);
    expect(event.event_id).toBe('9b724ac8-f0e1-4b56-8d7a-2c9c0d11b2f1');
    expect(event.emitted_at).toBe(1779836400000);
    expect(event.project_id).toBe('93425026-6bb8-4f81-a75d-63f538e1a123');
    expect(event.platform).toBe('discord');
    expect(event).not.toHaveProperty('channel');
  });

  it('parses and applies target.removed', () => {
    const event = parseOk('target.removed', vendorExamples['target.removed']);
    expect(event).toEqual({
      type: 'target.removed',
      event_id: '5e2a1b0d-7c61-4d83-9f10-aa00b2c3d4e5',
      emitted_at: 1779836400000,
      project_id: '93425026-6bb8-4f81-a75d-63f538e1a123',
      platform: 'telegram',
      target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b',
      kind: 'channel',
      external_id: '-1001234567890',
    });

    const seeded = createTargetsState([makeTarget({ target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b' })]);
    const state = reduceTargets(seeded, event);
    expect(state.targets.has('1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b')).toBe(false);
    expect(state.size).toBe(0);
  });

  it.each(['target.enabled', 'target.disabled'] as const)('parses and applies %s', (name) => {
    const event = parseOk(name, vendorExamples['target.disabled']);
    expect(event.type).toBe(name);
    expect(event.event_id).toBe('uuid');

    const added = parseOk('target.added', vendorExamples['target.added']);
    const state = reduceTargets(createTargetsState(), [added, event]);
    const target = state.targets.get('1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b');
    expect(target?.target_name).toBe('My Server');
    expect(target?.platform).toBe('discord');
    expect(target?.kind).toBe('guild');
    expect(target?.external_id).toBe('123456789012345678');
    expect(target?.is_enabled).toBe(false);
    expect(target?.parent_target_id).toBeNull();
    // The example sends no counts, so the values from target.added are kept.
    expect(target?.plan_count).toBe(0);
    expect(target?.participant_count).toBe(0);
  });

  it('parses and applies target.updated', () => {
    const added = parseOk('target.added', vendorExamples['target.added']);
    const event = parseOk('target.updated', vendorExamples['target.updated']);
    expect(event.event_id).toBe('uuid');

    const state = reduceTargets(createTargetsState(), [added, event]);
    const target = state.targets.get('1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b');
    expect(target?.target_id).toBe('1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b');
    expect(target?.target_name).toBe('My Server (renamed)');
    expect(target?.platform).toBe('discord');
    expect(target?.kind).toBe('guild');
    expect(target?.external_id).toBe('123456789012345678');
    expect(target?.is_enabled).toBe(true);
    expect(target?.parent_target_id).toBeNull();
    expect(target?.plan_count).toBe(3);
    expect(target?.participant_count).toBe(142);
  });
});

function targetIdOf(event: TargetEvent): string {
  return event.type === 'target.removed' ? event.target_id : event.target.target_id;
}

describe('parseTargetEvent accepts', () => {
  const snapshot = makePayload('target.updated', { target: { target_id: targetId } });
  const removed = makePayload('target.removed', { target_id: targetId });

  it.each([
    ['unknown platform', withField(withField(snapshot, ['platform'], 'slack'), ['target', 'platform'], 'slack')],
    ['unknown kind', withField(snapshot, ['target', 'kind'], 'forum-topic')],
    ['uppercase UUID', withField(snapshot, ['target', 'target_id'], 'ABCDEF01-2345-6789-ABCD-EF0123456789')],
    ['UUID of any version', withField(snapshot, ['target', 'target_id'], '01234567-89ab-1def-0123-456789abcdef')],
    ['UUID-shaped parent', withField(snapshot, ['target', 'parent_target_id'], uuidFromSeed(99))],
    ['missing counts', withField(withField(snapshot, ['target', 'plan_count'], DELETE), ['target', 'participant_count'], DELETE)],
    ['null counts', withField(withField(snapshot, ['target', 'plan_count'], null), ['target', 'participant_count'], null)],
    ['fractional emitted_at', withField(snapshot, ['emitted_at'], 1.5)],
    ['zero emitted_at', withField(snapshot, ['emitted_at'], 0)],
    ['placeholder event_id', withField(snapshot, ['event_id'], 'uuid')],
    ['empty target_name', withField(snapshot, ['target', 'target_name'], '')],
    ['extra top-level field', withField(snapshot, ['trace'], { hop: 1 })],
    ['extra target field', withField(snapshot, ['target', 'icon_url'], 'https://example.invalid/x.png')],
  ])('snapshot event with %s', (_label, payload) => {
    const result = parseTargetEvent('target.updated', payload);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
  });

  it.each([
    ['unknown platform', withField(removed, ['platform'], 'slack')],
    ['unknown kind', withField(removed, ['kind'], 'thread')],
    ['extra field', withField(removed, ['reason'], 'deleted by owner')],
  ])('removed event with %s', (_label, payload) => {
    const result = parseTargetEvent('target.removed', payload);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
  });

  it('keeps unknown platform and kind', () => {
    const payload = withField(withField(withField(snapshot, ['platform'], 'slack'), ['target', 'platform'], 'slack'), ['target', 'kind'], 'workspace');
    const event = parseOk('target.updated', payload);
    if (event.type === 'target.removed') throw new Error('unexpected removed event');
    expect(event.platform).toBe('slack');
    expect(event.target.platform).toBe('slack');
    expect(event.target.kind).toBe('workspace');
  });

  it('drops unknown fields', () => {
    const payload = withField(withField(snapshot, ['trace'], { hop: 1 }), ['target', 'icon_url'], 'x.png');
    const event = parseOk('target.updated', payload);
    expect(event).not.toHaveProperty('trace');
    if (event.type === 'target.removed') throw new Error('unexpected removed event');
    expect(event.target).not.toHaveProperty('icon_url');

    const state = reduceTargets(createTargetsState(), event);
    expect(state.targets.get(targetId)).not.toHaveProperty('icon_url');
  });
});

describe('parseTargetEvent rejects', () => {
  const snapshot = makePayload('target.added', { target: { target_id: targetId } });
  const removed = makePayload('target.removed', { target_id: targetId });

  const snapshotCases: [string, readonly string[], unknown, readonly (string | number)[]][] = [
    ['missing event_id', ['event_id'], DELETE, ['event_id']],
    ['empty event_id', ['event_id'], '', ['event_id']],
    ['numeric event_id', ['event_id'], 42, ['event_id']],
    ['missing emitted_at', ['emitted_at'], DELETE, ['emitted_at']],
    ['string emitted_at', ['emitted_at'], '1779836400000', ['emitted_at']],
    ['negative emitted_at', ['emitted_at'], -1, ['emitted_at']],
    ['infinite emitted_at', ['emitted_at'], Number.POSITIVE_INFINITY, ['emitted_at']],
    ['NaN emitted_at', ['emitted_at'], Number.NaN, ['emitted_at']],
    ['missing channel', ['channel'], DELETE, ['channel']],
    ['other channel', ['channel'], 'payment-requests', ['channel']],
    ['missing project_id', ['project_id'], DELETE, ['project_id']],
    ['missing platform', ['platform'], DELETE, ['platform']],
    ['platform mismatch', ['platform'], 'telegram', ['platform']],
    ['missing target', ['target'], DELETE, ['target']],
    ['null target', ['target'], null, ['target']],
    ['array target', ['target'], [], ['target']],
    ['missing target_id', ['target', 'target_id'], DELETE, ['target', 'target_id']],
    ['short target_id', ['target', 'target_id'], '1f2e3d4c-5b6a-7e8f-9a0b', ['target', 'target_id']],
    ['non-hex target_id', ['target', 'target_id'], 'zf2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b', ['target', 'target_id']],
    ['braced target_id', ['target', 'target_id'], '{1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b}', ['target', 'target_id']],
    ['numeric target_name', ['target', 'target_name'], 7, ['target', 'target_name']],
    ['missing target_name', ['target', 'target_name'], DELETE, ['target', 'target_name']],
    ['empty target platform', ['target', 'platform'], '', ['target', 'platform']],
    ['empty kind', ['target', 'kind'], '', ['target', 'kind']],
    ['numeric kind', ['target', 'kind'], 1, ['target', 'kind']],
    ['numeric external_id', ['target', 'external_id'], 123456789012345680, ['target', 'external_id']],
    ['missing external_id', ['target', 'external_id'], DELETE, ['target', 'external_id']],
    ['string is_enabled', ['target', 'is_enabled'], 'true', ['target', 'is_enabled']],
    ['missing is_enabled', ['target', 'is_enabled'], DELETE, ['target', 'is_enabled']],
    ['missing parent_target_id', ['target', 'parent_target_id'], DELETE, ['target', 'parent_target_id']],
    ['non-UUID parent_target_id', ['target', 'parent_target_id'], 'guild-1', ['target', 'parent_target_id']],
    ['fractional plan_count', ['target', 'plan_count'], 1.5, ['target', 'plan_count']],
    ['negative plan_count', ['target', 'plan_count'], -1, ['target', 'plan_count']],
    ['string plan_count', ['target', 'plan_count'], '3', ['target', 'plan_count']],
    ['negative participant_count', ['target', 'participant_count'], -5, ['target', 'participant_count']],
    ['infinite participant_count', ['target', 'participant_count'], Number.POSITIVE_INFINITY, ['target', 'participant_count']],
  ];

  it.each(snapshotCases)('snapshot event with %s', (_label, path, replacement, issuePath) => {
    const result = parseTargetEvent('target.added', withField(snapshot, path, replacement));
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-payload');
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(issuePath);
  });

  const removedCases: [string, readonly string[], unknown, readonly (string | number)[]][] = [
    ['missing target_id', ['target_id'], DELETE, ['target_id']],
    ['non-UUID target_id', ['target_id'], '12345', ['target_id']],
    ['numeric external_id', ['external_id'], -1001234567890, ['external_id']],
    ['missing kind', ['kind'], DELETE, ['kind']],
    ['other channel', ['channel'], 'target', ['channel']],
    ['negative emitted_at', ['emitted_at'], -0.5, ['emitted_at']],
  ];

  it.each(removedCases)('removed event with %s', (_label, path, replacement, issuePath) => {
    const result = parseTargetEvent('target.removed', withField(removed, path, replacement));
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-payload');
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(issuePath);
  });

  it.each([
    ['null', null],
    ['string', 'target.added'],
    ['number', 1],
    ['array', [snapshot]],
  ])('payload that is %s', (_label, payload) => {
    const result = parseTargetEvent('target.added', payload);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-payload');
    expect(result.error?.issues[0]?.path).toEqual([]);
  });

  it('snapshot payload on target.removed', () => {
    const result = parseTargetEvent('target.removed', snapshot);
    expect(result.error?.code).toBe('invalid-payload');
  });

  it.each(['target.created', 'targets.added', 'message', '', '__proto__', 'constructor'])('unknown event %j', (name) => {
    const result = parseTargetEvent(name, snapshot);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('unknown-event');
    expect(result.error?.eventName).toBe(name);
    expect(result.error?.eventId).toBe(snapshot.event_id);
  });

  it('foreign project', () => {
    const result = parseTargetEvent('target.added', snapshot, { projectId: uuidFromSeed(500) });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('foreign-project');
    expect(result.error?.eventName).toBe('target.added');
    expect(result.error?.eventId).toBe(snapshot.event_id);
  });

  it('matching project passes', () => {
    const result = parseTargetEvent('target.added', snapshot, { projectId: exampleProjectId });
    expect(result.ok).toBe(true);
  });
});

describe('parseTargetEvent error', () => {
  it('carries name, ids and issues', () => {
    const payload = withField(makePayload('target.updated', { event_id: 'evt-1' }), ['target', 'external_id'], 42);
    const result = parseTargetEvent('target.updated', payload);
    const error = result.error;
    expect(isTargetsError(error)).toBe(true);
    expect(error?.name).toBe('TargetsError');
    expect(error?.code).toBe('invalid-payload');
    expect(error?.eventName).toBe('target.updated');
    expect(error?.eventId).toBe('evt-1');
    expect(error?.issues).toEqual([{ path: ['target', 'external_id'], message: expect.any(String) }]);
    expect(error?.message).toMatch(/^\[livetargets\] /);
    expect(error?.message).toContain('target.external_id');
  });

  it('omits eventId without one', () => {
    const result = parseTargetEvent('target.updated', { channel: 'targets' });
    expect(result.error?.eventId).toBeUndefined();
    expect(result.error?.issues.length).toBeGreaterThan(0);
  });
});

describe('parseTargetEvent prototype safety', () => {
  const dangerousKeys = ['__proto__', 'constructor', 'prototype'];

  function pollutedJson(key: string): string {
    const poison = key === 'constructor' ? '{"prototype":{"polluted":true}}' : '{"polluted":true}';
    const payload = makePayload('target.updated', { target: { target_id: targetId } });
    return JSON.stringify(payload)
      .replace('{"event_id"', `{"${key}":${poison},"event_id"`)
      .replace('{"target_id"', `{"${key}":${poison},"target_id"`);
  }

  it.each(dangerousKeys)('ignores %s keys', (key) => {
    const payload: unknown = JSON.parse(pollutedJson(key));
    expect(Object.prototype.hasOwnProperty.call(payload, key)).toBe(true);
    const before = Object.getOwnPropertyNames(Object.prototype).sort();

    const event = parseOk('target.updated', payload);
    const state = reduceTargets(createTargetsState(), event);
    const target = state.targets.get(targetId);

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(event, key)).toBe(false);
    expect(target).toBeDefined();
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target ?? {})).not.toContain(key);
    expect((target as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores __proto__ in list items', () => {
    const json = JSON.stringify(makeListPage([makeTarget({ target_id: targetId })])).replace(
      '{"target_id"',
      '{"__proto__":{"polluted":true},"target_id"',
    );
    const result = parseTargetListPage(JSON.parse(json));
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const item = result.value?.data[0];
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(item, '__proto__')).toBe(false);
  });
});

describe('parseTargetEvent properties', () => {
  const names = fc.constantFrom(...TARGET_EVENT_NAMES, 'target.created', 'message');

  it('never throws on JSON values', () => {
    fc.assert(
      fc.property(names, fc.jsonValue(), (name, payload) => {
        const result = parseTargetEvent(name, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(isTargetsError(result.error)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any value', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(names, anything, (name, payload) => {
        const result = parseTargetEvent(name, payload);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on near-valid payloads', () => {
    const base = makePayload('target.added', { target: { target_id: targetId } });
    const fieldPaths = [
      ['event_id'], ['emitted_at'], ['channel'], ['project_id'], ['platform'], ['target'],
      ['target', 'target_id'], ['target', 'external_id'], ['target', 'plan_count'], ['target', 'parent_target_id'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...TARGET_EVENT_NAMES), fc.constantFrom(...fieldPaths), fc.jsonValue(), (name, path, value) => {
        const result = parseTargetEvent(name, withField(base, path, value));
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(['invalid-payload']).toContain(result.error.code);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readTargetEventFast', () => {
  /** What the zod schema makes of a payload, in the shape `parseTargetEvent` returns. */
  function zodEvent(name: (typeof TARGET_EVENT_NAMES)[number], payload: unknown): TargetEvent | undefined {
    const schema = name === 'target.removed' ? targetRemovedEventSchema : targetSnapshotEventSchema;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return undefined;
    const { channel: _channel, ...event } = parsed.data;
    return { type: name, ...event } as TargetEvent;
  }

  const removedBase = makePayload('target.removed', { target_id: targetId });
  const snapshotBase = makePayload('target.updated', { target: { target_id: targetId } });
  const fieldPaths = [
    ['event_id'], ['emitted_at'], ['channel'], ['project_id'], ['platform'], ['target'], ['target_id'], ['kind'],
    ['external_id'], ['target', 'target_id'], ['target', 'target_name'], ['target', 'platform'], ['target', 'kind'],
    ['target', 'external_id'], ['target', 'is_enabled'], ['target', 'parent_target_id'], ['target', 'plan_count'],
    ['target', 'participant_count'],
  ] as const;
  const replacement = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(DELETE, undefined, -0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Infinity, NaN, '', targetId, 'TARGETS'),
  );

  it('accepts every vendor example', () => {
    for (const [name, payload] of Object.entries(vendorExamples) as [(typeof TARGET_EVENT_NAMES)[number], unknown][]) {
      expect(readTargetEventFast(name, payload)).toEqual(zodEvent(name, payload));
      expect(readTargetEventFast(name, payload)).toBeDefined();
    }
  });

  it('never accepts what zod rejects', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TARGET_EVENT_NAMES), fc.constantFrom(...fieldPaths), replacement, (name, path, value) => {
        const base = name === 'target.removed' ? removedBase : snapshotBase;
        fc.pre(path.length === 1 || base.target !== undefined);
        const payload = withField(base, path, value);
        const fast = readTargetEventFast(name, payload);
        if (fast !== undefined) expect(fast).toEqual(zodEvent(name, payload));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with zod on any value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TARGET_EVENT_NAMES), fc.anything(), (name, payload) => {
        const fast = readTargetEventFast(name, payload);
        if (fast !== undefined) expect(fast).toEqual(zodEvent(name, payload));
      }),
      { numRuns: 500 },
    );
  });

  it('takes the common valid cases', () => {
    const accepted = [
      snapshotBase,
      withField(snapshotBase, ['target', 'plan_count'], DELETE),
      withField(snapshotBase, ['target', 'participant_count'], null),
      withField(snapshotBase, ['extra'], { nested: true }),
      removedBase,
    ];
    for (const payload of accepted) {
      const name = payload === removedBase ? 'target.removed' : 'target.updated';
      expect(readTargetEventFast(name, payload)).toEqual(zodEvent(name, payload));
      expect(readTargetEventFast(name, payload)).toBeDefined();
    }
  });
});

describe('parseTargetListPage', () => {
  it('parses an envelope', () => {
    const targets = [makeTarget(), makeTarget({ plan_count: undefined, participant_count: null })];
    const result = parseTargetListPage(makeListPage(targets, { total: 10 }));
    expect(result.ok).toBe(true);
    expect(result.value?.total).toBe(10);
    expect(result.value?.data).toHaveLength(2);
    expect(result.value?.data[0]?.target_id).toBe(targets[0]?.target_id);
  });

  it.each([
    ['missing data', 'data', undefined, ['data']],
    ['object data', 'data', {}, ['data']],
    ['negative total', 'total', -1, ['total']],
    ['fractional total', 'total', 2.5, ['total']],
    ['missing ok', 'ok', undefined, ['ok']],
    ['invalid item', 'data', [{ target_id: 'x' }], ['data', 0, 'target_id']],
  ])('rejects %s', (_label, key, value, issuePath) => {
    const page = { ...makeListPage([makeTarget()]), [key]: value };
    const result = parseTargetListPage(page);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-snapshot');
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(issuePath);
  });

  it('rejects a non-object', () => {
    expect(parseTargetListPage('<html>').error?.code).toBe('invalid-snapshot');
  });
});

describe('parseTargetSnapshot', () => {
  it('accepts a target', () => {
    const target = makeTarget();
    expect(parseTargetSnapshot(target).value).toEqual(target);
  });

  it('rejects a numeric external_id', () => {
    const result = parseTargetSnapshot({ ...makeTarget(), external_id: 1 });
    expect(result.error?.code).toBe('invalid-payload');
    expect(result.error?.issues[0]?.path).toEqual(['external_id']);
  });
});
