/**
 * Reason a `TargetsError` was raised.
 *
 * - `invalid-payload`: an event payload failed validation.
 * - `foreign-project`: an event belongs to another project than the client's.
 * - `unknown-event`: an event name that the `targets` channel does not define.
 * - `invalid-snapshot`: the REST list response failed validation.
 * - `snapshot-failed`: the REST list could not be read (network, HTTP status, timeout).
 * - `snapshot-inconsistent`: the list changed between page reads on every attempt.
 * - `unauthorized`: the gateway or the REST API rejected the token.
 * - `connection-failed`: the socket could not connect or lost its connection.
 * - `auth-too-large`: the handshake `auth` object is larger than the gateway accepts.
 * - `server-error`: the gateway sent an `error` system message.
 * - `invalid-options`: the client was created with invalid options.
 * - `destroyed`: the client was used after `destroy()`.
 */
export type TargetsErrorCode =
  | 'invalid-payload'
  | 'foreign-project'
  | 'unknown-event'
  | 'invalid-snapshot'
  | 'snapshot-failed'
  | 'snapshot-inconsistent'
  | 'unauthorized'
  | 'connection-failed'
  | 'auth-too-large'
  | 'server-error'
  | 'invalid-options'
  | 'destroyed';

/** One validation problem: where in the value, and what is wrong. */
export interface TargetsIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Details attached to a `TargetsError`. */
export interface TargetsErrorDetails {
  /** Validation problems, for `invalid-payload` and `invalid-snapshot`. */
  readonly issues?: readonly TargetsIssue[];
  /** The Socket.IO event name the payload arrived on. */
  readonly eventName?: string;
  /** The payload's `event_id`, when it had a string one. */
  readonly eventId?: string;
  /** The underlying error, when one was caught. */
  readonly cause?: unknown;
}

const BRAND = Symbol.for('livetargets.TargetsError');

/**
 * The one error type of livetargets. Its `code` names what failed, and its
 * message starts with `[livetargets]` and tells what to do. Messages are built
 * without the token or the auth object.
 *
 * @example
 * ```ts
 * client.errors$.subscribe((error) => {
 *   if (error.code === 'unauthorized') showLoginPrompt();
 * });
 * ```
 */
export class TargetsError extends Error {
  override readonly name = 'TargetsError';
  readonly code: TargetsErrorCode;
  readonly issues: readonly TargetsIssue[];
  readonly eventName: string | undefined;
  readonly eventId: string | undefined;

  constructor(code: TargetsErrorCode, message: string, details: TargetsErrorDetails = {}) {
    super(
      message.startsWith('[livetargets]') ? message : `[livetargets] ${message}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.issues = details.issues ?? [];
    this.eventName = details.eventName;
    this.eventId = details.eventId;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Returns whether `value` is a `TargetsError`, also when it comes from another
 * copy of this package (two bundles, or ESM and CJS side by side).
 *
 * @example
 * ```ts
 * if (isTargetsError(error) && error.code === 'foreign-project') ignore();
 * ```
 */
export function isTargetsError(value: unknown): value is TargetsError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
