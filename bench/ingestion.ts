import { Pool, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { GraphqlClient } from './graphql-client';
import { batchItems } from './scenarios';
import { msSince } from './stats';
import type { OneBrandIngestion } from './targets';

type Batch = ReturnType<typeof batchItems>;
const ITEMS_PER_BATCH = 1000;

async function newBrand(ds: DataSource, workspaceId: string, slug: string): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO brands (workspace_id, name, slug) VALUES ($1, $2, $2) RETURNING id`,
    [workspaceId, slug],
  );
  return id;
}

/** `clients` concurrent clients, each running `work(client)`: the events per second of all. */
async function perSecond(clients: number, events: number, work: (c: number) => Promise<void>) {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, (_, c) => work(c)));
  return events / (msSince(started) / 1000);
}

/** A batch as interchange lines (feedback first: the replies name it by external id). */
function ndjson(slug: string, { feedback, activities }: Batch): string {
  return [
    ...feedback.map((f) => JSON.stringify({ type: 'feedback', brand: slug, ...f })),
    ...activities.map((a) => JSON.stringify({ type: 'activity', brand: slug, ...a })),
  ].join('\n');
}

/** Multi-row INSERTs (one per table per batch) into the unindexed copies of the fact tables. */
async function insertRaw(client: PoolClient, brandId: string, workspaceId: string, batch: Batch) {
  const { feedback, activities } = batch;
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO bench_raw_feedback (brand_id, workspace_id, kind, received_at, sentiment, external_id)
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
    `INSERT INTO bench_raw_activities (brand_id, workspace_id, kind, phase, intent, occurred_at, reach,
                                       engagements, in_reply_to_feedback_external_id, external_id)
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
      activities.map((a) => ('reach' in a ? a.reach : null)),
      activities.map((a) => ('engagements' in a ? a.engagements : null)),
      activities.map((a) =>
        'inReplyToFeedbackExternalId' in a ? a.inReplyToFeedbackExternalId : null,
      ),
      activities.map((a) => a.externalId),
    ],
  );
  await client.query('COMMIT');
}

/**
 * Four partners' connectors streaming into ONE brand (a big brand's case):
 * `recordInteractions` in batches of 1,000, `POST /ingest` with one NDJSON
 * body per client, and the physical floor — the same rows as multi-row
 * INSERTs into unindexed copies of the fact tables (no keys, no rollups).
 */
export async function measureOneBrandIngestion(
  ds: DataSource,
  databaseUrl: string,
  api: GraphqlClient,
  workspaceId: string,
  label: string,
  options = { clients: 4, graphqlBatches: 5, bulkBatches: 25 },
): Promise<OneBrandIngestion> {
  const { clients, graphqlBatches, bulkBatches } = options;
  const gqlBrand = await newBrand(ds, workspaceId, `one-brand-graphql-${label}`);
  const graphqlPerSecond = await perSecond(
    clients,
    clients * graphqlBatches * ITEMS_PER_BATCH,
    async (c) => {
      for (let b = 0; b < graphqlBatches; b++) {
        const data = await api.request<{ recordInteractions: { inserted: number } }>(
          `mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { inserted } }`,
          { input: { brandId: gqlBrand, ...batchItems(`gql${label}-${c}`, b) } },
        );
        if (data.recordInteractions.inserted !== ITEMS_PER_BATCH)
          throw new Error('a recordInteractions batch was not inserted whole');
      }
    },
  );

  const bulkSlug = `one-brand-bulk-${label}`;
  await newBrand(ds, workspaceId, bulkSlug);
  const bodies = Array.from(
    { length: clients },
    (_, c) =>
      Array.from({ length: bulkBatches }, (_, b) =>
        ndjson(bulkSlug, batchItems(`bulk${label}-${c}`, b)),
      ).join('\n') + '\n',
  );
  const bulkPerSecond = await perSecond(
    clients,
    clients * bulkBatches * ITEMS_PER_BATCH,
    async (c) => {
      const response = await api.send('POST', '/ingest', 'application/x-ndjson', bodies[c]!);
      const summary = JSON.parse(response.text) as { inserted?: number };
      if (response.status !== 200 || summary.inserted !== bulkBatches * ITEMS_PER_BATCH)
        throw new Error(`POST /ingest ${response.status}: ${response.text.slice(0, 500)}`);
    },
  );

  await ds.query(`DROP TABLE IF EXISTS bench_raw_feedback, bench_raw_activities`);
  await ds.query(`CREATE TABLE bench_raw_feedback (LIKE feedback)`);
  await ds.query(`CREATE TABLE bench_raw_activities (LIKE activities)`);
  const rawBrand = await newBrand(ds, workspaceId, `one-brand-raw-${label}`);
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  const rawPerSecond = await perSecond(
    clients,
    clients * bulkBatches * ITEMS_PER_BATCH,
    async (c) => {
      const client = await pool.connect();
      try {
        for (let b = 0; b < bulkBatches; b++)
          await insertRaw(client, rawBrand, workspaceId, batchItems(`raw${label}-${c}`, b));
      } finally {
        client.release();
      }
    },
  );
  await pool.end();
  await ds.query(`DROP TABLE bench_raw_feedback, bench_raw_activities`);
  return { graphqlPerSecond, bulkPerSecond, rawPerSecond };
}
