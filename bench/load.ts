import { msSince, summarize, type LatencySummary } from './stats';

export interface LoadResult {
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** What one closed loop saw: every request's latency (ms) and the wall time it took. */
export interface LoadRun {
  latencies: number[];
  seconds: number;
}

/** Several runs of the same load as one result (requests over the runs' total time). */
export function combine(...runs: LoadRun[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return { requestsPerSecond: latencies.length / seconds, latency: summarize(latencies) };
}

/**
 * A closed loop: `clients` concurrent clients, each sending its next request
 * when the last one is answered, for `seconds`. `run(i)` sends request i.
 */
export async function closedLoop(
  clients: number,
  seconds: number,
  run: (i: number) => Promise<unknown>,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < deadline; i += clients) {
        const at = process.hrtime.bigint();
        await run(i);
        latencies.push(msSince(at));
      }
    }),
  );
  return { latencies, seconds: msSince(started) / 1000 };
}

export const MIN_SAMPLES = 20;

/**
 * `samples` sequential requests after a tenth as many for warm-up: the
 * latency summary. With `maxSeconds` (two warm-up requests), stops early once that time has passed
 * and at least `MIN_SAMPLES` were taken (requests of seconds each at 10^8
 * events); the summary's `n` says how many.
 */
export async function sequential(
  samples: number,
  run: (i: number) => Promise<unknown>,
  maxSeconds = Infinity,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  const deadline = Date.now() + maxSeconds * 1000;
  const warmUp = Number.isFinite(maxSeconds) ? 2 : Math.ceil(samples / 10);
  for (let i = -warmUp; i < samples; i++) {
    if (latencies.length >= MIN_SAMPLES && Date.now() > deadline) break;
    const at = process.hrtime.bigint();
    await run(i);
    if (i >= 0) latencies.push(msSince(at));
  }
  return summarize(latencies);
}
