import { TargetsError } from './errors';
import { DEFAULT_PAGE_SIZE, targetsPath } from './protocol';
import { parseTargetListPage, parseTargetSnapshot } from './schema';
import type { TargetSnapshot } from './types';

/** Arguments of one list read. */
export interface FetchSnapshotContext {
  readonly projectId: string;
  /** A fresh token from the `token` option. Never log it. */
  readonly token: string;
  /** Aborted when the client no longer needs the read (destroy, reconnect). */
  readonly signal: AbortSignal;
}

/** Reads the whole list of a project's targets. Replaces the built-in REST reader. */
export type FetchSnapshot = (context: FetchSnapshotContext) => Promise<readonly TargetSnapshot[]>;

/** Options of the built-in REST list reader. */
export interface RestReaderOptions {
  /** REST base URL, e.g. `https://api.botsubscription.com`. */
  readonly apiUrl: string;
  /** Page size for `limit`. Default: 500. */
  readonly pageSize?: number;
  /** Timeout of one page request, in ms. Default: 10,000. */
  readonly timeoutMs?: number;
  /** Reads of the whole list when `total` changes between pages, before the last read is used as it is. Default: 3. */
  readonly maxReads?: number;
  /** Called when the list kept changing during every read; the last read is used anyway. */
  readonly onInconsistent?: (error: TargetsError) => void;
  /** `fetch` implementation. Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * Returns the delay before retry `attempt` (from 0): base·2ⁿ capped at `maxMs`,
 * of which a random half is jitter, so the delay lies between half and all of it.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

async function readPage(
  options: RestReaderOptions,
  context: FetchSnapshotContext,
  offset: number,
  limit: number,
): Promise<{ total: number; data: readonly TargetSnapshot[] }> {
  const url = new URL(targetsPath(context.projectId), options.apiUrl);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = AbortSignal.any([context.signal, timeout]);
  const fetchImpl = options.fetch ?? fetch;

  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { Authorization: `Bearer ${context.token}`, Accept: 'application/json' },
      signal,
    });
  } catch (cause) {
    if (context.signal.aborted) throw abortError(context.signal);
    const reason = timeout.aborted ? `timed out after ${options.timeoutMs ?? 10_000} ms` : 'failed';
    throw new TargetsError('snapshot-failed', `Reading the targets list at ${url.origin}${url.pathname} ${reason}. The client retries with backoff.`, { cause });
  }

  if (response.status === 401 || response.status === 403) {
    throw new TargetsError(
      'unauthorized',
      `The REST API rejected the token with HTTP ${response.status} for project ${JSON.stringify(context.projectId)}. Check the token option; the client asks for a new token and retries.`,
    );
  }
  if (!response.ok) {
    throw new TargetsError(
      'snapshot-failed',
      `Reading the targets list at ${url.origin}${url.pathname} failed with HTTP ${response.status}. The client retries with backoff.`,
    );
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new TargetsError('invalid-snapshot', `The targets list at ${url.origin}${url.pathname} is not valid JSON. Check the apiUrl option.`, { cause });
  }
  const page = parseTargetListPage(body);
  if (!page.ok) throw page.error;
  if (!page.value.ok) {
    throw new TargetsError('snapshot-failed', `The targets list response at ${url.origin}${url.pathname} has ok: false (code ${String(page.value.code)}).`);
  }
  return page.value;
}

/**
 * Makes the built-in list reader: pages through `GET /v2/projects/{id}/targets`
 * with `limit`/`offset` and `Authorization: Bearer`, validates each page, and
 * reads the whole list again when `total` changes between pages, because
 * offset paging can then skip or repeat a target.
 *
 * @example
 * ```ts
 * const read = createRestReader({ apiUrl: 'http://127.0.0.1:4600' });
 * const targets = await read({ projectId, token, signal: AbortSignal.timeout(30_000) });
 * ```
 */
export function createRestReader(options: RestReaderOptions): FetchSnapshot {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxReads = options.maxReads ?? 3;

  return async (context) => {
    let targets: TargetSnapshot[] = [];
    for (let read = 1; read <= maxReads; read++) {
      targets = [];
      const first = await readPage(options, context, 0, pageSize);
      targets.push(...first.data);
      let consistent = true;
      while (targets.length < first.total) {
        const page = await readPage(options, context, targets.length, pageSize);
        if (page.total !== first.total) consistent = false;
        if (page.data.length === 0) break;
        targets.push(...page.data);
      }
      if (consistent && targets.length === first.total) return targets;
    }
    options.onInconsistent?.(
      new TargetsError(
        'snapshot-inconsistent',
        `The targets list changed while it was read, ${maxReads} times in a row; the last read was used. Live events correct what it missed.`,
      ),
    );
    return targets;
  };
}

/**
 * Validates the items a custom `fetchSnapshot` returned. Invalid items are
 * left out and reported, so one bad target does not block the whole list.
 */
export function validateSnapshot(
  items: readonly unknown[],
  onInvalid: (error: TargetsError) => void,
): TargetSnapshot[] {
  const valid: TargetSnapshot[] = [];
  for (const item of items) {
    const result = parseTargetSnapshot(item);
    if (result.ok) valid.push(result.value);
    else onInvalid(new TargetsError('invalid-snapshot', `${result.error.message} The target was left out of the list.`, { issues: result.error.issues }));
  }
  return valid;
}
