import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const coreEntry = `${packagesDir}core/src/index.ts`;
const coreClient = `${packagesDir}core/src/client.ts`;

/** One kilobyte as the budgets count it: 1,024 bytes. */
export const KB = 1024;

/** The size a bundle is judged by in the report: its goal where it has one, else its budget. */
export function targetBytes(entry: SizeEntry): number {
  return entry.goalBytes ?? entry.budgetBytes;
}

/** A bundle to measure and the gzip size it must stay within. */
export interface SizeEntry {
  readonly name: string;
  /** Description of the bundle's contents, for the report. */
  readonly description: string;
  /** Budget for the minified and gzipped bundle, in bytes, enforced by `size.test.ts`. */
  readonly budgetBytes: number;
  /** Goal in bytes where the enforced budget is only an interim ceiling above it; the report judges by the goal. */
  readonly goalBytes?: number;
  /** Set while the entry's source does not exist yet: the reason it cannot be measured. */
  readonly missing?: string;
  /** Module source bundled as the app's entry point. */
  readonly contents: string;
  /** Packages left out of the bundle, as an app's own bundler would resolve them elsewhere. */
  readonly external: readonly string[];
}

/** Sizes of one bundle, in bytes. */
export interface SizeResult {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

const coreDependencies = ['rxjs', 'rxjs/*', 'socket.io-client', 'zod', 'zod/*'];

function adapterEntry(framework: 'react' | 'vue' | 'svelte', frameworkPackages: readonly string[]): SizeEntry {
  const entry = `${packagesDir}${framework}/src/index.ts`;
  return {
    name: `@livetargets/${framework}`,
    description: `adapter only: ${frameworkPackages.filter((name) => !name.includes('*')).join(', ')} and @livetargets/core external`,
    budgetBytes: 1.5 * KB,
    ...(existsSync(entry) ? {} : { missing: `packages/${framework}/src/index.ts does not exist yet` }),
    contents: `export * from ${JSON.stringify(entry)};`,
    external: [...frameworkPackages, '@livetargets/core'],
  };
}

/** Returns the bundles the size budgets apply to. */
export function sizeEntries(): SizeEntry[] {
  return [
    {
      name: '@livetargets/core (own code)',
      description: 'every export of the core; rxjs, socket.io-client and zod external',
      // TODO: cut the core's own code to its 6 KB goal. It measures about 9.5 KB, so this ceiling only stops growth.
      budgetBytes: 10 * KB,
      goalBytes: 6 * KB,
      contents: `export * from ${JSON.stringify(coreEntry)};`,
      external: coreDependencies,
    },
    {
      name: '@livetargets/core + dependencies',
      description: 'an app importing only createTargetsClient, tree-shaken, with rxjs, socket.io-client and zod/mini bundled',
      budgetBytes: 35 * KB,
      ...(existsSync(coreClient) ? {} : { missing: 'packages/core/src/client.ts does not exist yet' }),
      contents: `export { createTargetsClient } from ${JSON.stringify(coreEntry)};`,
      external: [],
    },
    adapterEntry('react', ['react', 'react/*', 'react-dom', 'react-dom/*']),
    adapterEntry('vue', ['vue', '@vue/*']),
    adapterEntry('svelte', ['svelte', 'svelte/*']),
  ];
}

/** Bundles of single core modules (each with what it imports from the core), to show where the core's bytes go. */
export function coreModuleEntries(): SizeEntry[] {
  return ['reducer', 'schema', 'protocol', 'errors', 'select', 'sync', 'client'].flatMap((module) => {
    const file = `${packagesDir}core/src/${module}.ts`;
    if (!existsSync(file)) return [];
    return [
      {
        name: `core/src/${module}.ts`,
        description: 'with the core modules it imports; dependencies external',
        budgetBytes: Number.POSITIVE_INFINITY,
        contents: `export * from ${JSON.stringify(file)};`,
        external: coreDependencies,
      },
    ];
  });
}

/**
 * Bundles `entry` with esbuild (ESM, browser platform, minified, production
 * `NODE_ENV`) and returns the minified size and its gzip size (zlib default level).
 */
export async function measureBundle(entry: SizeEntry): Promise<SizeResult> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: packagesDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: [...entry.external],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`[livetargets] esbuild produced no output for ${entry.name}.`);
  return { minifiedBytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents).byteLength };
}

/** Formats a byte count as KB with two decimals (1 KB = 1,024 bytes). */
export function formatKb(bytes: number): string {
  return `${(bytes / KB).toFixed(2)} KB`;
}
