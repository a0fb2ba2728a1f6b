import type {
  TargetEvent,
  TargetEventName,
  TargetRemovedEvent,
  TargetSnapshot,
  TargetSnapshotEvent,
} from '@livetargets/core';

/**
 * The example payloads of the vendor's `targets` channel page, as published.
 * The enabled/disabled and updated examples carry the placeholder
 * `"event_id": "uuid"`, which is a non-empty string and so a valid id.
 */
export const vendorExamples = {
  'target.added': {
    event_id: '9b724ac8-f0e1-4b56-8d7a-2c9c0d11b2f1',
    emitted_at: 1779836400000,
    channel: 'targets',
    project_id: '93425026-6bb8-4f81-a75d-63f538e1a123',
    platform: 'discord',
    target: {
      target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b',
      target_name: 'My Server',
      platform: 'discord',
      kind: 'guild',
      external_id: '123456789012345678',
      is_enabled: true,
      parent_target_id: null,
      plan_count: 0,
      participant_count: 0,
    },
  },
  'target.removed': {
    event_id: '5e2a1b0d-7c61-4d83-9f10-aa00b2c3d4e5',
    emitted_at: 1779836400000,
    channel: 'targets',
    project_id: '93425026-6bb8-4f81-a75d-63f538e1a123',
    platform: 'telegram',
    target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b',
    kind: 'channel',
    external_id: '-1001234567890',
  },
  'target.disabled': {
    event_id: 'uuid',
    emitted_at: 1779836400000,
    channel: 'targets',
    project_id: '93425026-6bb8-4f81-a75d-63f538e1a123',
    platform: 'discord',
    target: {
      target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b',
      target_name: 'My Server',
      platform: 'discord',
      kind: 'guild',
      external_id: '123456789012345678',
      is_enabled: false,
      parent_target_id: null,
    },
  },
  'target.updated': {
    event_id: 'uuid',
    emitted_at: 1779836400000,
    channel: 'targets',
    project_id: '93425026-6bb8-4f81-a75d-63f538e1a123',
    platform: 'discord',
    target: {
      target_id: '1f2e3d4c-5b6a-7e8f-9a0b-1c2d3e4f5a6b',
      target_name: 'My Server (renamed)',
      platform: 'discord',
      kind: 'guild',
      external_id: '123456789012345678',
      is_enabled: true,
      parent_target_id: null,
      plan_count: 3,
      participant_count: 142,
    },
  },
} as const;

/** Project id of the vendor examples, also the default `project_id` of the builders. */
export const exampleProjectId = vendorExamples['target.added'].project_id;

/**
 * Returns a UUID v4-shaped string derived from `seed`: the same seed always
 * gives the same id, and different seeds below 2^48 give different ids.
 */
export function uuidFromSeed(seed: number): string {
  const hex = Math.floor(seed).toString(16).padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}

let uuidCounter = 0;

/** Returns a fresh UUID v4-shaped string, unique within this process. */
export function nextUuid(): string {
  uuidCounter += 1;
  return `${(0x10000000 + uuidCounter).toString(16).slice(-8)}-aaaa-4bbb-8ccc-${uuidCounter.toString(16).padStart(12, '0')}`;
}

/**
 * Builds a valid target snapshot (a Discord guild with counts) with fresh ids;
 * `overrides` replaces any field, `undefined` included.
 */
export function makeTarget(overrides: Partial<TargetSnapshot> = {}): TargetSnapshot {
  const targetId = overrides.target_id ?? nextUuid();
  return {
    target_id: targetId,
    target_name: `Guild ${targetId.slice(-4)}`,
    platform: 'discord',
    kind: 'guild',
    external_id: '112233445566778899',
    is_enabled: true,
    parent_target_id: null,
    plan_count: 1,
    participant_count: 25,
    ...overrides,
  };
}

/** Envelope fields shared by every event builder. */
export interface EventEnvelopeOverrides {
  readonly event_id?: string;
  readonly emitted_at?: number;
  readonly project_id?: string;
  readonly platform?: string;
}

/** Overrides of `makeEvent` for the events that carry a snapshot: `target` is merged into a fresh `makeTarget()`. */
export interface SnapshotEventOverrides extends EventEnvelopeOverrides {
  readonly target?: Partial<TargetSnapshot>;
}

/** Overrides of `makeEvent('target.removed', …)`. */
export interface RemovedEventOverrides extends EventEnvelopeOverrides {
  readonly target_id?: string;
  readonly kind?: string;
  readonly external_id?: string;
}

/** Default `emitted_at` of the builders: the vendor examples' timestamp. */
export const baseEmittedAt = vendorExamples['target.added'].emitted_at;

/**
 * Builds a validated-shape event, as `parseTargetEvent` returns it, with a
 * fresh `event_id` and the top-level `platform` taken from the target.
 *
 * @example
 * ```ts
 * const event = makeEvent('target.updated', { emitted_at: 5, target: { target_id, target_name: 'Renamed' } });
 * ```
 */
export function makeEvent(type: 'target.removed', overrides?: RemovedEventOverrides): TargetRemovedEvent;
export function makeEvent(
  type: Exclude<TargetEventName, 'target.removed'>,
  overrides?: SnapshotEventOverrides,
): TargetSnapshotEvent;
export function makeEvent(
  type: TargetEventName,
  overrides?: SnapshotEventOverrides & RemovedEventOverrides,
): TargetEvent;
export function makeEvent(
  type: TargetEventName,
  overrides: SnapshotEventOverrides & RemovedEventOverrides = {},
): TargetEvent {
  const envelope = {
    event_id: overrides.event_id ?? nextUuid(),
    emitted_at: overrides.emitted_at ?? baseEmittedAt,
    project_id: overrides.project_id ?? exampleProjectId,
  };
  if (type === 'target.removed') {
    return {
      type,
      ...envelope,
      platform: overrides.platform ?? 'discord',
      target_id: overrides.target_id ?? nextUuid(),
      kind: overrides.kind ?? 'guild',
      external_id: overrides.external_id ?? '112233445566778899',
    };
  }
  const target = makeTarget(overrides.target);
  return { type, ...envelope, platform: overrides.platform ?? target.platform, target };
}

/** Turns an event into its wire payload: the same fields without `type`, plus `channel: "targets"`. */
export function toPayload(event: TargetEvent): Record<string, unknown> {
  const { type: _type, ...fields } = event;
  return { ...fields, channel: 'targets' };
}

/** Builds a wire payload for `type`; shorthand for `toPayload(makeEvent(type, overrides))`. */
export function makePayload(
  type: TargetEventName,
  overrides: SnapshotEventOverrides & RemovedEventOverrides = {},
): Record<string, unknown> {
  return toPayload(makeEvent(type, overrides));
}

/** Builds one page of the REST list envelope around `targets`. */
export function makeListPage(
  targets: readonly TargetSnapshot[],
  overrides: { total?: number; projectId?: string } = {},
): Record<string, unknown> {
  const path = `/v2/projects/${overrides.projectId ?? exampleProjectId}/targets`;
  return {
    ok: true,
    request_id: nextUuid(),
    method: 'GET',
    path,
    code: 200,
    total: overrides.total ?? targets.length,
    data: targets,
  };
}
