import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: workspaceAliases },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
