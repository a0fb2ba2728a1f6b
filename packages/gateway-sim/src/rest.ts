import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetSnapshot } from '@livetargets/core';
import type { TokenRegistry } from './auth';
import { toSnapshot } from './payloads';
import type { ProjectStore } from './store';
import type { GatewayLogger } from './types';
import { readPatch, REST_PATCH_FIELDS, type TargetPatch } from './validation';

/** Page size when the request sends no `limit`. */
export const DEFAULT_LIST_LIMIT = 100;
/** Largest `limit` the list accepts. */
export const MAX_LIST_LIMIT = 1000;
/** Largest request body the simulator reads, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const ROUTE = /^\/v2\/projects\/([^/]+)\/targets(?:\/([^/]+))?\/?$/;
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Returns whether a browser origin is a loopback one, the only kind the simulator serves CORS to. */
export function isLocalOrigin(origin: string): boolean {
  return LOCAL_ORIGIN.test(origin);
}

/** Gateway state and operations used by the REST handler. */
export interface RestContext {
  readonly tokens: TokenRegistry;
  readonly log: GatewayLogger;
  store(projectId: string): ProjectStore | undefined;
  /** Applies a patch through the gateway's single change path, so the change is also emitted. */
  update(projectId: string, targetId: string, patch: TargetPatch): TargetSnapshot;
  /** Removes a target through the gateway's single change path. */
  remove(projectId: string, targetId: string): void;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** Returns the `request` listener that serves the targets REST API. */
export function createRestHandler(context: RestContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      context.log.warn(`REST handler failed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) {
        sendJson(res, 500, { ...envelope(req, pathOf(req), false, 500), error: 'internal', message: 'Internal error in the simulator.' });
      } else res.destroy();
    });
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

function envelope(req: IncomingMessage, path: string, ok: boolean, code: number) {
  return { ok, request_id: randomUUID(), method: req.method ?? 'GET', path, code };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined || !isLocalOrigin(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', 'x-request-id');
}

async function handle(context: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req);
  setCors(req, res);

  try {
    const match = ROUTE.exec(path);
    if (match === null) throw new HttpProblem(404, 'not_found', `No route for ${req.method} ${path}.`);
    const projectId = decodeSegment(match[1] as string);
    const targetId = match[2] === undefined ? undefined : decodeSegment(match[2]);
    const allowed = targetId === undefined ? 'GET, OPTIONS' : 'GET, PATCH, DELETE, OPTIONS';

    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        allow: allowed,
        'access-control-allow-methods': allowed,
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }

    authorize(context, req, projectId);
    const store = context.store(projectId);
    if (store === undefined) throw new HttpProblem(404, 'not_found', `Project ${projectId} not found.`);

    if (targetId === undefined) {
      if (req.method !== 'GET') throw methodNotAllowed(req, path, allowed, res);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const limit = readInteger(url.searchParams.get('limit'), 'limit', DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
      const offset = readInteger(url.searchParams.get('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const page = store.page(offset, limit);
      sendJson(res, 200, { ...envelope(req, path, true, 200), total: page.total, data: page.data.map((t) => toSnapshot(t)) });
      return;
    }

    switch (req.method) {
      case 'GET': {
        const target = store.get(targetId);
        sendJson(res, 200, { ...envelope(req, path, true, 200), data: target === undefined ? {} : toSnapshot(target) });
        return;
      }
      case 'PATCH': {
        const body = await readJson(req);
        const result = readPatch(body, REST_PATCH_FIELDS);
        if (!result.ok) throw new HttpProblem(400, result.problem.error, result.problem.message);
        if (!store.has(targetId)) throw targetNotFound(projectId, targetId);
        const target = context.update(projectId, targetId, result.patch);
        sendJson(res, 200, { ...envelope(req, path, true, 200), data: target });
        return;
      }
      case 'DELETE': {
        if (!store.has(targetId)) throw targetNotFound(projectId, targetId);
        context.remove(projectId, targetId);
        res.writeHead(204);
        res.end();
        return;
      }
      default:
        throw methodNotAllowed(req, path, allowed, res);
    }
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    context.log.warn(`REST ${req.method} ${path}: ${error.status} ${error.error}: ${error.message}`);
    if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
    sendJson(res, error.status, { ...envelope(req, path, false, error.status), error: error.error, message: error.message });
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpProblem(400, 'invalid_path', `Invalid percent-encoding in path segment ${JSON.stringify(segment)}.`);
  }
}

function authorize(context: RestContext, req: IncomingMessage, projectId: string): void {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) {
    throw new HttpProblem(401, 'unauthorized', 'Missing "Authorization: Bearer <token>" header.');
  }
  const result = context.tokens.checkToken(match[1] as string, projectId);
  if (!result.ok) throw new HttpProblem(401, 'unauthorized', `Unauthorized: ${result.message}.`);
}

function methodNotAllowed(req: IncomingMessage, path: string, allowed: string, res: ServerResponse): HttpProblem {
  res.setHeader('allow', allowed);
  return new HttpProblem(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; use ${allowed}.`);
}

function targetNotFound(projectId: string, targetId: string): HttpProblem {
  return new HttpProblem(404, 'target_not_found', `Target ${JSON.stringify(targetId)} not found in project ${projectId}.`);
}

function readInteger(raw: string | null, name: string, fallback: number, min: number, max: number): number {
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HttpProblem(
      400,
      'invalid_query',
      `Invalid ${name} ${JSON.stringify(raw)}: expected ${max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`}.`,
    );
  }
  return value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'body_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim().length === 0) throw new HttpProblem(400, 'invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpProblem(400, 'invalid_json', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
}
