import { describe, expect, it } from 'vitest';
import { readConfig } from '../../shared/config';

describe('readConfig', () => {
  it('reads every variable', () => {
    const config = readConfig({
      VITE_LIVETARGETS_URL: 'http://127.0.0.1:4580/v2/live-updates',
      VITE_LIVETARGETS_API_URL: 'http://127.0.0.1:4580',
      VITE_LIVETARGETS_PROJECT_ID: ' project-1 ',
      VITE_LIVETARGETS_TOKEN: 'token-1',
    });
    expect(config).toEqual({
      ok: true,
      options: {
        url: 'http://127.0.0.1:4580/v2/live-updates',
        apiUrl: 'http://127.0.0.1:4580',
        projectId: 'project-1',
        token: 'token-1',
      },
    });
  });

  it('leaves optional URLs out', () => {
    const config = readConfig({ VITE_LIVETARGETS_PROJECT_ID: 'project-1', VITE_LIVETARGETS_TOKEN: 'token-1', VITE_LIVETARGETS_URL: '' });
    expect(config).toEqual({ ok: true, options: { projectId: 'project-1', token: 'token-1' } });
  });

  it('lists missing required variables', () => {
    expect(readConfig({ VITE_LIVETARGETS_TOKEN: '  ' })).toEqual({
      ok: false,
      missing: ['VITE_LIVETARGETS_PROJECT_ID', 'VITE_LIVETARGETS_TOKEN'],
    });
    expect(readConfig({ VITE_LIVETARGETS_TOKEN: 'token-1' })).toEqual({ ok: false, missing: ['VITE_LIVETARGETS_PROJECT_ID'] });
  });
});
