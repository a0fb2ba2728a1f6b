import * as z from 'zod/mini';
import { TargetsError, type TargetsIssue } from './errors';
import { isTargetEventName, TARGETS_CHANNEL, type TargetEventName } from './protocol';
import type { TargetEvent, TargetListPage, TargetSnapshot } from './types';

const UUID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// zod/mini ships no message locale, so each schema names what it expects.
const string = () => z.string({ error: 'expected a string' });
const nonEmptyString = string().check(z.minLength(1, 'expected a non-empty string'));
const uuidShaped = string().check(z.regex(UUID_SHAPE, 'expected a UUID (8-4-4-4-12 hex digits)'));
const boolean = z.boolean({ error: 'expected a boolean' });
const nonNegativeInteger = z
  .int({ error: 'expected a non-negative integer' })
  .check(z.nonnegative('expected a non-negative integer'));
const count = z.optional(z.nullable(nonNegativeInteger));

/** Schema of a target snapshot. Unknown fields are stripped from the output. */
export const targetSnapshotSchema = z.object({
  target_id: uuidShaped,
  target_name: string(),
  platform: nonEmptyString,
  kind: nonEmptyString,
  external_id: string(),
  is_enabled: boolean,
  parent_target_id: z.nullable(uuidShaped),
  plan_count: count,
  participant_count: count,
});

const envelope = {
  event_id: nonEmptyString,
  emitted_at: z
    .number({ error: 'expected a finite, non-negative epoch time in ms' })
    .check(z.nonnegative('expected a finite, non-negative epoch time in ms')),
  channel: z.literal(TARGETS_CHANNEL, { error: `expected "${TARGETS_CHANNEL}"` }),
  project_id: nonEmptyString,
  platform: nonEmptyString,
};

/** Schema of `target.added`, `target.enabled`, `target.disabled` and `target.updated` payloads. */
export const targetSnapshotEventSchema = z
  .object(
    { ...envelope, target: z.object(targetSnapshotSchema.def.shape, { error: 'expected a target object' }) },
    { error: 'expected an object' },
  )
  .check(
    z.refine((event) => event.platform === event.target.platform, {
      message: 'expected the top-level platform to equal target.platform',
      path: ['platform'],
    }),
  );

/** Schema of `target.removed` payloads. */
export const targetRemovedEventSchema = z.object(
  {
    ...envelope,
    target_id: uuidShaped,
    kind: nonEmptyString,
    external_id: string(),
  },
  { error: 'expected an object' },
);

/** Schema of the REST list envelope. */
export const targetListPageSchema = z.object(
  {
  ok: boolean,
  request_id: z.optional(string()),
  method: z.optional(string()),
  path: z.optional(string()),
  code: z.optional(z.number({ error: 'expected a number' })),
  total: nonNegativeInteger,
  data: z.array(targetSnapshotSchema, { error: 'expected an array of targets' }),
  },
  { error: 'expected an object' },
);

/** Result of `parseTargetEvent`: the event, or the reason it was rejected. */
export type ParseEventResult =
  | { readonly ok: true; readonly event: TargetEvent; readonly error?: undefined }
  | { readonly ok: false; readonly event?: undefined; readonly error: TargetsError };

/** Result of `parseTargetListPage` and `parseTargetSnapshot`. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly error?: undefined }
  | { readonly ok: false; readonly value?: undefined; readonly error: TargetsError };

/** Options of `parseTargetEvent`. */
export interface ParseTargetEventOptions {
  /** When set, an event of another project is rejected with `foreign-project`. Default: no check. */
  readonly projectId?: string;
}

function toIssues(error: z.core.$ZodError): TargetsIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
}

function formatIssues(issues: readonly TargetsIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}

// Fast path: plain checks that accept a subset of what the zod schemas accept
// and build the same output, several times faster than `safeParse`. The zod
// schemas stay the specification: a payload the fast path does not accept goes
// through zod, which accepts it or explains why not. A property test checks
// that the fast path never accepts what zod rejects and always builds zod's output.

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isUuidShaped = (value: unknown): value is string => typeof value === 'string' && UUID_SHAPE.test(value);
const isCount = (value: unknown): boolean =>
  value === undefined || value === null || (Number.isSafeInteger(value) && (value as number) >= 0);

function readSnapshotFast(value: unknown): TargetSnapshot | undefined {
  if (!isRecord(value)) return undefined;
  const { target_id, target_name, platform, kind, external_id, is_enabled, parent_target_id, plan_count, participant_count } = value;
  if (
    !isUuidShaped(target_id) ||
    typeof target_name !== 'string' ||
    !isNonEmptyString(platform) ||
    !isNonEmptyString(kind) ||
    typeof external_id !== 'string' ||
    typeof is_enabled !== 'boolean' ||
    (parent_target_id !== null && !isUuidShaped(parent_target_id)) ||
    !isCount(plan_count) ||
    !isCount(participant_count)
  ) {
    return undefined;
  }

  const snapshot: { -readonly [K in keyof TargetSnapshot]: TargetSnapshot[K] } = {
    target_id,
    target_name,
    platform,
    kind,
    external_id,
    is_enabled,
    parent_target_id,
  };
  if (plan_count !== undefined) snapshot.plan_count = plan_count as number | null;
  if (participant_count !== undefined) snapshot.participant_count = participant_count as number | null;
  return snapshot;
}

