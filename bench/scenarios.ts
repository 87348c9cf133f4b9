import { Pool } from 'pg';
import { EngagementReadModel } from '../src/modules/scoring/engagement-read-model';
import type { GraphqlClient } from './graphql-client';
import { msSince, summarize, type LatencySummary } from './stats';
import { HISTORY_END } from './synthetic-history';
import { DAY_MS } from '../src/shared/time';

export const REPORT_WINDOW = {
  from: new Date(HISTORY_END.getTime() - 365 * DAY_MS).toISOString(),
  to: HISTORY_END.toISOString(),
};
/** A window no earlier request used (REPORT_WINDOW with its start moved by 1 + i ms): a cache miss. */
export const freshWindow = (i: number) => ({
  from: new Date(new Date(REPORT_WINDOW.from).getTime() + 1 + i).toISOString(),
  to: REPORT_WINDOW.to,
});

const ENGAGEMENT = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) {
  score stage feedbackCount activityCount responseTime { respondedCount medianMinutes p90Minutes }
  phases { phase score weight contribution components { name value numerator denominator } } } }`;

export interface LatencyResult {
  http: LatencySummary;
  sql: LatencySummary;
  framework: LatencySummary;
}

/**
 * engagement over 365 days (a new window each time: computed, never cached)
 * over HTTP, the same statement by SQL alone, and
 * { __typename } over HTTP, interleaved (one of each per round), so that
 * background work on the machine weighs on the three alike.
 */
export async function measureLatency(
  databaseUrl: string,
  api: GraphqlClient,
  workspaceId: string,
  brandIds: string[],
  samples: number,
): Promise<LatencyResult> {
  const http: number[] = [];
  const sql: number[] = [];
  const framework: number[] = [];
  const brand = (i: number) => brandIds[(i + brandIds.length * 10) % brandIds.length]!;
  // the SQL floor: one connection, the statement prepared once with a generic plan (as the server runs it)
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 1,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  const time = async (into: number[], keep: boolean, work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    if (keep) into.push(msSince(started));
  };
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    const keep = i >= 0;
    // a window never asked before: the report is computed, not served from the report cache
    const w = freshWindow(2_000_000 + i);
    const window = { from: new Date(w.from), to: new Date(w.to) };
    // the very statement the API sends (captured from the read model)
    let statement: [string, unknown[]] = ['', []];
    const capture = {
      query: async (text: string, params: unknown[]) => ((statement = [text, params]), []),
    };
    await new EngagementReadModel().brandSums(
      { manager: capture as never, workspaceId },
      [brand(i)],
      window,
      null,
    );
    const viaHttp = () => time(http, keep, () => api.request(ENGAGEMENT, { b: brand(i), w }));
    const viaSql = () =>
      time(sql, keep, () =>
        pool.query({ name: 'floor', text: statement[0], values: statement[1] }),
      );
    // alternate which goes first: the second finds the brand's pages already cached
    if (i % 2) {
      await viaHttp();
      await viaSql();
    } else {
      await viaSql();
      await viaHttp();
    }
    await time(framework, keep, () => api.request('{ __typename }'));
  }
  await pool.end();
  return { http: summarize(http), sql: summarize(sql), framework: summarize(framework) };
}

export interface ThroughputResult {
  requestsPerSecond: number;
  latency: LatencySummary;
  byOperation: Record<string, number>;
}

/** `clients` concurrent clients for `seconds` on a mixed read workload. */
export async function measureThroughput(
  api: GraphqlClient,
  brandIds: string[],
  clients: number,
  seconds: number,
): Promise<ThroughputResult> {
  const quarter = {
    from: new Date(HISTORY_END.getTime() - 90 * DAY_MS).toISOString(),
    to: REPORT_WINDOW.to,
  };
  const operations: [string, (b: string) => Promise<unknown>][] = [
    ['engagement 365 d', (b) => api.request(ENGAGEMENT, { b, w: REPORT_WINDOW })],
    [
      'classification 90 d',
      (b) =>
        api.request(
          'query($b: ID!, $w: WindowInput!) { classification(brandId: $b, window: $w) { model confidence direction symmetry } }',
          { b, w: quarter },
        ),
    ],
    [
      'weekly series 52 w',
      (b) =>
        api.request(
          'query($b: ID!, $w: WindowInput!) { engagementSeries(brandId: $b, window: $w, granularity: WEEK) { periodStart score } }',
          { b, w: REPORT_WINDOW },
        ),
    ],
    [
      'brands(first: 20) with scores',
      () =>
        api.request(
          'query($w: WindowInput!) { brands(first: 20) { edges { node { name engagement(window: $w) { score } classification(window: $w) { model } } } } }',
          { w: quarter },
        ),
    ],
  ];
  // "repeated windows": every brand's reports asked once before, as a dashboard in use would have
  for (const b of brandIds) for (const [, run] of operations) await run(b);
  const latencies: number[] = [];
  const byOperation: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < deadline; i += clients) {
        const [name, run] = operations[i % operations.length]!;
        const started = process.hrtime.bigint();
        await run(brandIds[(i * 7 + c) % brandIds.length]!);
        latencies.push(msSince(started));
        byOperation[name] = (byOperation[name] ?? 0) + 1;
        n++;
      }
    }),
  );
  return { requestsPerSecond: n / seconds, latency: summarize(latencies), byOperation };
}
