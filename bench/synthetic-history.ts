import type { DataSource, QueryRunner } from 'typeorm';
import {
  ActivityKind,
  defaultIntentOfKind,
  FeedbackKind,
  phaseOfKind,
} from '../src/shared/vocabulary';
import { RollupWriter } from '../src/modules/rollups/rollup-writer';
import { SESSIONS, startBulkLoad } from './bulk-load';

/**
 * Synthetic histories written set-based (INSERT … SELECT generate_series,
 * loaded as bulk-load.ts says): feedback over two years
 * for every brand, about 60 % of what needs an answer answered by a REPLY
 * (linked by id, first_response_at set as the API would), and other
 * activities of every kind. Events = feedback + activities.
 */
export const BRANDS = 100;
export const HISTORY_DAYS = 730;
/** The end of every synthetic history, deliberately not a midnight anywhere. */
export const HISTORY_END = new Date('2026-11-01T13:37:00Z');
const ZONES = ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Seoul'];

const OTHER_ACTIVITY_KINDS = Object.values(ActivityKind).filter((k) => k !== ActivityKind.REPLY);
const kindTable = `(VALUES ${OTHER_ACTIVITY_KINDS.map(
  (k, i) =>
    `(${i}, '${k}'::activity_kind, '${phaseOfKind(k)}'::engagement_phase, '${defaultIntentOfKind(k)}'::activity_intent)`,
).join(', ')}) AS k(i, kind, phase, intent)`;
const feedbackKinds = `(ARRAY[${Object.values(FeedbackKind)
  .map((k) => `'${k}'`)
  .join(', ')}]::feedback_kind[])`;

export interface BenchWorkspace {
  workspaceId: string;
  brandIds: string[];
}

/** A workspace of BRANDS brands with three audiences each. */
export async function createBenchWorkspace(ds: DataSource): Promise<BenchWorkspace> {
  const [{ id: workspaceId }] = await ds.query(
    `INSERT INTO workspaces (name) VALUES ('bench') RETURNING id`,
  );
  const brands: { id: string }[] = await ds.query(
    `INSERT INTO brands (workspace_id, name, slug, timezone, response_target_minutes)
     SELECT $1, 'Bench brand ' || g, 'bench-' || g, ($2::text[])[1 + g % 4], 60
       FROM generate_series(1, $3) g ORDER BY g RETURNING id`,
    [workspaceId, ZONES, BRANDS],
  );
  await ds.query(
    `INSERT INTO audiences (brand_id, workspace_id, name, channel, size)
     SELECT b.id, b.workspace_id, c.name, c.channel::channel, 10000
       FROM brands b, (VALUES ('Twitter', 'TWITTER'), ('App store', 'APP_STORE'), ('Forum', 'FORUM')) c(name, channel)
      WHERE b.workspace_id = $1`,
    [workspaceId],
  );
  await ds.query(
    `CREATE TABLE bench_brands AS
     SELECT (row_number() OVER (ORDER BY b.id) - 1)::int AS idx, b.id, b.workspace_id,
            array_agg(a.id ORDER BY a.id) AS audiences
       FROM brands b JOIN audiences a ON a.brand_id = b.id
      WHERE b.workspace_id = $1 GROUP BY b.id, b.workspace_id`,
    [workspaceId],
  );
  return { workspaceId, brandIds: brands.map((b) => b.id) };
}

/**
 * Adds `events` events (about half feedback, a fifth replies, the rest other
 * activities) numbered from `offset`, in chunks with progress. Each chunk
 * draws its times from its own slice of the history (together: uniform over
 * it), so that inserts into the time indexes stay local.
 */
