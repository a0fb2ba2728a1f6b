import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

/** Options of `serveApp`. */
export interface ServeAppOptions {
  /** Folder of the app, containing its `vite.config.ts` and `index.html`. */
  readonly root: string;
  /**
   * Variables compiled into the app as `import.meta.env.NAME`, e.g.
   * `{ VITE_LIVETARGETS_URL: gateway.url }`. `.env` files in `root` are not read. Default: none.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * `process.env.NODE_ENV` compiled into the app. `'development'` keeps the
   * frameworks' runtime checks, whose warnings reach the page's console
   * as errors. Default: `'development'`.
   */
  readonly nodeEnv?: 'development' | 'production';
  /** Host to serve on. Default: `127.0.0.1`. */
  readonly host?: string;
  /** Port to serve on; 0 picks a free one. Default: 0. */
  readonly port?: number;
}

/** A built app being served by `vite preview`. */
export interface ServedApp {
  /** Base URL of the app, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Temporary folder holding the build. */
  readonly outDir: string;
  /** Stops the server and deletes the build. */
  close(): Promise<void>;
}

/**
 * Builds a Vite app into a temporary folder with the given env variables and
 * serves it with `vite preview` on loopback.
 *
 * @example
 * ```ts
 * const app = await serveApp({
 *   root: fileURLToPath(new URL('..', import.meta.url)),
 *   env: { VITE_LIVETARGETS_URL: gateway.url },
 * });
 * await page.goto(app.url);
 * await app.close();
 * ```
 */
export async function serveApp(options: ServeAppOptions): Promise<ServedApp> {
  const workDir = await mkdtemp(join(tmpdir(), 'livetargets-app-'));
  const outDir = join(workDir, 'dist');
  // An empty envDir keeps a developer's .env files out of the build; `define` supplies the variables instead.
  const envDir = join(workDir, 'env');
  const nodeEnv = options.nodeEnv ?? 'development';
  const define: Record<string, string> = {
    'process.env.NODE_ENV': JSON.stringify(nodeEnv),
    ...Object.fromEntries(
      Object.entries(options.env ?? {}).map(([name, value]) => [`import.meta.env.${name}`, JSON.stringify(value)]),
    ),
  };

  try {
    await build({
      root: options.root,
      mode: 'production',
      envDir,
      define,
      logLevel: 'warn',
      // A development build of React, Vue or Svelte is well over Vite's 500 kB warning threshold.
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: nodeEnv === 'development' ? 4_000 : 500 },
    });
    const server = await preview({
      root: options.root,
      mode: 'production',
      envDir,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: options.host ?? '127.0.0.1', port: options.port ?? 0, strictPort: true, open: false },
    });
    const address = server.httpServer.address() as AddressInfo;
    const url = `http://${options.host ?? '127.0.0.1'}:${address.port}/`;
    return {
      url,
      outDir,
      async close() {
        await server.close();
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
