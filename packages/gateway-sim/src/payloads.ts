import { TARGETS_CHANNEL, type TargetEventName, type TargetSnapshot } from '@livetargets/core';
import type { Random } from './random';
import type { StoredTarget } from './store';

/** Payload of `target.added`, `target.enabled`, `target.disabled` and `target.updated`. */
export interface SnapshotEventPayload {
  readonly event_id: string;
  readonly emitted_at: number;
  readonly channel: typeof TARGETS_CHANNEL;
  readonly project_id: string;
  readonly platform: string;
  readonly target: TargetSnapshot;
}

/** Payload of `target.removed`. */
export interface RemovedEventPayload {
  readonly event_id: string;
  readonly emitted_at: number;
  readonly channel: typeof TARGETS_CHANNEL;
  readonly project_id: string;
  readonly platform: string;
  readonly target_id: string;
  readonly kind: string;
  readonly external_id: string;
}

/** Payload of any event of the `targets` channel. */
export type TargetEventPayload = SnapshotEventPayload | RemovedEventPayload;

/** Envelope fields shared by every event: id, time and project. */
export interface EventStamp {
  readonly event_id: string;
  readonly emitted_at: number;
  readonly project_id: string;
}

/** Returns the wire snapshot of a stored target, optionally without the two counts. */
export function toSnapshot(target: StoredTarget, omitCounts = false): TargetSnapshot {
  const snapshot: TargetSnapshot = {
    target_id: target.target_id,
    target_name: target.target_name,
    platform: target.platform,
    kind: target.kind,
    external_id: target.external_id,
    is_enabled: target.is_enabled,
    parent_target_id: target.parent_target_id,
  };
  return omitCounts
    ? snapshot
    : { ...snapshot, plan_count: target.plan_count, participant_count: target.participant_count };
}

/** Builds a snapshot event payload. */
export function snapshotPayload(stamp: EventStamp, target: StoredTarget, omitCounts = false): SnapshotEventPayload {
  return {
    event_id: stamp.event_id,
    emitted_at: stamp.emitted_at,
    channel: TARGETS_CHANNEL,
    project_id: stamp.project_id,
    platform: target.platform,
    target: toSnapshot(target, omitCounts),
  };
}

/** Builds a `target.removed` payload: the target's identity, no snapshot. */
export function removedPayload(stamp: EventStamp, target: StoredTarget): RemovedEventPayload {
  return {
    event_id: stamp.event_id,
    emitted_at: stamp.emitted_at,
    channel: TARGETS_CHANNEL,
    project_id: stamp.project_id,
    platform: target.platform,
    target_id: target.target_id,
    kind: target.kind,
    external_id: target.external_id,
  };
}

const SNAPSHOT_FIELDS = [
  'target_name',
  'platform',
  'kind',
  'external_id',
  'parent_target_id',
  'plan_count',
  'participant_count',
] as const;

/**
 * Returns the event a change from `before` to `after` fires, or `undefined`
 * for a no-op. An `is_enabled` flip wins over metadata changes made in the
 * same update, so it fires only `target.enabled` or `target.disabled`.
 */
export function eventForChange(before: StoredTarget, after: StoredTarget): TargetEventName | undefined {
  if (before.is_enabled !== after.is_enabled) return after.is_enabled ? 'target.enabled' : 'target.disabled';
  return SNAPSHOT_FIELDS.some((field) => before[field] !== after[field]) ? 'target.updated' : undefined;
}

/** Ways `malformedCopy` breaks a payload. */
export const MALFORMATIONS = [
  'numeric-external-id',
  'missing-field',
  'bad-uuid',
  'wrong-channel',
  'string-boolean',
  'platform-mismatch',
] as const;

/** One way of breaking a payload. */
export type Malformation = (typeof MALFORMATIONS)[number];

/**
 * Returns a broken copy of `payload` with its own `event_id` and `emitted_at`,
 * as a faulty server could send it. The copy fails the documented schema in
 * exactly one way, picked by `random`.
 */
export function malformedCopy(
  payload: TargetEventPayload,
  stamp: Omit<EventStamp, 'project_id'>,
  random: Random,
): { kind: Malformation; payload: Record<string, unknown> } {
  const copy: Record<string, unknown> = { ...payload, event_id: stamp.event_id, emitted_at: stamp.emitted_at };
  const hasTarget = 'target' in payload;
  const target: Record<string, unknown> | undefined = hasTarget ? { ...payload.target } : undefined;
  const body = target ?? copy;
  const kind = random.pick(hasTarget ? MALFORMATIONS : MALFORMATIONS.filter((k) => k !== 'string-boolean' && k !== 'platform-mismatch'));

  switch (kind) {
    case 'numeric-external-id':
      // Number() rounds a 19-digit snowflake: the bug this fault reproduces.
      body.external_id = Number(body.external_id);
      break;
    case 'missing-field':
      delete body[hasTarget ? 'target_name' : 'target_id'];
      break;
    case 'bad-uuid':
      body.target_id = `not-a-uuid-${String(body.target_id).slice(0, 8)}`;
      break;
    case 'wrong-channel':
      copy.channel = 'payment-requests';
      break;
    case 'string-boolean':
      body.is_enabled = String(body.is_enabled);
      break;
    case 'platform-mismatch':
      copy.platform = payload.platform === 'discord' ? 'telegram' : 'discord';
      break;
  }
  if (target !== undefined) copy.target = target;
  return { kind, payload: copy };
}
