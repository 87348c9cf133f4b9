import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { GraphqlClient } from './graphql-client';
import { postIngest } from './ingest-client';
import { runIfMain, withStandaloneTarget, type BenchTarget } from './standalone-target';
import { int, msSince } from './stats';

/** Events/s of one way of writing into ONE brand (`null`: not measured). */
export interface OneBrandIngestion {
  clients: number;
  eventsPerClient: number;
  graphqlPerSecond: number;
  bulkPerSecond: number | null;
  rawPerSecond: number;
}

export type OneBrandTarget = BenchTarget;

const BASE = Date.parse('2026-10-01T00:00:00Z');

/** One partner batch of 1,000 items: 600 feedback, 200 replies linked by external id, 200 posts. */
export function oneBrandBatch(prefix: string, batch: number) {
  const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
  const feedback = Array.from({ length: 600 }, (_, i) => ({
    kind: ['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE'][i % 4]!,
    receivedAt: at(batch * 1000 + i),
    sentiment: ((i % 21) - 10) / 10,
    externalId: `${prefix}-f${batch}-${i}`,
  }));
  const activities = Array.from({ length: 400 }, (_, i) =>
    i < 200
      ? {
          kind: 'REPLY',
          occurredAt: at(batch * 1000 + i * 3 + 30),
          inReplyToFeedbackExternalId: `${prefix}-f${batch}-${i * 3}`,
          externalId: `${prefix}-a${batch}-${i}`,
        }
      : {
          kind: 'POST',
          occurredAt: at(batch * 1000 + i),
          reach: 1000 + i,
          engagements: i,
          externalId: `${prefix}-a${batch}-${i}`,
        },
  );
  return { feedback, activities };
}

