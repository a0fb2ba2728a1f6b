import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', '@livetargets/core'],
  // Every export is a hook or a provider that needs the client, so the whole bundle is a client module for React Server Components.
  banner: { js: "'use client';" },
});
