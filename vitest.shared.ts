import { fileURLToPath } from 'node:url';

const packageSource = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/**
 * Resolves every workspace package to its TypeScript source, so tests and apps
 * run without a build. Shared by each package's vitest config and the apps' vite configs.
 */
export const workspaceAliases: Record<string, string> = {
  '@livetargets/core': packageSource('core'),
  '@livetargets/gateway-sim': packageSource('gateway-sim'),
  '@livetargets/react': packageSource('react'),
  '@livetargets/vue': packageSource('vue'),
  '@livetargets/svelte': packageSource('svelte'),
  '@livetargets/test-utils': packageSource('test-utils'),
};
