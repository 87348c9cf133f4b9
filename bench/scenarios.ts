import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { EngagementReadModel } from '../src/modules/scoring/engagement-read-model';
import type { GraphqlClient } from './graphql-client';
import { msSince, summarize, type LatencySummary } from './stats';
import { HISTORY_END } from './synthetic-history';
import { DAY_MS } from '../src/shared/time';

export const REPORT_WINDOW = {
  from: new Date(HISTORY_END.getTime() - 365 * DAY_MS).toISOString(),
  to: HISTORY_END.toISOString(),
};
const ENGAGEMENT = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) {
  score stage feedbackCount activityCount responseTime { respondedCount medianMinutes p90Minutes }
  phases { phase score weight contribution components { name value numerator denominator } } } }`;

export interface IngestionResult {
  events: number;
  apiPerSecond: number;
  rawPerSecond: number;
}

/** One partner batch of 1,000 items: 600 feedback, 200 replies linked by external id, 200 posts. */
function batchItems(prefix: string, batch: number) {
  const base = HISTORY_END.getTime() - 30 * DAY_MS;
  const feedback = Array.from({ length: 600 }, (_, i) => ({
    kind: ['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE'][i % 4],
    receivedAt: new Date(base + (batch * 1000 + i) * 60_000).toISOString(),
    sentiment: ((i % 21) - 10) / 10,
    externalId: `${prefix}-f${batch}-${i}`,
  }));
  const activities = Array.from({ length: 400 }, (_, i) =>
    i < 200
      ? {
          kind: 'REPLY',
          occurredAt: new Date(base + (batch * 1000 + i * 3) * 60_000 + 1_800_000).toISOString(),
          inReplyToFeedbackExternalId: `${prefix}-f${batch}-${i * 3}`,
          externalId: `${prefix}-a${batch}-${i}`,
        }
      : {
          kind: 'POST',
          occurredAt: new Date(base + (batch * 1000 + i) * 60_000).toISOString(),
          reach: 1000 + i,
          engagements: i,
          externalId: `${prefix}-a${batch}-${i}`,
        },
  );
  return { feedback, activities };
}

async function newBrands(ds: DataSource, workspaceId: string, label: string, n: number) {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO brands (workspace_id, name, slug)
     SELECT $1, $2 || ' ' || g, lower($2) || '-' || g FROM generate_series(1, $3) g RETURNING id`,
    [workspaceId, label, n],
  );
  return rows.map((r) => r.id);
}

/**
 * recordInteractions over HTTP (batches of 1,000, `clients` concurrent
 * clients, one brand each) against multi-row INSERTs of the same rows
 * through pg (same batches, same concurrency): the physical floor.
 */
export async function measureIngestion(
  ds: DataSource,
  databaseUrl: string,
  api: GraphqlClient,
  workspaceId: string,
  label: string,
  clients: number,
  batchesPerClient: number,
): Promise<IngestionResult> {
  const events = clients * batchesPerClient * 1000;
  const apiBrands = await newBrands(ds, workspaceId, `Ingest ${label}`, clients);
  let started = process.hrtime.bigint();
  await Promise.all(
    apiBrands.map(async (brandId, c) => {
      for (let b = 0; b < batchesPerClient; b++) {
        const data = await api.request<{ recordInteractions: { inserted: number } }>(
          `mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { inserted } }`,
          { input: { brandId, ...batchItems(`api${label}-${c}`, b) } },
        );
        if (data.recordInteractions.inserted !== 1000) throw new Error('a batch was not inserted');
      }
    }),
  );
  const apiSeconds = msSince(started) / 1000;

  const rawBrands = await newBrands(ds, workspaceId, `Raw ${label}`, clients);
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  started = process.hrtime.bigint();
  await Promise.all(
    rawBrands.map(async (brandId, c) => {
      const client = await pool.connect();
      try {
        for (let b = 0; b < batchesPerClient; b++) {
          const { feedback, activities } = batchItems(`raw${label}-${c}`, b);
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO feedback (brand_id, workspace_id, kind, received_at, sentiment, external_id)
             SELECT $1, $2, kind::feedback_kind, at, sentiment, ext
               FROM unnest($3::text[], $4::timestamptz[], $5::float8[], $6::text[]) AS t(kind, at, sentiment, ext)`,
            [
              brandId,
              workspaceId,
              feedback.map((f) => f.kind),
              feedback.map((f) => f.receivedAt),
              feedback.map((f) => f.sentiment),
              feedback.map((f) => f.externalId),
            ],
          );
          await client.query(
            `INSERT INTO activities (brand_id, workspace_id, kind, phase, intent, occurred_at, reach, engagements,
                                     in_reply_to_feedback_external_id, external_id)
             SELECT $1, $2, kind::activity_kind,
                    CASE kind WHEN 'REPLY' THEN 'INTERACTING' ELSE 'BROADCASTING' END::engagement_phase,
                    CASE kind WHEN 'REPLY' THEN 'ENGAGE' ELSE 'INFORM' END::activity_intent,
                    at, reach, engagements, reply_to, ext
               FROM unnest($3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[])
                    AS t(kind, at, reach, engagements, reply_to, ext)`,
            [
              brandId,
              workspaceId,
              activities.map((a) => a.kind),
              activities.map((a) => a.occurredAt),
              activities.map((a) => a.reach ?? null),
              activities.map((a) => a.engagements ?? null),
              activities.map((a) => a.inReplyToFeedbackExternalId ?? null),
              activities.map((a) => a.externalId),
            ],
          );
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  const rawSeconds = msSince(started) / 1000;
  await pool.end();
  return { events, apiPerSecond: events / apiSeconds, rawPerSecond: events / rawSeconds };
}

export interface LatencyResult {
  http: LatencySummary;
  sql: LatencySummary;
  framework: LatencySummary;
}

/**
 * engagement over 365 days over HTTP, the same statement by SQL alone, and
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
  const window = { from: new Date(REPORT_WINDOW.from), to: new Date(REPORT_WINDOW.to) };
  const time = async (into: number[], keep: boolean, work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    if (keep) into.push(msSince(started));
  };
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    const keep = i >= 0;
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
    const viaHttp = () =>
      time(http, keep, () => api.request(ENGAGEMENT, { b: brand(i), w: REPORT_WINDOW }));
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
