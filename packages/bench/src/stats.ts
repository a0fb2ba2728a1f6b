import { Bench } from 'tinybench';

/** Median of `values`; `NaN` for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One measured task: the median time of one call, and what it rests on. */
export interface Timing {
  readonly medianMs: number;
  /** Samples taken over all rounds. */
  readonly samples: number;
  /** Median of each round, in ms. */
  readonly roundMediansMs: readonly number[];
}

/** Options of `timeTasks`. */
export interface TimeTasksOptions {
  /** Minimum samples per task and round. */
  readonly iterations: number;
  /** Minimum sampling time per task and round, in ms. */
  readonly timeMs: number;
  /** Unmeasured calls per task and round before sampling. */
  readonly warmupIterations: number;
  /** Rounds over all tasks. Default: 1. */
  readonly rounds?: number;
}

/**
 * Runs the tasks with tinybench in `rounds` rounds (warm-up first, then at
 * least `iterations` samples and `timeMs` of sampling per task), and returns
 * per task the median of the rounds' median latencies. Rounds interleave the
 * tasks, so a burst of load from another process skews one round, not one task.
 */
export async function timeTasks(tasks: Record<string, () => unknown>, options: TimeTasksOptions): Promise<Record<string, Timing>> {
  const rounds: Record<string, { medians: number[]; samples: number }> = {};
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    const bench = new Bench({
      iterations: options.iterations,
      time: options.timeMs,
      warmup: true,
      warmupIterations: options.warmupIterations,
      warmupTime: 0,
    });
    for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
    await bench.run();

    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') {
        const reason = result.state === 'errored' ? result.error.message : result.state;
        throw new Error(`[livetargets] Benchmark task "${task.name}" did not complete: ${reason}`);
      }
      const entry = (rounds[task.name] ??= { medians: [], samples: 0 });
      entry.medians.push(result.latency.p50);
      entry.samples += result.latency.samplesCount;
    }
  }

  const timings: Record<string, Timing> = {};
  for (const [name, entry] of Object.entries(rounds)) {
    timings[name] = { medianMs: median(entry.medians), samples: entry.samples, roundMediansMs: entry.medians };
  }
  return timings;
}
