// Starts the gateway simulator with a few hundred targets and steady activity,
// builds one of the admin apps against it, serves the app on 127.0.0.1 and
// prints the URL to open. Ctrl-C stops everything.
//
//   pnpm demo                      # the React app
//   pnpm demo --app vue            # or: svelte
//   pnpm demo --screenshot docs/screenshot.png --exit
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const HELP = `Usage: pnpm demo [options]

Options:
  --app <name>         Admin app to serve: react, vue or svelte. Default: react
  --port <n>           Gateway simulator port. Default: 4600
  --app-port <n>       Port of the served app. Default: 4173
  --targets <n>        Targets in the simulated project. Default: 300
  --rate <n>           Generated changes per second. Default: 2
  --seed <n>           Seed of the simulated data and activity. Default: 1
  --screenshot <file>  Once the app is live, save a PNG of it with Chromium.
  --exit               Stop after the screenshot instead of serving until Ctrl-C.
  --help               Print this help and exit.
`;

const APPS = ['react', 'vue', 'svelte'];
const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

function readInteger(flag, raw, fallback, min) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) fail(`--${flag} must be an integer of at least ${min}, got "${raw}".`);
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      app: { type: 'string', default: 'react' },
      port: { type: 'string' },
      'app-port': { type: 'string' },
      targets: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      screenshot: { type: 'string' },
      exit: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    // `pnpm demo -- --app vue` passes the `--` through.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
  }));
} catch (error) {
  fail(`${error.message}\n\n${HELP}`);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (!APPS.includes(values.app)) fail(`--app must be one of ${APPS.join(', ')}, got "${values.app}".`);
if (values.exit && values.screenshot === undefined) fail('--exit only makes sense with --screenshot.');

const appRoot = resolve(root, 'apps', `${values.app}-admin`);
if (!existsSync(resolve(appRoot, 'index.html'))) fail(`${appRoot} has no index.html yet, so there is no ${values.app} app to serve.`);

const gatewayPort = readInteger('port', values.port, 4600, 0);
const appPort = readInteger('app-port', values['app-port'], 4173, 0);
const targets = readInteger('targets', values.targets, 300, 0);
const seed = readInteger('seed', values.seed, 1, 0);
const rate = values.rate === undefined ? 2 : Number(values.rate);
if (!Number.isFinite(rate) || rate < 0) fail(`--rate must be a number of at least 0, got "${values.rate}".`);

// tsx reads the tsconfig of the current folder, whose `paths` point @livetargets/core at its
// TypeScript source, so the simulator runs without building the packages first.
const gatewayDir = resolve(root, 'packages', 'gateway-sim');
process.chdir(gatewayDir);
const { startGateway } = await tsImport('./src/index.ts', { parentURL: `file://${gatewayDir}/` });
const { serveApp } = await tsImport('../test-utils/src/app-server.ts', { parentURL: `file://${gatewayDir}/` });
process.chdir(root);

const closers = [];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const close of closers.reverse()) {
    await close().catch((error) => console.error(`demo: close failed: ${error.message}`));
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const gateway = await startGateway({ port: gatewayPort, host: '127.0.0.1', seed, targets, rate });
  closers.push(() => gateway.close());
  console.log(`Gateway simulator: ${gateway.url} (${targets} targets, ${rate} changes/s)`);

  console.log(`Building apps/${values.app}-admin ...`);
  const app = await serveApp({
    root: appRoot,
    nodeEnv: 'production',
    port: appPort,
    env: {
      VITE_LIVETARGETS_URL: gateway.url,
      VITE_LIVETARGETS_API_URL: gateway.apiUrl,
      VITE_LIVETARGETS_PROJECT_ID: gateway.projectId,
      VITE_LIVETARGETS_TOKEN: gateway.token,
    },
  });
  closers.push(() => app.close());

  console.log(`\nOpen ${app.url} (the ${values.app} admin app). Press Ctrl-C to stop.\n`);

  if (values.screenshot !== undefined) {
    await saveScreenshot(app.url, resolve(root, values.screenshot));
    if (values.exit) await stop(0);
  }
} catch (error) {
  console.error(`demo: ${error.message}`);
  if (error.code === 'EADDRINUSE') {
    console.error(`demo: port ${error.port} is already in use, maybe by another demo. Stop that process, or choose other ports with --port and --app-port.`);
  }
  await stop(1);
}

async function saveScreenshot(url, path) {
  const { launchBrowser, CHROMIUM_MISSING_MESSAGE } = await tsImport('../packages/test-utils/src/browser.ts', import.meta.url);
  const browser = await launchBrowser({ viewport: { width: 1280, height: 860 } });
  if (browser === undefined) fail(CHROMIUM_MISSING_MESSAGE);
  try {
    const { page } = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('.lt-badge')?.textContent === 'live', undefined, { timeout: 15_000 });
    // Let a few generated events arrive so the log and a highlighted row show up.
    await page.waitForFunction(() => document.querySelectorAll('.lt-log-item').length >= 4, undefined, { timeout: 15_000 });
    await page.screenshot({ path });
    console.log(`Saved a screenshot to ${path}`);
  } finally {
    await browser.close();
  }
}
