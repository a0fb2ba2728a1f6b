import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '@livetargets/gateway-sim';
import {
  CHROMIUM_MISSING_MESSAGE,
  findChromium,
  launchBrowser,
  serveApp,
  type BrowserSession,
  type ServedApp,
  type WatchedPage,
} from '@livetargets/test-utils';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const outputDir = fileURLToPath(new URL('../test-output/', import.meta.url));
const hasChromium = findChromium() !== undefined;
if (!hasChromium) console.warn(`[livetargets] vue-admin browser test skipped: ${CHROMIUM_MISSING_MESSAGE}`);

const XSS_NAME = '<img src=x onerror=alert(1)>';

describe.skipIf(!hasChromium)('vue-admin in Chromium', () => {
  let gateway: Gateway;
  let app: ServedApp;
  let browser: BrowserSession;
  let tab: WatchedPage;
  const dialogs: string[] = [];

  const badgeStatus = () => tab.page.locator('.lt-badge').getAttribute('data-status');
  const rowName = (targetId: string) => tab.page.locator(`.lt-row[data-target-id="${targetId}"] .lt-name`);

  /** Waits until the row of `targetId` shows `name`, polling in the page. */
  const waitForName = (targetId: string, name: string, timeout: number) =>
    tab.page.waitForFunction(
      ([id, expected]) => document.querySelector(`.lt-row[data-target-id="${id}"] .lt-name`)?.textContent === expected,
      [targetId, name] as const,
      { timeout },
    );

  beforeAll(async () => {
    gateway = await startGateway({ port: 0, targets: 24, seed: 3 });
    app = await serveApp({
      root: appRoot,
      env: {
        VITE_LIVETARGETS_URL: gateway.url,
        VITE_LIVETARGETS_API_URL: gateway.apiUrl,
        VITE_LIVETARGETS_PROJECT_ID: gateway.projectId,
        VITE_LIVETARGETS_TOKEN: gateway.token,
      },
    });
    browser = (await launchBrowser())!;
    tab = await browser.newPage();
    tab.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await tab.page.goto(app.url);
    await tab.page.waitForSelector('.lt-badge[data-status="live"]', { timeout: 10_000 });
  });

  afterEach(() => {
    expect(tab.errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await gateway?.close();
  });

  it('lists the simulator targets', async () => {
    const targets = gateway.listTargets();
    await tab.page.waitForFunction((count) => document.querySelectorAll('.lt-row').length === count, targets.length);

    for (const target of targets) {
      expect(await rowName(target.target_id).textContent()).toBe(target.target_name);
    }
    const total = tab.page.locator('.lt-count[data-count="total"] .lt-count-value');
    expect(await total.textContent()).toBe(String(targets.length));
    expect(await tab.page.locator('.lt-last-event').textContent()).toBeTruthy();
  });

  it('shows a rename within 2 s', async () => {
    const [target] = gateway.listTargets();
    gateway.updateTarget(target!.target_id, { target_name: 'Renamed in the simulator' });

    await waitForName(target!.target_id, 'Renamed in the simulator', 2_000);
    const row = tab.page.locator(`.lt-row[data-target-id="${target!.target_id}"]`);
    expect(await row.getAttribute('class')).toContain('lt-row--changed');
    await tab.page.waitForFunction(() => document.querySelector('.lt-log-item')?.textContent?.includes('Renamed'));
    expect(await tab.page.locator('.lt-last-event').textContent()).toMatch(/^Last event at \d{1,2}:\d\d:\d\d( [AP]M)?$/);
  });

  it('recovers from a gateway restart', async () => {
    const targets = gateway.listTargets();
    const target = targets[targets.length - 1]!;
    const restarted = gateway.restart({ downtimeMs: 1_500 });

    await tab.page.waitForSelector('.lt-badge[data-status="reconnecting"]', { timeout: 5_000 });
    gateway.updateTarget(target.target_id, { target_name: 'Renamed during the outage' });
    await restarted;

    await tab.page.waitForSelector('.lt-badge[data-status="live"]', { timeout: 15_000 });
    await waitForName(target.target_id, 'Renamed during the outage', 5_000);
    expect(await badgeStatus()).toBe('live');
    expect(await tab.page.locator('.lt-error').count()).toBeGreaterThan(0);

    // Chromium itself logs each refused connection attempt while the gateway is down. Those lines,
    // and only those, are expected here. Anything else still fails the test in afterEach.
    const port = new URL(gateway.url).port;
    const connectionRefusedLine = new RegExp(`^console\\.error: (WebSocket connection to 'ws://127\\.0\\.0\\.1:${port}/|Failed to load resource: ).*net::ERR_CONNECTION_REFUSED`);
    const unexpected = tab.errors.filter((line) => !connectionRefusedLine.test(line));
    tab.errors.splice(0, tab.errors.length, ...unexpected);
  });

  it('shows markup in a name as text', async () => {
    const added = gateway.addTarget({ platform: 'telegram', kind: 'group', target_name: XSS_NAME });

    await waitForName(added.target_id, XSS_NAME, 2_000);
    expect(await tab.page.locator('.lt-table img').count()).toBe(0);
    expect(await tab.page.locator('.lt-log img').count()).toBe(0);
    expect(await tab.page.locator('.lt-log-item').first().textContent()).toContain(XSS_NAME);
  });

  it('filters by platform and name', async () => {
    await tab.page.selectOption('select[name="platform"]', 'telegram');
    const platforms = await tab.page.locator('.lt-row:not(.lt-row--context) td:nth-child(2)').allTextContents();
    expect(platforms.length).toBeGreaterThan(0);
    expect(new Set(platforms)).toEqual(new Set(['telegram']));

    await tab.page.fill('input[name="search"]', 'onerror');
    await tab.page.waitForFunction(() => document.querySelectorAll('.lt-row').length === 1);
    expect(await tab.page.locator('.lt-row .lt-name').textContent()).toBe(XSS_NAME);

    await tab.page.fill('input[name="search"]', 'no target has this name');
    await tab.page.waitForSelector('.lt-empty');
    expect(await tab.page.locator('.lt-table .lt-empty').textContent()).toBe('No target matches the filters.');

    await tab.page.fill('input[name="search"]', '');
    await tab.page.selectOption('select[name="platform"]', '');
    const expected = gateway.listTargets().length;
    await tab.page.waitForFunction((count) => document.querySelectorAll('.lt-row').length === count, expected);
  });

  it('saves a screenshot', async () => {
    await mkdir(outputDir, { recursive: true });
    const path = `${outputDir}vue-admin.png`;
    const image = await tab.page.screenshot({ path, fullPage: true });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });
});
