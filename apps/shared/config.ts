import type { TargetsClientOptions } from '@livetargets/core';
// Shared by the three admin apps, so each reads the same VITE_LIVETARGETS_* variables the same way.

/** The app's settings read from the `VITE_LIVETARGETS_*` variables, or the names of the required ones that are missing. */
export type AppConfig =
  | { readonly ok: true; readonly options: TargetsClientOptions }
  | { readonly ok: false; readonly missing: readonly string[] };

/** Reads the client options from Vite's env variables. Blank values count as missing. */
export function readConfig(env: Readonly<Record<string, unknown>>): AppConfig {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  const projectId = read('VITE_LIVETARGETS_PROJECT_ID');
  const token = read('VITE_LIVETARGETS_TOKEN');
  if (projectId === undefined || token === undefined) {
    const missing: string[] = [];
    if (projectId === undefined) missing.push('VITE_LIVETARGETS_PROJECT_ID');
    if (token === undefined) missing.push('VITE_LIVETARGETS_TOKEN');
    return { ok: false, missing };
  }

  const url = read('VITE_LIVETARGETS_URL');
  const apiUrl = read('VITE_LIVETARGETS_API_URL');
  const options: TargetsClientOptions = { projectId, token, ...(url && { url }), ...(apiUrl && { apiUrl }) };
  return { ok: true, options };
}
