import { defineConfig } from 'vitest/config';

// Vitest 4 no longer discovers a workspace file, so the root `test` script passes
// this file with `--config`. Every package or app folder with a vitest config is a project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
    reporters: process.env.LIVETARGETS_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.LIVETARGETS_JSON_REPORT }]]
      : ['default'],
  },
});
