import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
