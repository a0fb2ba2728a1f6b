import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureClientCoalescing } from './coalescing';
import { SEED } from './fixtures';
import { measureMemory } from './memory';
import { measureReactRenders } from './render';
import { renderMarkdown, type BenchReport, type Environment, type GoalResult } from './report';
import { coreModuleEntries, formatKb, measureBundle, sizeEntries, targetBytes } from './size';
import { measureThroughput, type ThroughputResult } from './throughput';

const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));
const started = performance.now();
const loadAverageAtStart = os.loadavg();
const log = (message: string) => console.log(`[bench] ${message}`);

// Fewer peer events at larger sizes: Redux Toolkit and immer copy the whole collection per event.
const sizes = [
  { targets: 1_000, peerEvents: 200 },
  { targets: 10_000, peerEvents: 40 },
  { targets: 100_000, peerEvents: 2 },
];

log('warm-up pass (not recorded)');
await measureThroughput(1_000, { burstEvents: 1_000, peerEvents: 20, iterations: 10 });

const throughput: ThroughputResult[] = [];
for (const size of sizes) {
  log(`throughput at ${size.targets} targets`);
  throughput.push(await measureThroughput(size.targets, { burstEvents: 1_000, peerEvents: size.peerEvents, iterations: 10 }));
}

log('coalescing through the client');
const coalescing = [await measureClientCoalescing(10_000, 10_000), await measureClientCoalescing(10_000, 1_000)];
log('React renders');
const renders = await measureReactRenders(10_000);
log('memory');
const memory = measureMemory(100_000, 5);
log('bundle sizes');
const sizeResults = [];
for (const entry of sizeEntries()) {
  sizeResults.push({ entry, size: entry.missing === undefined ? await measureBundle(entry) : undefined });
}

const coreModules = [];
for (const entry of coreModuleEntries()) coreModules.push({ name: entry.name, size: await measureBundle(entry) });

const at = (targets: number): ThroughputResult => {
  const row = throughput.find((item) => item.targets === targets);
  if (row === undefined) throw new Error(`[livetargets] No throughput result at ${targets} targets.`);
  return row;
};
const times = (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(2)}×`;
const tenK = at(10_000);
const pipelineRatio = tenK.pipelineUs / tenK.mapLoopUs;
const pipelineFromJsonRatio = tenK.pipelineFromJsonUs / tenK.mapLoopFromJsonUs;
const reduxRatio = tenK.reduxUs / tenK.singleEventUs;
const immerRatio = tenK.immerMapUs / tenK.singleEventUs;
const scaling = at(100_000).singleEventUs / at(1_000).singleEventUs;
const memoryRatio = memory.stateBytes / memory.mapBytes;
const burst = coalescing[0]!;

const goals: GoalResult[] = [
  {
    goal: '1. pipeline from the wire (JSON.parse, validate, reduce) vs JSON.parse + Map loop, 10k targets, burst of 1,000',
    measured: `${times(pipelineFromJsonRatio)} slower (${times(pipelineRatio)} against a bare Map.set on decoded objects)`,
    target: '≤ 4× slower',
    met: pipelineFromJsonRatio <= 4,
  },
  {
    goal: '2. one event at a time vs Redux Toolkit entity adapter, 10k targets',
    measured: `${times(reduxRatio)} faster`,
    target: '≥ 100× faster',
    met: reduxRatio >= 100,
  },
  {
    goal: '2. one event at a time vs immer Map, 10k targets',
    measured: `${times(immerRatio)} faster`,
    target: '≥ 100× faster',
    met: immerRatio >= 100,
  },
  {
    goal: '3. one event alone at 100k vs at 1k targets',
    measured: `${times(scaling)} the cost`,
    target: '≤ 2×',
    met: scaling <= 2,
  },
  {
    goal: '4. 10,000 events in one frame through the client',
    measured: `${burst.notifications} notification(s), ${burst.views} new state(s)`,
    target: 'exactly 1 new state',
    met: burst.notifications === 1 && burst.views === 1,
  },
  ...renders.map((render) => ({
    goal: `4. React, one target changed in ${render.rows.toLocaleString('en-US')} rows: ${render.pattern}`,
    measured: `row ${render.changedRowRenders}, other rows ${render.otherRowRenders}, container ${render.containerRenders}`,
    target: 'the row once, no other row, container at most once',
    met: render.changedRowRenders === 1 && render.otherRowRenders === 0 && render.containerRenders <= 1,
  })),
  {
    goal: '5. retained heap, 100k targets, state with list and tree vs plain Map',
    measured: times(memoryRatio),
    target: '≤ 1.5×',
    met: memoryRatio <= 1.5,
  },
  ...sizeResults.map(({ entry, size }) => ({
    goal: `6. gzip size of ${entry.name}`,
    measured: size === undefined ? `not measured (${entry.missing ?? ''})` : formatKb(size.gzipBytes),
    target: `≤ ${formatKb(targetBytes(entry))}`,
    met: size !== undefined && size.gzipBytes <= targetBytes(entry),
  })),
];

const cpus = os.cpus();
const environment: Environment = {
  date: new Date().toISOString(),
  command: 'pnpm bench',
  node: process.version,
  cpu: cpus[0]?.model.trim() ?? 'unknown',
  cores: cpus.length,
  memoryGiB: os.totalmem() / 1024 ** 3,
  platform: `${os.platform()} ${os.arch()}`,
  loadAverageAtStart,
  loadAverageAtEnd: os.loadavg(),
  seed: SEED,
  durationSeconds: (performance.now() - started) / 1000,
};
const report: BenchReport = { environment, goals, throughput, coalescing, renders, memory, sizes: sizeResults, coreModules };

mkdirSync(docsDir, { recursive: true });
writeFileSync(`${docsDir}benchmarks.md`, renderMarkdown(report));
const jsonReport = {
  ...report,
  sizes: sizeResults.map(({ entry, size }) => ({
    name: entry.name,
    description: entry.description,
    budgetBytes: entry.budgetBytes,
    goalBytes: entry.goalBytes,
    missing: entry.missing,
    minifiedBytes: size?.minifiedBytes,
    gzipBytes: size?.gzipBytes,
  })),
};
writeFileSync(`${docsDir}benchmarks.json`, `${JSON.stringify(jsonReport, null, 2)}\n`);
for (const goal of goals) log(`${goal.met ? 'met   ' : 'MISSED'} ${goal.goal}: ${goal.measured} (target ${goal.target})`);
log(`wrote docs/benchmarks.md and docs/benchmarks.json in ${environment.durationSeconds.toFixed(0)} s`);
