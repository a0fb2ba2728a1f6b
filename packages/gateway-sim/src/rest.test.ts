import { parseTargetListPage, targetPath, targetsPath, type TargetSnapshot } from '@livetargets/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from './index';
import { readAllTargets, rest, SocketPool } from './test-support';
import type { Gateway } from './types';

let gateway: Gateway | undefined;
const pool = new SocketPool();

afterEach(async () => {
  pool.closeAll();
  await gateway?.close();
  gateway = undefined;
});

async function start(targets = 25): Promise<Gateway> {
  gateway = await startGateway({ port: 0, targets });
  return gateway;
}

function expectErrorEnvelope(body: Record<string, unknown> | undefined, status: number, error: string): void {
  expect(body).toMatchObject({ ok: false, code: status, error });
  expect(typeof body?.message).toBe('string');
  expect(typeof body?.request_id).toBe('string');
}

describe('REST list', () => {
  it('pages with limit, offset and total', async () => {
    const gw = await start(250);
    const pages: TargetSnapshot[] = [];
    for (let offset = 0; offset < 300; offset += 100) {
      const { status, body } = await rest(gw, `${targetsPath(gw.projectId)}?limit=100&offset=${offset}`);
      expect(status).toBe(200);
      const page = parseTargetListPage(body);
      expect(page.error?.message).toBeUndefined();
      expect(page.value?.total).toBe(250);
      pages.push(...(page.value?.data ?? []));
    }
    expect(pages).toHaveLength(250);
    expect(pages).toEqual(gw.listTargets());
    expect(new Set(pages.map((t) => t.target_id)).size).toBe(250);
  });

  it('returns the envelope fields', async () => {
    const gw = await start(150);
    const path = targetsPath(gw.projectId);
    const { body } = await rest(gw, path);
    expect(body).toMatchObject({ ok: true, method: 'GET', path, code: 200, total: 150 });
    expect(typeof body?.request_id).toBe('string');
    expect(body?.data).toHaveLength(100);
  });

  it('rejects bad limit and offset', async () => {
    const gw = await start();
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'limit=-5', 'offset=-1', 'offset=1.5', 'limit=']) {
      const { status, body } = await rest(gw, `${targetsPath(gw.projectId)}?${query}`);
      expect(status, query).toBe(400);
      expectErrorEnvelope(body, 400, 'invalid_query');
    }
  });

  it('accepts the largest limit', async () => {
    const gw = await start(1200);
    const { body } = await rest(gw, `${targetsPath(gw.projectId)}?limit=1000&offset=1000`);
    expect(body?.total).toBe(1200);
    expect(body?.data).toHaveLength(200);
  });

  it('requires a token for the project', async () => {
    const gw = await start();
    const other = gw.addProject();
    const path = targetsPath(gw.projectId);
    for (const token of [null, 'wrong.token.value', other.token]) {
      const { status, body, headers } = await rest(gw, path, { token });
      expect(status).toBe(401);
      expectErrorEnvelope(body, 401, 'unauthorized');
      expect(headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.stringify(body)).not.toContain(other.token);
    }
    expect((await rest(gw, targetsPath(other.projectId), { token: other.token })).status).toBe(200);
  });

  it('pages a large list to the end', async () => {
    const gw = await start(2500);
    expect(await readAllTargets(gw)).toEqual(gw.listTargets());
  });
});