export async function newBrand(ds: DataSource, workspaceId: string, slug: string): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO brands (workspace_id, name, slug) VALUES ($1, $2, $2) RETURNING id`,
    [workspaceId, slug],
  );
  return row.id;
}

/**
 * `clients` concurrent clients, each sending `batches` batches of 1,000 items
 * into the SAME brand: recordInteractions over HTTP, POST /ingest (each
 * client streams its items in one request), and multi-row INSERTs of the same
 * rows through pg into an unindexed table (the physical floor).
 */
export async function measureOneBrandIngestion(
  target: OneBrandTarget,
  label: string,
  clients = 4,
  batches = 10,
): Promise<OneBrandIngestion> {
  const events = clients * batches * 1000;
  const rate = (started: bigint) => events / (msSince(started) / 1000);

  const gqlBrand = await newBrand(target.ds, target.workspaceId, `one-gql-${label}`);
  const api = new GraphqlClient(target.port, target.apiKey);
  let started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let b = 0; b < batches; b++) {
        const data = await api.request<{ recordInteractions: { inserted: number } }>(
          `mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { inserted } }`,
          { input: { brandId: gqlBrand, ...oneBrandBatch(`g${label}-${c}`, b) } },
        );
        if (data.recordInteractions.inserted !== 1000) throw new Error('a batch was not inserted');
      }
    }),
  );
  const graphqlPerSecond = rate(started);
  api.close();

  const slug = `one-bulk-${label}`;
  await newBrand(target.ds, target.workspaceId, slug);
  started = process.hrtime.bigint();
  const bulk = await Promise.all(
    Array.from({ length: clients }, (_, c) =>
      postIngest(target.port, target.apiKey, ndjsonLines(slug, `b${label}-${c}`, batches)),
    ),
  );
  const bulkPerSecond = bulk.every((r) => r === events / clients) ? rate(started) : null;

  const pool = new Pool({ connectionString: target.databaseUrl, max: clients });
  pool.on('error', () => undefined); // an idle client cut at shutdown
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_raw_feedback (LIKE feedback INCLUDING DEFAULTS)`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_raw_activities (LIKE activities INCLUDING DEFAULTS)`,
  );
  const rawBrand = await newBrand(target.ds, target.workspaceId, `one-raw-${label}`);
  started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let b = 0; b < batches; b++)
        await rawInsert(pool, rawBrand, target.workspaceId, oneBrandBatch(`r${label}-${c}`, b));
    }),
  );
  const rawPerSecond = rate(started);
  await pool.end();
  return {
    clients,
    eventsPerClient: events / clients,
    graphqlPerSecond,
    bulkPerSecond,
    rawPerSecond,
  };
}

function* ndjsonLines(slug: string, prefix: string, batches: number): Generator<string> {
  for (let b = 0; b < batches; b++) {
    const { feedback, activities } = oneBrandBatch(prefix, b);
    const lines = [
      ...feedback.map((f) => JSON.stringify({ type: 'feedback', brand: slug, ...f })),
      ...activities.map((a) => JSON.stringify({ type: 'activity', brand: slug, ...a })),
    ];
    yield lines.join('\n') + '\n';
  }
}

async function rawInsert(
  pool: Pool,
  brandId: string,
  workspaceId: string,
  { feedback, activities }: ReturnType<typeof oneBrandBatch>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bench_raw_feedback (brand_id, id, workspace_id, kind, received_at, sentiment, external_id, outcome, created_at, updated_at)
       SELECT $1, gen_random_uuid(), $2, kind::feedback_kind, at, sentiment, ext, 'NONE', now(), now()
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
      `INSERT INTO bench_raw_activities (brand_id, id, workspace_id, kind, phase, intent, occurred_at, reach, engagements,
                                         in_reply_to_feedback_external_id, external_id, created_at, updated_at)
       SELECT $1, gen_random_uuid(), $2, kind::activity_kind,
              CASE kind WHEN 'REPLY' THEN 'INTERACTING' ELSE 'BROADCASTING' END::engagement_phase,
              CASE kind WHEN 'REPLY' THEN 'ENGAGE' ELSE 'INFORM' END::activity_intent,
              at, reach, engagements, reply_to, ext, now(), now()
         FROM unnest($3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[])
              AS t(kind, at, reach, engagements, reply_to, ext)`,
      [
        brandId,
        workspaceId,
        activities.map((a) => a.kind),
        activities.map((a) => a.occurredAt),
        activities.map((a) => ('reach' in a ? a.reach : null)),
        activities.map((a) => ('engagements' in a ? a.engagements : null)),
        activities.map((a) =>
          'inReplyToFeedbackExternalId' in a ? a.inReplyToFeedbackExternalId : null,
        ),
        activities.map((a) => a.externalId),
      ],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** The figures side by side, as markdown. */
export function oneBrandTable(r: OneBrandIngestion): string {
  const pct = (x: number | null) =>
    x === null ? '—' : `${((100 * x) / r.rawPerSecond).toFixed(1)} %`;
  const row = (name: string, x: number | null) =>
    `| ${name} | ${x === null ? '—' : int(x)} | ${pct(x)} |`;
  return [
    `One brand, ${r.clients} clients × ${int(r.eventsPerClient)} events (batches of 1,000):`,
    '',
    '| path | events/s | of raw INSERT |',
    '|---|---:|---:|',
    row('recordInteractions (GraphQL)', r.graphqlPerSecond),
    row('POST /ingest (NDJSON, one request per client)', r.bulkPerSecond),
    row('raw multi-row INSERT, unindexed table', r.rawPerSecond),
  ].join('\n');
}

/** Standalone: `node scripts/run-built.js bench/ingestion-one-brand.js [--batches 10] [--clients 4]`. */
runIfMain(__filename, async () => {
  const { values } = parseArgs({
    options: {
      batches: { type: 'string', default: '10' },
      clients: { type: 'string', default: '4' },
    },
  });
  await withStandaloneTarget(async (target) => {
    // a short warm-up (JIT, pools, plans), then the measurement
    await measureOneBrandIngestion(target, 'warm', Number(values.clients), 1);
    const result = await measureOneBrandIngestion(
      target,
      String(Date.now() % 1e9),
      Number(values.clients),
      Number(values.batches),
    );
    process.stdout.write(oneBrandTable(result) + '\n');
  });
});