export async function addEvents(
  ds: DataSource,
  offset: number,
  events: number,
  progress: (done: number) => void,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const CHUNK = 500_000;
  const chunks = Math.ceil(events / CHUNK);
  const load = await startBulkLoad(ds, events, offset);
  if (load.shortcuts.length > 0) log(`  bulk load: ${load.shortcuts.join(', ')}`);
  let done = 0;
  const writeChunk = async (q: QueryRunner, c: number) => {
    const n = Math.min(CHUNK, events - c * CHUNK);
    const from = offset + c * CHUNK;
    const feedback = Math.round(n * 0.5);
    // this chunk's slice of the history, as a fraction from its end
    const slice = [c / chunks, 1 / chunks];
    const at = `$3::timestamptz - ($4::float8 + random() * $5::float8) * interval '${HISTORY_DAYS} days'`;
    // feedback, and in the same statement the replies to what was answered
    const [{ replies }] = await q.query(
      `WITH f AS (
         INSERT INTO feedback (brand_id, workspace_id, audience_id, kind, sentiment, received_at,
                               acknowledged_at, first_response_at, category, outcome, external_id)
         SELECT bb.id, bb.workspace_id, CASE WHEN r.a < 0.2 THEN NULL ELSE bb.audiences[1 + (g % 3)] END,
                r.kind, CASE WHEN r.a < 0.5 THEN round((r.b * 2 - 1)::numeric, 2)::float8 END, r.at,
                CASE WHEN r.c < 0.5 THEN LEAST(r.at + r.c * interval '8 hours', $3::timestamptz) END,
                CASE WHEN r.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND r.d < 0.6
                     THEN LEAST(r.at + power(r.b, 3) * interval '48 hours', $3::timestamptz) END,
                CASE WHEN r.c < 0.3 THEN 'topic-' || (g % 7) END,
                (ARRAY['NONE', 'NONE', 'ANSWERED', 'RESOLVED', 'ADOPTED']::feedback_outcome[])[1 + (g % 5)],
                'sf' || g
           FROM generate_series($1::bigint, $2::bigint) g
           JOIN bench_brands bb ON bb.idx = g % ${BRANDS}
           CROSS JOIN LATERAL (
             SELECT random() AS a, random() AS b, random() AS c, random() AS d,
                    ${feedbackKinds}[1 + (g % 8)] AS kind, ${at} AS at) r
         RETURNING brand_id, workspace_id, audience_id, id, external_id, first_response_at),
       replies AS (
         INSERT INTO activities (brand_id, workspace_id, audience_id, kind, phase, intent, occurred_at,
                                 in_reply_to_feedback_id, in_reply_to_feedback_external_id, external_id)
         SELECT f.brand_id, f.workspace_id, f.audience_id, 'REPLY', 'INTERACTING', 'ENGAGE',
                f.first_response_at, f.id, f.external_id, 'r' || f.external_id
           FROM f WHERE f.first_response_at IS NOT NULL
         RETURNING 1)
       SELECT count(*)::int AS replies FROM replies`,
      [from, from + feedback - 1, HISTORY_END, ...slice],
    );
    const others = n - feedback - replies;
    await q.query(
      `INSERT INTO activities (brand_id, workspace_id, audience_id, kind, phase, intent, occurred_at,
                               reach, engagements, external_id)
       SELECT bb.id, bb.workspace_id, CASE WHEN random() < 0.2 THEN NULL ELSE bb.audiences[1 + (g % 3)] END,
              k.kind, k.phase, k.intent, ${at},
              CASE WHEN k.phase = 'BROADCASTING' THEN (random() * 10000)::int END,
              CASE WHEN k.phase = 'BROADCASTING' THEN (random() * 300)::int END,
              'sa' || g
         FROM generate_series($1::bigint, $2::bigint) g
         JOIN bench_brands bb ON bb.idx = g % ${BRANDS}
         JOIN ${kindTable} ON k.i = (g / ${BRANDS}) % ${OTHER_ACTIVITY_KINDS.length}`,
      [from, from + Math.max(0, others) - 1, HISTORY_END, ...slice],
    );
    done += n;
    progress(done);
  };
  // the sessions take the chunks in turn, in order of time
  let next = 0;
  try {
    await Promise.all(
      load.sessions.map(async (q) => {
        for (let c = next++; c < chunks; c = next++) await writeChunk(q, c);
      }),
    );
  } finally {
    await load.finish(log);
  }
}

/**
 * Every brand's rollups rebuilt from the raw rows, each brand in its own
 * transaction, on SESSIONS connections at once (an INSERT … SELECT runs on
 * one core).
 */
export async function rebuildRollups(ds: DataSource, brandIds: readonly string[]): Promise<void> {
  const writer = new RollupWriter();
  let next = 0;
  await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      for (let i = next++; i < brandIds.length; i = next++)
        await ds.transaction((m) => writer.rebuild(m, brandIds[i]!));
    }),
  );
}
