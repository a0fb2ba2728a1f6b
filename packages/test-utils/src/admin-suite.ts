import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startGateway, type Gateway } from '@livetargets/gateway-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING_MESSAGE, findChromium, launchBrowser, type BrowserSession, type WatchedPage } from './browser';
import { serveApp, type ServedApp } from './app-server';

/** Options of `describeAdminApp`. */
export interface AdminAppSuiteOptions {
  /** Suite and screenshot name, e.g. `react-admin`. */
  readonly name: string;
  /** Folder of the Vite app to build and serve. */
  readonly root: string;
  /** Folder for the screenshot taken after the suite. */
  readonly outputDir: string;
}

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

// While the gateway is down, Chromium reports the refused socket and the client logs the failed connection.
// Those console errors are expected during the outage only. Any other console error fails the test.
const OUTAGE_ERROR = /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|Could not connect to the gateway|Lost the connection/;

/**
 * Defines the browser suite every admin app passes: the app, built and served,
 * against the gateway simulator in Debian's Chromium. The three apps share it
 * because they promise the same screen, down to the class names of
 * `apps/shared/admin.css`. Skipped with an install hint when Chromium is missing.
 *
 * @example
 * ```ts
 * describeAdminApp({ name: 'vue-admin', root: appRoot, outputDir });
 * ```
 */
export function describeAdminApp({ name, root, outputDir }: AdminAppSuiteOptions): void {
  const chromium = findChromium();
  const title = chromium === undefined ? `${name} in Chromium (skipped: ${CHROMIUM_MISSING_MESSAGE})` : `${name} in Chromium`;

  describe.skipIf(chromium === undefined)(title, () => {
    let gateway: Gateway;
    let app: ServedApp;
    let browser: BrowserSession;
    let tab: WatchedPage;
    let hostileId: string;
    const dialogs: string[] = [];

    const rows = () => tab.page.locator('tr.lt-row');
    const nameOf = (id: string) => tab.page.locator(`tr[data-target-id="${id}"] .lt-name`);
    const waitForBadge = (status: string, timeout: number) =>
      tab.page.waitForFunction((expected) => document.querySelector('.lt-badge')?.textContent?.trim() === expected, status, {
        timeout,
      });
    const waitForName = (id: string, targetName: string, timeout: number) =>
      tab.page.waitForFunction(
        ([targetId, expected]) => document.querySelector(`tr[data-target-id="${targetId}"] .lt-name`)?.textContent === expected,
        [id, targetName] as const,
        { timeout },
      );
    const waitForMatches = (count: number) =>
      tab.page.waitForFunction((expected) => document.querySelectorAll('tr.lt-row:not(.lt-row--context)').length === expected, count, {
        timeout: 2_000,
      });

    beforeAll(async () => {
      gateway = await startGateway({ port: 0, targets: 30, seed: 11 });
      hostileId = gateway.addTarget({ platform: 'telegram', kind: 'group', target_name: HOSTILE_NAME }).target_id;
      app = await serveApp({
        root,
        env: {
          VITE_LIVETARGETS_URL: gateway.url,
          VITE_LIVETARGETS_API_URL: gateway.apiUrl,
          VITE_LIVETARGETS_PROJECT_ID: gateway.projectId,
          VITE_LIVETARGETS_TOKEN: gateway.token,
        },
      });
      const launched = await launchBrowser();
      if (launched === undefined) throw new Error(CHROMIUM_MISSING_MESSAGE);
      browser = launched;
      tab = await browser.newPage();
      tab.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await tab.page.goto(app.url);
    });

    afterAll(async () => {
      if (tab !== undefined) {
        await mkdir(outputDir, { recursive: true });
        await tab.page.screenshot({ path: join(outputDir, `${name}.png`) });
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

    it('nests children under their guild', async () => {
      const child = gateway.listTargets().find((target) => target.parent_target_id !== null);
      expect(child).toBeDefined();

      const depth = await nameOf(child!.target_id).evaluate((cell) => (cell as HTMLElement).style.getPropertyValue('--depth'));
      expect(depth.trim()).toBe('1');
      const order = await rows().evaluateAll((elements) => elements.map((row) => row.getAttribute('data-target-id')));
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
      expect(await tab.page.locator('.lt-last-event').textContent()).toMatch(/^Last event at \d{1,2}:\d\d:\d\d( [AP]M)?$/);
      expect(tab.errors).toEqual([]);
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
      await expect.poll(() => tab.page.locator('.lt-log').textContent(), { timeout: 2_000 }).toMatch(/after \d+ s offline: 1 changed/);
      expect(await tab.page.locator('.lt-error').count()).toBeGreaterThan(0);
    });

    it('filters by kind and searches by name', async () => {
      const roles = gateway.listTargets().filter((target) => target.kind === 'role');
      await tab.page.selectOption('.lt-filters select >> nth=1', 'role');
      await waitForMatches(roles.length);
      const contextKinds = await tab.page.locator('tr.lt-row--context td:nth-child(3)').allTextContents();
      expect(contextKinds.length).toBeGreaterThan(0);
      expect(contextKinds.filter((kind) => kind.trim() !== 'guild')).toEqual([]);

      await tab.page.selectOption('.lt-filters select >> nth=1', '');
      await tab.page.fill('.lt-search', 'RENAMED BY THE BROWSER');
      await waitForMatches(1);
      expect(await tab.page.locator('tr.lt-row:not(.lt-row--context) .lt-name').textContent()).toBe('Renamed by the browser test');

      await tab.page.fill('.lt-search', '');
      await waitForMatches(gateway.listTargets().length);
      expect(tab.errors).toEqual([]);
    });

    it('shows a missing count as unknown', async () => {
      const id = '7d3f1c2a-0b4e-4f6a-9c8d-1e2f3a4b5c6d';
      gateway.emitRaw('target.added', {
        event_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        emitted_at: Date.now(),
        channel: 'targets',
        project_id: gateway.projectId,
        platform: 'telegram',
        target: {
          target_id: id,
          target_name: 'Counts not sent',
          platform: 'telegram',
          kind: 'channel',
          external_id: '-1009999999999',
          is_enabled: true,
          parent_target_id: null,
        },
      });

      await waitForName(id, 'Counts not sent', 2_000);
      const counts = await tab.page.locator(`tr[data-target-id="${id}"] .lt-number`).allTextContents();
      expect(counts.map((text) => text.trim())).toEqual(['unknown', 'unknown']);
      expect(tab.errors).toEqual([]);
    });

    it('shows a hostile name as text', async () => {
      expect(await nameOf(hostileId).textContent()).toBe(HOSTILE_NAME);
      expect(await tab.page.locator('.lt-app img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(tab.errors).toEqual([]);
    });
  });
}
