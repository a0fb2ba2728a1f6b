import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** The skip reason of browser tests when no Chromium binary is found. */
export const CHROMIUM_MISSING_MESSAGE =
  'Chromium was not found at $CHROMIUM_PATH or /usr/bin/chromium; install it with apt-get install -y chromium';

/** Flags for headless Chromium in a sandboxed container that must not reach the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Returns the path of the Chromium binary: `$CHROMIUM_PATH` when set, else
 * `/usr/bin/chromium`, or `undefined` when neither exists.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** A running Chromium with a fresh profile. `close()` stops it and deletes the profile. */
export interface BrowserSession {
  readonly context: BrowserContext;
  /** Opens a tab whose console errors and uncaught page errors are collected in `errors`. */
  newPage(): Promise<WatchedPage>;
  close(): Promise<void>;
}

/** A tab and the console errors and page errors it has reported so far. */
export interface WatchedPage {
  readonly page: Page;
  readonly errors: string[];
}

/**
 * Launches headless Chromium through playwright-core, with a fresh temporary
 * `--user-data-dir`. Returns `undefined` when no binary is found; log
 * `CHROMIUM_MISSING_MESSAGE` then.
 *
 * @example
 * ```ts
 * const browser = await launchBrowser();
 * const { page, errors } = await browser!.newPage();
 * await page.goto(app.url);
 * expect(errors).toEqual([]);
 * await browser!.close();
 * ```
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserSession | undefined> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    console.warn(`[livetargets] ${CHROMIUM_MISSING_MESSAGE}`);
    return undefined;
  }

  const profile = await mkdtemp(join(tmpdir(), 'livetargets-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const { url } = message.location();
        errors.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
