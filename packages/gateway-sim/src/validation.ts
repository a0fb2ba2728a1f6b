/** Fields `updateTarget` accepts. */
export const API_PATCH_FIELDS = [
  'is_enabled',
  'target_name',
  'plan_count',
  'participant_count',
  'kind',
  'external_id',
  'parent_target_id',
] as const;

/** Fields the REST `PATCH` accepts, as the vendor documents. */
export const REST_PATCH_FIELDS = ['is_enabled', 'target_name'] as const;

/** A change to one target. Absent fields stay as they are. */
export interface TargetPatch {
  readonly is_enabled?: boolean;
  readonly target_name?: string;
  readonly plan_count?: number;
  readonly participant_count?: number;
  readonly kind?: string;
  readonly external_id?: string;
  /** A guild of the same project and platform, or `null` for a top-level target. */
  readonly parent_target_id?: string | null;
}

/** Why an input was rejected: a machine-readable code and a message for people. */
export interface InputProblem {
  readonly error: 'invalid_body' | 'unknown_field' | 'invalid_field' | 'empty_patch';
  readonly message: string;
}

/** Maximum length of `target_name`, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXTERNAL_ID = /^-?\d{1,24}$/;

/** Returns whether `value` is UUID-shaped (8-4-4-4-12 hex digits). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Returns the problem with one field's value, or `undefined` when it is valid. */
export function checkField(field: string, value: unknown): string | undefined {
  switch (field) {
    case 'is_enabled':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'target_name':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_NAME_LENGTH
        ? undefined
        : `must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`;
    case 'plan_count':
    case 'participant_count':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'must be a non-negative integer';
    case 'kind':
    case 'platform':
      return typeof value === 'string' && /^[a-z][a-z_-]{0,31}$/.test(value)
        ? undefined
        : 'must be a lowercase word such as "guild" or "channel"';
    case 'external_id':
      return typeof value === 'string' && EXTERNAL_ID.test(value)
        ? undefined
        : 'must be a string of digits, optionally with a leading "-" (for example "123456789012345678")';
    case 'parent_target_id':
      return value === null || isUuid(value) ? undefined : 'must be a target UUID or null';
    case 'target_id':
      return isUuid(value) ? undefined : 'must be a UUID';
    default:
      return 'is not a known field';
  }
}

/**
 * Validates a patch: a plain object with at least one of `allowed`, each of
 * the right type. Returns the patch or the first problem found.
 */
export function readPatch(
  value: unknown,
  allowed: readonly string[],
): { ok: true; patch: TargetPatch } | { ok: false; problem: InputProblem } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: { error: 'invalid_body', message: `Expected a JSON object with ${allowed.join(' and/or ')}.` },
    };
  }
  const entries = Object.entries(value);
  for (const [field, fieldValue] of entries) {
    if (!allowed.includes(field)) {
      return {
        ok: false,
        problem: {
          error: 'unknown_field',
          message: `Unknown field "${field}". Only ${allowed.join(', ')} can be changed.`,
        },
      };
    }
    const problem = checkField(field, fieldValue);
    if (problem !== undefined) {
      return {
        ok: false,
        problem: { error: 'invalid_field', message: `Invalid "${field}": ${problem}, got ${describe(fieldValue)}.` },
      };
    }
  }
  if (entries.length === 0) {
    return {
      ok: false,
      problem: { error: 'empty_patch', message: `The patch is empty. Send at least one of ${allowed.join(', ')}.` },
    };
  }
  return { ok: true, patch: value as TargetPatch };
}

/** Returns a short description of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
