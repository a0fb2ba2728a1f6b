import { parseArgs } from 'node:util';
import { startGateway } from './gateway';
import type { GatewayFaults, GatewayLogger } from './types';

const HELP = `Usage: livetargets-gateway [options]

Starts a local stand-in for the BotSubscription live-updates gateway and its
targets REST API, on one port.

Options:
  --port <n>       TCP port to listen on (0 picks a free one). Default: 4600
  --host <addr>    Address to bind. Default: 127.0.0.1
  --seed <n>       Seed of the data, the activity and the faults. Default: 1
  --targets <n>    Number of targets in the project. Default: 40
  --rate <n>       Generated changes per second; 0 turns them off. Default: 0
  --faults <list>  Fault rates per event, comma-separated, each from 0 to 1:
                   duplicate=, delay=, drop=, malformed=, and maxDelay=<ms>
                   (default 500). Example: duplicate=0.1,delay=0.2,drop=0.01
  --help           Print this help and exit.
`;

const FAULT_KEYS: Record<string, keyof GatewayFaults> = {
  duplicate: 'duplicateRate',
  delay: 'delayRate',
  maxdelay: 'maxDelayMs',
  drop: 'dropConnectionRate',
  malformed: 'malformedRate',
};

class UsageError extends Error {}

function readNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a number, got "${raw}".`);
  return value;
}

function readFaults(raw: string | undefined): GatewayFaults {
  if (raw === undefined || raw.trim() === '') return {};
  const faults: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [name = '', value = ''] = part.split('=').map((piece) => piece.trim());
    const key = FAULT_KEYS[name.toLowerCase()];
    if (key === undefined) {
      throw new UsageError(`Unknown fault "${name}" in --faults; expected ${Object.keys(FAULT_KEYS).join(', ')}.`);
    }
    faults[key] = readNumber(`faults ${name}`, value, Number.NaN);
  }
  return faults;
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

const logger: GatewayLogger = {
  info: (message) => console.log(`${timestamp()} ${message}`),
  warn: (message) => console.warn(`${timestamp()} warning: ${message}`),
};

async function main(): Promise<void> {
  // `pnpm gateway -- --help` passes the `--` separator through.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      targets: { type: 'string' },
      rate: { type: 'string' },
      faults: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }

  const gateway = await startGateway({
    port: readNumber('port', values.port, 4600),
    host: values.host ?? '127.0.0.1',
    seed: readNumber('seed', values.seed, 1),
    targets: readNumber('targets', values.targets, 40),
    rate: readNumber('rate', values.rate, 0),
    faults: readFaults(values.faults),
    logger,
  });

  console.log(`livetargets gateway simulator
  gateway URL:  ${gateway.url}
  REST base:    ${gateway.apiUrl}
  project id:   ${gateway.projectId}
  dev token:    ${gateway.token}
  targets:      ${gateway.stats().targets}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, closing`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.warn(`close failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`${error.message}\n\n${HELP}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