/** Reads a valid event on the fast path, or returns `undefined` so that zod decides. */
export function readTargetEventFast(name: TargetEventName, payload: unknown): TargetEvent | undefined {
  if (!isRecord(payload)) return undefined;
  const { event_id, emitted_at, channel, project_id, platform } = payload;
  if (
    !isNonEmptyString(event_id) ||
    typeof emitted_at !== 'number' ||
    !Number.isFinite(emitted_at) ||
    emitted_at < 0 ||
    channel !== TARGETS_CHANNEL ||
    !isNonEmptyString(project_id) ||
    !isNonEmptyString(platform)
  ) {
    return undefined;
  }

  if (name === 'target.removed') {
    const { target_id, kind, external_id } = payload;
    if (!isUuidShaped(target_id) || !isNonEmptyString(kind) || typeof external_id !== 'string') return undefined;
    return { type: name, event_id, emitted_at, project_id, platform, target_id, kind, external_id };
  }

  const target = readSnapshotFast(payload.target);
  if (target === undefined || target.platform !== platform) return undefined;
  return { type: name, event_id, emitted_at, project_id, platform, target };
}

function readEventId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const eventId: unknown = (payload as Record<string, unknown>).event_id;
  return typeof eventId === 'string' ? eventId : undefined;
}

/**
 * Validates one Socket.IO event of the `targets` channel. Never throws: an
 * invalid payload, an unknown event name or another project's event comes
 * back as `{ ok: false, error }` with a `TargetsError`.
 *
 * The returned event holds only the documented fields; unknown fields of the
 * payload are dropped.
 *
 * @example
 * ```ts
 * const result = parseTargetEvent('target.updated', payload, { projectId });
 * if (result.ok) state = reduceTargets(state, result.event);
 * else console.warn(result.error.message);
 * ```
 */
export function parseTargetEvent(
  name: string,
  payload: unknown,
  options: ParseTargetEventOptions = {},
): ParseEventResult {
  const eventId = readEventId(payload);
  if (!isTargetEventName(name)) {
    return {
      ok: false,
      error: new TargetsError(
        'unknown-event',
        `Unknown event "${String(name)}" on the targets channel. The event was ignored; a newer server may send events this version of livetargets does not know.`,
        { eventName: String(name), ...(eventId === undefined ? {} : { eventId }) },
      ),
    };
  }

  const fast = readTargetEventFast(name, payload);
  if (fast !== undefined) return checkProject(fast, options);

  const parsed =
    name === 'target.removed'
      ? targetRemovedEventSchema.safeParse(payload)
      : targetSnapshotEventSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    return {
      ok: false,
      error: new TargetsError(
        'invalid-payload',
        `Invalid "${name}" payload${eventId === undefined ? '' : ` (event_id ${JSON.stringify(eventId)})`}: ${formatIssues(issues)}. The event was dropped and the state is unchanged.`,
        { issues, eventName: name, ...(eventId === undefined ? {} : { eventId }) },
      ),
    };
  }

  const { channel: _channel, ...event } = parsed.data;
  return checkProject({ type: name, ...event } as TargetEvent, options);
}

function checkProject(event: TargetEvent, options: ParseTargetEventOptions): ParseEventResult {
  if (options.projectId !== undefined && event.project_id !== options.projectId) {
    return {
      ok: false,
      error: new TargetsError(
        'foreign-project',
        `"${event.type}" event ${JSON.stringify(event.event_id)} belongs to project ${JSON.stringify(event.project_id)}, not to this client's project ${JSON.stringify(options.projectId)}. The event was dropped; check the projectId option.`,
        { eventName: event.type, eventId: event.event_id },
      ),
    };
  }
  return { ok: true, event };
}

/**
 * Validates one page of the REST list. Never throws: an invalid page comes
 * back as `{ ok: false, error }` with code `invalid-snapshot`.
 *
 * @example
 * ```ts
 * const result = parseTargetListPage(await response.json());
 * if (result.ok) console.log(result.value.total);
 * ```
 */
export function parseTargetListPage(payload: unknown): ParseResult<TargetListPage> {
  const parsed = targetListPageSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    return {
      ok: false,
      error: new TargetsError(
        'invalid-snapshot',
        `Invalid targets list response: ${formatIssues(issues)}. Check that apiUrl points at the BotSubscription REST API.`,
        { issues },
      ),
    };
  }
  return { ok: true, value: parsed.data as TargetListPage };
}

/** Validates one target snapshot, as in a REST list or a `target` field. */
export function parseTargetSnapshot(payload: unknown): ParseResult<TargetSnapshot> {
  const parsed = targetSnapshotSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    return {
      ok: false,
      error: new TargetsError('invalid-payload', `Invalid target: ${formatIssues(issues)}.`, { issues }),
    };
  }
  return { ok: true, value: parsed.data as TargetSnapshot };
}
