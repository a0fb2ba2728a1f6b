import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

const svelteRoot = dirname(createRequire(import.meta.url).resolve('svelte/package.json'));

/**
 * Svelte's browser entries, which `mount` needs. They are aliased by path
 * because the `browser` resolve condition (what `svelteTesting` would add) is
 * also passed to Node as `--conditions browser`, and then the gateway
 * simulator's `ws` dependency loads its browser stub and cannot start a server.
 */
const svelteBrowserEntries = [
  { find: /^svelte$/, replacement: join(svelteRoot, 'src/index-client.js') },
  { find: /^svelte\/store$/, replacement: join(svelteRoot, 'src/store/index-client.js') },
  { find: /^svelte\/legacy$/, replacement: join(svelteRoot, 'src/legacy/legacy-client.js') },
  { find: /^svelte\/reactivity$/, replacement: join(svelteRoot, 'src/reactivity/index-client.js') },
];

export default defineProject({
  // The plugins compile the `.svelte` fixtures only; the package itself is plain TypeScript.
  plugins: [svelte(), svelteTesting({ resolveBrowser: false })],
  resolve: {
    alias: [
      ...svelteBrowserEntries,
      ...Object.entries(workspaceAliases).map(([find, replacement]) => ({ find, replacement })),
    ],
  },
  test: {
    name: 'svelte',
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    testTimeout: 15_000,
  },
});
