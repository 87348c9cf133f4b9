import { Pool } from 'pg';
import { EngagementReadModel } from '../src/modules/scoring/engagement-read-model';
import type { TimeWindow } from '../src/shared/window';
import type { GraphqlClient } from './graphql-client';
import { closedLoop, combine, sequential, type LoadResult } from './load';
import { freshWindow, REPORT_WINDOW } from './scenarios';
import { msSince, summarize, type LatencySummary } from './stats';

/** The dashboard's overview: twenty brands ranked by score with their care numbers and model. */
export const OVERVIEW = `query($w: WindowInput!) {
  brands(first: 20, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
    nodes { id name
      engagement(window: $w) { score stage phases { phase score contribution }
        responseTime { respondedCount medianMinutes p90Minutes } }
      classification(window: $w) { model confidence } } } }`;

export interface OverviewResult {
  /** The same window again and again: the response cache answers. */
  repeated: LatencySummary;
  /** A window never asked before on every request: computed from the rollups each time. */
  fresh: LatencySummary;
  /** The ranking statement alone, by SQL (the floor of `fresh`). */
  sqlFloor: LatencySummary;
  envelope: LatencySummary;
  clients8: LoadResult;
  clients16: LoadResult;
  envelope8: LoadResult;
}

const FRESH_SECONDS = 90;

/**
 * The overview sequentially (repeated and fresh windows, interleaved with
 * its SQL floor and `{ __typename }`), then under 8 and 16 clients against
 * `{ __typename }` under 8.
 */
export async function measureOverview(
  databaseUrl: string,
  api: GraphqlClient,
  workspaceId: string,
  samples: number,
  seconds: number,
): Promise<OverviewResult> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 1,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  const floor = async (window: TimeWindow) => {
    let statement: [string, unknown[]] = ['', []];
    const capture = {
      query: async (text: string, params: unknown[]) => ((statement = [text, params]), []),
    };
    await new EngagementReadModel().brandSums(
      { manager: capture as never, workspaceId },
      null,
      window,
      null,
    );
    return pool.query({ name: 'overview-floor', text: statement[0], values: statement[1] });
  };
  const run = { n: 0 };
  const nextFresh = () => freshWindow(run.n++);
  const repeated = await sequential(samples, () => api.request(OVERVIEW, { w: REPORT_WINDOW }));
  // a fresh overview takes over a second at 10^7 events: these two stop after FRESH_SECONDS
  const fresh = await sequential(
    samples,
    () => api.request(OVERVIEW, { w: nextFresh() }),
    FRESH_SECONDS,
  );
  const sqlFloor = await sequential(
    samples,
    () => {
      const w = nextFresh();
      return floor({ from: new Date(w.from), to: new Date(w.to) });
    },
    FRESH_SECONDS,
  );
  const envelope = await sequential(samples, () => api.request('{ __typename }'));
  await pool.end();
  const overviewLoad = (clients: number) =>
    closedLoop(clients, seconds, () => api.request(OVERVIEW, { w: REPORT_WINDOW }));
  // the fresh windows above may have pushed the repeated one out of the cache: ask it once more
  await api.request(OVERVIEW, { w: REPORT_WINDOW });
  const clients8 = combine(await overviewLoad(8));
  const clients16 = combine(await overviewLoad(16));
  const envelope8 = combine(await closedLoop(8, seconds, () => api.request('{ __typename }')));
  return { repeated, fresh, sqlFloor, envelope, clients8, clients16, envelope8 };
}

export interface CacheResult {
  hit: LatencySummary;
  miss: LatencySummary;
}

const ONE_REPORT = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) {
  score stage feedbackCount responseTime { medianMinutes p90Minutes } phases { phase score } } }`;

/** One brand's report: the same window (a cache hit) and a new window (a miss), interleaved. */
export async function measureCache(
  api: GraphqlClient,
  brandId: string,
  samples: number,
): Promise<CacheResult> {
  const hits: number[] = [];
  const misses: number[] = [];
  const timed = async (into: number[], keep: boolean, w: unknown) => {
    const started = process.hrtime.bigint();
    await api.request(ONE_REPORT, { b: brandId, w });
    if (keep) into.push(msSince(started));
  };
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    await timed(misses, i >= 0, freshWindow(1_000_000 + i));
    await timed(hits, i >= 0, REPORT_WINDOW);
  }
  return { hit: summarize(hits), miss: summarize(misses) };
}
