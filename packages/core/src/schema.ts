import * as z from 'zod/mini';
import { TargetsError, type TargetsIssue } from './errors';
import { isTargetEventName, TARGETS_CHANNEL } from './protocol';
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

  const data = parsed.data;
  if (options.projectId !== undefined && data.project_id !== options.projectId) {
    return {
      ok: false,
      error: new TargetsError(
        'foreign-project',
        `"${name}" event ${JSON.stringify(data.event_id)} belongs to project ${JSON.stringify(data.project_id)}, not to this client's project ${JSON.stringify(options.projectId)}. The event was dropped; check the projectId option.`,
        { eventName: name, eventId: data.event_id },
      ),
    };
  }

  const { channel: _channel, ...event } = data;
  return { ok: true, event: { type: name, ...event } as TargetEvent };
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
