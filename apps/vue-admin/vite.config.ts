import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: workspaceAliases },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
