import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const outputDir = fileURLToPath(new URL('../test-output/', import.meta.url));
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

// While the gateway is down, Chromium itself logs each refused socket and REST
// request as a console error. Those are expected during the outage only. The
// app logs client errors as warnings, so no message of its own matches.
const OUTAGE_ERROR = /net::ERR_CONNECTION_REFUSED|WebSocket connection to '[^']*' failed/;

const chromium = findChromium();
if (chromium === undefined) console.warn(`[livetargets] ${CHROMIUM_MISSING_MESSAGE}`);

describe.skipIf(chromium === undefined)(
  chromium === undefined ? `svelte-admin in Chromium (skipped: ${CHROMIUM_MISSING_MESSAGE})` : 'svelte-admin in Chromium',
  () => {
    let gateway: Gateway;
    let app: ServedApp;
    let browser: BrowserSession | undefined;
    let tab: WatchedPage;
    let hostileId: string;
    const dialogs: string[] = [];

    const nameOf = (id: string) => tab.page.locator(`tr[data-target-id="${id}"] .lt-name`);
    const waitForBadge = (status: string, timeout: number) =>
      tab.page.waitForFunction((expected) => document.querySelector('.lt-badge')?.textContent === expected, status, {
        timeout,
      });
    const waitForName = (id: string, name: string, timeout: number) =>
      tab.page.waitForFunction(
        ([targetId, expected]) =>
          document.querySelector(`tr[data-target-id="${targetId}"] .lt-name`)?.textContent === expected,
        [id, name] as const,
        { timeout },
      );

    beforeAll(async () => {
      gateway = await startGateway({ port: 0, targets: 30, seed: 23 });
      hostileId = gateway.addTarget({ platform: 'telegram', kind: 'group', target_name: HOSTILE_NAME }).target_id;
      app = await serveApp({
        root: appRoot,
        env: {
          VITE_LIVETARGETS_URL: gateway.url,
          VITE_LIVETARGETS_API_URL: gateway.apiUrl,
          VITE_LIVETARGETS_PROJECT_ID: gateway.projectId,
          VITE_LIVETARGETS_TOKEN: gateway.token,
        },
      });
      browser = await launchBrowser();
      tab = await browser!.newPage();
      tab.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await tab.page.goto(app.url);
    });

    afterAll(async () => {
      if (tab !== undefined) {
        await mkdir(outputDir, { recursive: true });
        await tab.page.screenshot({ path: `${outputDir}svelte-admin.png` });
      }
      await browser?.close();
      await app?.close();
      await gateway?.close();
    });

    it('lists the simulator targets', async () => {
      await waitForBadge('live', 10_000);
      const expected = gateway.listTargets();

      await tab.page.waitForFunction((count) => document.querySelectorAll('tr.lt-row').length === count, expected.length, {
        timeout: 5_000,
      });
      for (const target of expected) {
        expect(await nameOf(target.target_id).textContent()).toBe(target.target_name);
      }
      const total = await tab.page.locator('.lt-count').first().locator('.lt-count-value').textContent();
      expect(total).toBe(String(expected.length));
      expect(tab.errors).toEqual([]);
    });

    it('nests channels under their guild', async () => {
      const child = gateway.listTargets().find((target) => target.parent_target_id !== null);
      expect(child).toBeDefined();

      const depth = await nameOf(child!.target_id).evaluate((cell) => (cell as HTMLElement).style.getPropertyValue('--depth'));
      expect(depth.trim()).toBe('1');
      const order = await tab.page.locator('tr.lt-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-target-id')));
      expect(order.indexOf(child!.parent_target_id)).toBeLessThan(order.indexOf(child!.target_id));
    });

    it('shows a rename within 2 s', async () => {
      const id = gateway.listTargets()[2]!.target_id;

      gateway.updateTarget(id, { target_name: 'Renamed by the browser test' });

      await waitForName(id, 'Renamed by the browser test', 2_000);
      expect(await tab.page.locator(`tr[data-target-id="${id}"]`).getAttribute('class')).toContain('lt-row--changed');
      await expect
        .poll(() => tab.page.locator('.lt-log-item').first().textContent(), { timeout: 2_000 })
        .toContain('Renamed by the browser test');
      expect(tab.errors).toEqual([]);
    });

    it('filters by search', async () => {
      await tab.page.locator('.lt-search').fill('Renamed by the browser');

      await tab.page.waitForFunction(() => document.querySelectorAll('tr.lt-row:not(.lt-row--context)').length === 1, null, {
        timeout: 2_000,
      });
      expect(await tab.page.locator('tr.lt-row:not(.lt-row--context) .lt-name').textContent()).toBe('Renamed by the browser test');

      await tab.page.locator('.lt-search').fill('');
      await tab.page.waitForFunction(
        (count) => document.querySelectorAll('tr.lt-row').length === count,
        gateway.listTargets().length,
        { timeout: 2_000 },
      );
    });

    it('reconnects after a restart', async () => {
      const id = gateway.listTargets()[4]!.target_id;
      const errorsBefore = tab.errors.length;

      const restarted = gateway.restart({ downtimeMs: 1_500 });
      await waitForBadge('reconnecting', 5_000);
      gateway.updateTarget(id, { target_name: 'Changed during the outage' });
      await restarted;

      await waitForBadge('live', 15_000);
      await waitForName(id, 'Changed during the outage', 5_000);
      const outageErrors = tab.errors.splice(errorsBefore);
      expect(outageErrors.filter((message) => !OUTAGE_ERROR.test(message))).toEqual([]);
    });

    it('shows a hostile name as text', async () => {
      expect(await nameOf(hostileId).textContent()).toBe(HOSTILE_NAME);
      expect(await tab.page.locator('.lt-app img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(tab.errors).toEqual([]);
    });
  },
);
