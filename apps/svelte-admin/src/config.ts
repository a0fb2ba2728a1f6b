import type { TargetsClientOptions } from '@livetargets/core';

/** The app's settings from the `VITE_LIVETARGETS_*` variables, or the required names that are not set. */
export type AppConfig =
  | { readonly ok: true; readonly options: TargetsClientOptions }
  | { readonly ok: false; readonly missing: readonly string[] };

/** Reads the client options from Vite's `import.meta.env`. Blank values count as not set. */
export function readConfig(env: Readonly<Record<string, unknown>>): AppConfig {
  const read = (name: string): string | undefined => {
    const raw = env[name];
    return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
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
  const options: TargetsClientOptions = {
    projectId,
    token,
    ...(url === undefined ? {} : { url }),
    ...(apiUrl === undefined ? {} : { apiUrl }),
  };
  return { ok: true, options };
}
