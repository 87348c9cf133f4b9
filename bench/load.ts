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

/** `samples` sequential requests after a tenth as many for warm-up: the latency summary. */
export async function sequential(
  samples: number,
  run: (i: number) => Promise<unknown>,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    const at = process.hrtime.bigint();
    await run(i);
    if (i >= 0) latencies.push(msSince(at));
  }
  return summarize(latencies);
}
