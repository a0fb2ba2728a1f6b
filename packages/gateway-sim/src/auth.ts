import { createHmac } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Returns a JWT-shaped development token (HS256 over a seed-derived secret).
 * The simulator only compares tokens as strings; the shape is there because
 * the real gateway accepts user JWTs only.
 */
export function makeDevToken(seed: number, projectId: string, serial: number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: 'livetargets-gateway-sim',
      sub: `dev-user-${seed}-${serial}`,
      project_id: projectId,
      iat: 1_700_000_000,
    }),
  );
  const signature = createHmac('sha256', `gateway-sim:${seed}`).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Reason a handshake or a REST call was rejected. */
export type AuthFailure = 'missing_auth' | 'missing_token' | 'missing_project' | 'not_a_jwt' | 'invalid_token' | 'unknown_project' | 'forbidden_project';

/** Registered projects and the tokens that open them. */
export class TokenRegistry {
  private readonly projectsByToken = new Map<string, Set<string>>();
  private readonly projects = new Set<string>();

  addProject(projectId: string, token: string): void {
    this.projects.add(projectId);
    let set = this.projectsByToken.get(token);
    if (set === undefined) {
      set = new Set();
      this.projectsByToken.set(token, set);
    }
    set.add(projectId);
  }

  hasProject(projectId: string): boolean {
    return this.projects.has(projectId);
  }

  allows(token: string, projectId: string): boolean {
    return this.projectsByToken.get(token)?.has(projectId) ?? false;
  }

  /** Checks a Socket.IO `auth` object. Returns the project id, or why it was rejected. */
  check(auth: unknown): { ok: true; projectId: string } | { ok: false; reason: AuthFailure; message: string } {
    if (typeof auth !== 'object' || auth === null) {
      return { ok: false, reason: 'missing_auth', message: 'missing auth object; send { token, project_id }' };
    }
    const { token, project_id: projectId } = auth as Record<string, unknown>;
    if (typeof token !== 'string' || token.length === 0) {
      return { ok: false, reason: 'missing_token', message: 'missing auth.token; send a user JWT' };
    }
    if (typeof projectId !== 'string' || projectId.length === 0) {
      return { ok: false, reason: 'missing_project', message: 'missing auth.project_id; send the project UUID' };
    }
    return this.checkToken(token, projectId);
  }

  /** Checks a token against one project. */
  checkToken(token: string, projectId: string): { ok: true; projectId: string } | { ok: false; reason: AuthFailure; message: string } {
    const projects = this.projectsByToken.get(token);
    if (projects === undefined) {
      return token.split('.').length === 3
        ? { ok: false, reason: 'invalid_token', message: 'invalid or expired token' }
        : { ok: false, reason: 'not_a_jwt', message: 'the token is not a user JWT (API keys are rejected)' };
    }
    if (!projects.has(projectId)) {
      return this.projects.has(projectId)
        ? { ok: false, reason: 'forbidden_project', message: `the token has no access to project ${projectId}` }
        : { ok: false, reason: 'unknown_project', message: `unknown project ${JSON.stringify(projectId.slice(0, 64))}` };
    }
    return { ok: true, projectId };
  }
}
