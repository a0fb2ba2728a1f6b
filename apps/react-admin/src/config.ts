import type { TargetsClientOptions } from '@livetargets/core';

/** The app's settings, from `VITE_LIVETARGETS_*` variables; `missing` lists the required ones not set. */
export type AppConfig =
  | { readonly ok: true; readonly options: TargetsClientOptions }
  | { readonly ok: false; readonly missing: readonly string[] };

export function readConfig(env: Record<string, string | boolean | undefined>): AppConfig {
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  };
  const projectId = value('VITE_LIVETARGETS_PROJECT_ID');
  const token = value('VITE_LIVETARGETS_TOKEN');
  const missing = [
    ...(projectId === undefined ? ['VITE_LIVETARGETS_PROJECT_ID'] : []),
    ...(token === undefined ? ['VITE_LIVETARGETS_TOKEN'] : []),
  ];
  if (projectId === undefined || token === undefined) return { ok: false, missing };

  const url = value('VITE_LIVETARGETS_URL');
  const apiUrl = value('VITE_LIVETARGETS_API_URL');
  return {
    ok: true,
    options: {
      projectId,
      token,
      ...(url === undefined ? {} : { url }),
      ...(apiUrl === undefined ? {} : { apiUrl }),
    },
  };
}