describe('REST target', () => {
  it('returns one target', async () => {
    const gw = await start();
    const target = gw.listTargets()[3] as TargetSnapshot;
    const { status, body } = await rest(gw, targetPath(gw.projectId, target.target_id));
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, code: 200, data: target });
  });

  it('returns empty data when not found', async () => {
    const gw = await start();
    const { status, body } = await rest(gw, targetPath(gw.projectId, '00000000-0000-4000-8000-000000000000'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, data: {} });
  });

  it('PATCH sends target.updated', async () => {
    const gw = await start();
    const { socket, inbox } = await pool.subscribed(gw);
    const target = gw.listTargets()[0] as TargetSnapshot;
    const { status, body } = await rest(gw, targetPath(gw.projectId, target.target_id), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target_name: 'Новое имя 🎉' }),
    });
    expect(status).toBe(200);
    expect(body?.data).toEqual({ ...target, target_name: 'Новое имя 🎉' });
    await inbox.flush(socket);
    expect(inbox.targetEvents().map((item) => item.event)).toEqual(['target.updated']);
    expect(inbox.targetEvents()[0]?.payload.target).toEqual(body?.data);
  });

  it('PATCH with enable and rename sends one event', async () => {
    const gw = await start();
    const { socket, inbox } = await pool.subscribed(gw);
    const target = gw.listTargets()[0] as TargetSnapshot;
    await rest(gw, targetPath(gw.projectId, target.target_id), {
      method: 'PATCH',
      body: JSON.stringify({ is_enabled: !target.is_enabled, target_name: 'Renamed' }),
    });
    await inbox.flush(socket);
    expect(inbox.targetEvents().map((item) => item.event)).toEqual([target.is_enabled ? 'target.disabled' : 'target.enabled']);
    expect(gw.getTarget(target.target_id)).toMatchObject({ target_name: 'Renamed', is_enabled: !target.is_enabled });
  });

  it('PATCH with no change sends nothing', async () => {
    const gw = await start();
    const { socket, inbox } = await pool.subscribed(gw);
    const target = gw.listTargets()[0] as TargetSnapshot;
    const { status } = await rest(gw, targetPath(gw.projectId, target.target_id), {
      method: 'PATCH',
      body: JSON.stringify({ is_enabled: target.is_enabled }),
    });
    expect(status).toBe(200);
    await inbox.flush(socket);
    expect(inbox.targetEvents()).toEqual([]);
  });

  it('PATCH rejects bad input', async () => {
    const gw = await start();
    const target = gw.listTargets()[0] as TargetSnapshot;
    const path = targetPath(gw.projectId, target.target_id);
    const cases: [string, number, string][] = [
      ['{"is_enabled":"yes"}', 400, 'invalid_field'],
      ['{"target_name":""}', 400, 'invalid_field'],
      ['{"plan_count":3}', 400, 'unknown_field'],
      ['{"target_name":"ok","color":"red"}', 400, 'unknown_field'],
      ['{}', 400, 'empty_patch'],
      ['[true]', 400, 'invalid_body'],
      ['{"is_enabled":', 400, 'invalid_json'],
      ['', 400, 'invalid_json'],
      [JSON.stringify({ target_name: 'x'.repeat(20_000) }), 413, 'body_too_large'],
    ];
    for (const [body, status, error] of cases) {
      const response = await rest(gw, path, { method: 'PATCH', body });
      expect(response.status, body.slice(0, 40)).toBe(status);
      expectErrorEnvelope(response.body, status, error);
    }
    expect(gw.getTarget(target.target_id)).toEqual(target);
    expect(gw.stats().eventsEmitted).toBe(0);
  });

  it('PATCH of an unknown target is 404', async () => {
    const gw = await start();
    const { status, body } = await rest(gw, targetPath(gw.projectId, '00000000-0000-4000-8000-000000000000'), {
      method: 'PATCH',
      body: '{"is_enabled":true}',
    });
    expect(status).toBe(404);
    expectErrorEnvelope(body, 404, 'target_not_found');
  });

  it('DELETE returns 204 and sends target.removed', async () => {
    const gw = await start();
    const { socket, inbox } = await pool.subscribed(gw);
    const target = gw.listTargets().find((t) => t.parent_target_id !== null) as TargetSnapshot;
    const { status, body } = await rest(gw, targetPath(gw.projectId, target.target_id), { method: 'DELETE' });
    expect(status).toBe(204);
    expect(body).toBeUndefined();
    await inbox.flush(socket);
    expect(inbox.targetEvents().map((item) => [item.event, item.payload.target_id])).toEqual([
      ['target.removed', target.target_id],
    ]);
    expect((await rest(gw, targetPath(gw.projectId, target.target_id), { method: 'DELETE' })).status).toBe(404);
  });

  it('rejects other methods and routes', async () => {
    const gw = await start();
    const list = await rest(gw, targetsPath(gw.projectId), { method: 'POST', body: '{}' });
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('GET, OPTIONS');
    expectErrorEnvelope(list.body, 405, 'method_not_allowed');
    const unknown = await rest(gw, '/v2/projects');
    expect(unknown.status).toBe(404);
    expectErrorEnvelope(unknown.body, 404, 'not_found');
  });
});

describe('CORS', () => {
  it('answers a local preflight', async () => {
    const gw = await start();
    const response = await fetch(`${gw.apiUrl}${targetPath(gw.projectId, 'x')}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('allows loopback origins only', async () => {
    const gw = await start();
    const get = (origin: string) => rest(gw, targetsPath(gw.projectId), { headers: { origin } });
    expect((await get('http://127.0.0.1:4173')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect((await get('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('http://localhost.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
