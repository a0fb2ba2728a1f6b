import { makeTarget, uuidFromSeed } from '@livetargets/test-utils';
import { describe, expect, it } from 'vitest';
import type { TargetsError } from './errors';
import { backoffDelay, createRestReader, validateSnapshot } from './sync';
import type { TargetSnapshot } from './types';

const projectId = uuidFromSeed(500);
const apiUrl = 'http://127.0.0.1:9';

function context() {
  return { projectId, token: 'secret-token', signal: new AbortController().signal };
}

/** A `fetch` that serves `pages(offset, limit, call)` as list envelopes and records each request. */
function fakeFetch(pages: (offset: number, limit: number, call: number) => { total: number; data: unknown[] } | Response) {
  const requests: { url: URL; authorization: string | null }[] = [];
  const fetchImpl = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push({ url, authorization: new Headers(init?.headers).get('Authorization') });
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const page = pages(offset, limit, requests.length);
    if (page instanceof Response) return page;
    return Response.json({ ok: true, request_id: 'r', method: 'GET', path: url.pathname, code: 200, ...page });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const targets: TargetSnapshot[] = Array.from({ length: 5 }, (_, index) => makeTarget({ target_name: `Target ${index}` }));

describe('backoffDelay', () => {
  it('doubles and stays within half to all', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const ceiling = 100 * 2 ** attempt;
      expect(backoffDelay(attempt, 100, 10_000, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, 100, 10_000, () => 1)).toBe(ceiling);
    }
  });

  it('caps at the maximum', () => {
    expect(backoffDelay(40, 100, 5_000, () => 1)).toBe(5_000);
    expect(backoffDelay(40, 100, 5_000, () => 0)).toBe(2_500);
  });
});

describe('createRestReader', () => {
  it('reads every page with a bearer token', async () => {
    const { fetchImpl, requests } = fakeFetch((offset, limit) => ({ total: targets.length, data: targets.slice(offset, offset + limit) }));
    const read = createRestReader({ apiUrl, pageSize: 2, fetch: fetchImpl });

    const list = await read(context());

    expect(list.map((target) => target.target_id)).toEqual(targets.map((target) => target.target_id));
    expect(requests.map(({ url }) => url.searchParams.get('offset'))).toEqual(['0', '2', '4']);
    expect(requests.every(({ authorization }) => authorization === 'Bearer secret-token')).toBe(true);
    expect(requests[0]?.url.pathname).toBe(`/v2/projects/${projectId}/targets`);
  });

  it('reads again when the total changes', async () => {
    const { fetchImpl, requests } = fakeFetch((offset, limit, call) => {
      // The second page of the first read sees one more target than the first page did.
      const total = call === 2 ? targets.length + 1 : targets.length;
      return { total, data: targets.slice(offset, offset + limit) };
    });
    const read = createRestReader({ apiUrl, pageSize: 3, fetch: fetchImpl });

    const list = await read(context());

    expect(list).toHaveLength(targets.length);
    expect(requests).toHaveLength(4);
  });

  it('reports a list that never settles', async () => {
    const reported: TargetsError[] = [];
    const { fetchImpl } = fakeFetch((offset, limit, call) => ({ total: targets.length + (call % 2), data: targets.slice(offset, offset + limit) }));
    const read = createRestReader({ apiUrl, pageSize: 3, maxReads: 2, fetch: fetchImpl, onInconsistent: (error) => reported.push(error) });

    await read(context());

    expect(reported.map((error) => error.code)).toEqual(['snapshot-inconsistent']);
  });

  it('rejects a 401 as unauthorized', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('{}', { status: 401 }));
    const read = createRestReader({ apiUrl, fetch: fetchImpl });

    const failure = await read(context()).catch((error: TargetsError) => error);

    expect(failure).toMatchObject({ code: 'unauthorized' });
    expect(String((failure as Error).message)).not.toContain('secret-token');
  });

  it('rejects a server error as snapshot-failed', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('oops', { status: 503 }));
    const read = createRestReader({ apiUrl, fetch: fetchImpl });

    await expect(read(context())).rejects.toMatchObject({ code: 'snapshot-failed' });
  });

  it('rejects an invalid envelope', async () => {
    const { fetchImpl } = fakeFetch(() => ({ total: 1, data: [{ target_id: 'not-a-uuid' }] }));
    const read = createRestReader({ apiUrl, fetch: fetchImpl });

    await expect(read(context())).rejects.toMatchObject({ code: 'invalid-snapshot' });
  });

  it('rejects a body that is not JSON', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('<html>', { status: 200 }));
    const read = createRestReader({ apiUrl, fetch: fetchImpl });

    await expect(read(context())).rejects.toMatchObject({ code: 'invalid-snapshot' });
  });

  it('times out a hanging request', async () => {
    const hanging = ((_input: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const read = createRestReader({ apiUrl, timeoutMs: 20, fetch: hanging });

    const failure = await read(context()).catch((error: TargetsError) => error);

    expect(failure).toMatchObject({ code: 'snapshot-failed' });
    expect((failure as Error).message).toContain('timed out after 20 ms');
  });
});

describe('validateSnapshot', () => {
  it('drops and reports invalid items', () => {
    const reported: TargetsError[] = [];
    const valid = validateSnapshot([targets[0], { target_id: 'bad' }, targets[1]], (error) => reported.push(error));

    expect(valid).toHaveLength(2);
    expect(reported.map((error) => error.code)).toEqual(['invalid-snapshot']);
  });
});
