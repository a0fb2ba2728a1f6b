import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'src/**/*.test-d.tsx'] },
    testTimeout: 15_000,
  },
});
