import type { MigrationInterface, QueryRunner } from 'typeorm';

const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;

/**
 * The backfill, frozen as text (a migration never changes once it has run
 * somewhere): the sums of sum-definitions.ts and the ×1.05 delay buckets of
 * delay-histogram.ts, as the application computes them.
 */
const BACKFILL = `
WITH b AS (SELECT id, workspace_id, timezone, response_target_minutes FROM brands
                   ),
       fs AS (SELECT f.brand_id, coalesce(f.audience_id, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_key,
       (f.received_at AT TIME ZONE b.timezone)::date AS day, (count(*))::int AS feedback,
    (count(least(f.acknowledged_at, f.first_response_at)))::int AS acknowledged,
    (coalesce(sum(1.0 / (1.0 + power(greatest(0, extract(epoch FROM (least(f.acknowledged_at, f.first_response_at) - f.received_at))::float8 / 60.0) / 240, 2))) FILTER (WHERE least(f.acknowledged_at, f.first_response_at) IS NOT NULL), 0))::float8 AS ack_timeliness,
    (count(f.category))::int AS categorized,
    (count(*) FILTER (WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW')))::int AS needs_response,
    (count(*) FILTER (WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND f.outcome IN ('RESOLVED', 'ADOPTED')))::int AS actioned,
    (count(*) FILTER (WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND f.outcome = 'ADOPTED'))::int AS adopted,
    (count(*) FILTER (WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND f.first_response_at IS NOT NULL))::int AS responded,
    (coalesce(sum(1.0 / (1.0 + power(greatest(0, extract(epoch FROM (f.first_response_at - f.received_at))::float8 / 60.0) / b.response_target_minutes, 2))) FILTER (WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND f.first_response_at IS NOT NULL), 0))::float8 AS response_timeliness,
    (count(*) FILTER (WHERE (f.kind = 'COMPLAINT' OR coalesce(f.sentiment < -0.2, false))))::int AS negative,
    (count(*) FILTER (WHERE (f.kind = 'COMPLAINT' OR coalesce(f.sentiment < -0.2, false)) AND f.first_response_at IS NOT NULL))::int AS negative_responded
                FROM feedback f JOIN b ON b.id = f.brand_id GROUP BY 1, 2, 3),
       acts AS (SELECT a.brand_id, coalesce(a.audience_id, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_key,
       (a.occurred_at AT TIME ZONE b.timezone)::date AS day, (count(*) FILTER (WHERE a.phase = 'LISTENING'))::int AS listening,
    (count(*) FILTER (WHERE a.phase = 'PROCESSING'))::int AS processing,
    (count(*) FILTER (WHERE a.phase = 'INTERACTING'))::int AS interacting,
    (count(*) FILTER (WHERE a.phase = 'BROADCASTING'))::int AS broadcasting,
    (count(*) FILTER (WHERE a.phase = 'INTERACTING' AND a.in_reply_to_feedback_id IS NULL
                       AND a.in_reply_to_feedback_external_id IS NULL))::int AS proactive,
    (count(*) FILTER (WHERE a.phase IN ('LISTENING', 'PROCESSING')
                       AND a.intent IN ('UNDERSTAND', 'ACCOMMODATE')))::int AS understanding,
    (count(*) FILTER (WHERE a.phase = 'INTERACTING' AND a.intent <> 'PROMOTE'))::int AS accommodative_replies,
    (coalesce(sum(coalesce(a.engagements, 0)) FILTER (WHERE a.phase = 'BROADCASTING' AND a.reach > 0), 0))::float8 AS broadcast_engagements,
    (coalesce(sum(a.reach) FILTER (WHERE a.phase = 'BROADCASTING' AND a.reach > 0), 0))::float8 AS broadcast_reach,
    (count(*) FILTER (WHERE a.phase = 'BROADCASTING' AND a.intent = 'PROMOTE'))::int AS promotional_broadcasts
                  FROM activities a JOIN b ON b.id = a.brand_id GROUP BY 1, 2, 3),
       hist AS (SELECT brand_id, audience_key, day, jsonb_object_agg(bucket, n) AS histogram FROM (
                  SELECT f.brand_id, coalesce(f.audience_id, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_key,
       (f.received_at AT TIME ZONE b.timezone)::date AS day,
                         CASE WHEN greatest(0, extract(epoch FROM (f.first_response_at - f.received_at))::float8 / 60.0) * 60 < 1 THEN 0 ELSE least(1 + floor(ln(greatest(0, extract(epoch FROM (f.first_response_at - f.received_at))::float8 / 60.0) * 60) / ln(1.05))::int, 500) END AS bucket, count(*)::int AS n
                    FROM feedback f JOIN b ON b.id = f.brand_id
                   WHERE f.kind IN ('COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW') AND f.first_response_at IS NOT NULL
                   GROUP BY 1, 2, 3, 4) x
                GROUP BY 1, 2, 3)
       INSERT INTO engagement_daily (brand_id, workspace_id, audience_key, day, feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, delay_histogram)
       SELECT brand_id, b.workspace_id, audience_key, day,
              coalesce(feedback, 0), coalesce(acknowledged, 0), coalesce(ack_timeliness, 0), coalesce(categorized, 0), coalesce(needs_response, 0), coalesce(actioned, 0), coalesce(adopted, 0), coalesce(responded, 0), coalesce(response_timeliness, 0), coalesce(negative, 0), coalesce(negative_responded, 0), coalesce(listening, 0), coalesce(processing, 0), coalesce(interacting, 0), coalesce(broadcasting, 0), coalesce(proactive, 0), coalesce(understanding, 0), coalesce(accommodative_replies, 0), coalesce(broadcast_engagements, 0), coalesce(broadcast_reach, 0), coalesce(promotional_broadcasts, 0), coalesce(hist.histogram, '{}'::jsonb)
         FROM fs FULL JOIN acts USING (brand_id, audience_key, day)
         LEFT JOIN hist USING (brand_id, audience_key, day)
         JOIN b ON b.id = brand_id`;

/**
 * engagement_daily: per brand × audience × local day, the sums every
 * component is a ratio of (engagement-model.md §3), plus a histogram of
 * first-response delays (sparse: bucket → count, see delay-histogram.ts). `audience_key` is the nil UUID for items without an
 * audience (a primary key cannot hold NULL). Maintained in the transaction of
 * every write; keyed by brand_id first, like every fact table.
 */

export class DailyRollups1795410000000 implements MigrationInterface {
  name = 'DailyRollups1795410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE engagement_daily (
        brand_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        audience_key uuid NOT NULL,
        day date NOT NULL,
        feedback int NOT NULL DEFAULT 0,
        acknowledged int NOT NULL DEFAULT 0,
        ack_timeliness float8 NOT NULL DEFAULT 0,
        categorized int NOT NULL DEFAULT 0,
        needs_response int NOT NULL DEFAULT 0,
        actioned int NOT NULL DEFAULT 0,
        adopted int NOT NULL DEFAULT 0,
        responded int NOT NULL DEFAULT 0,
        response_timeliness float8 NOT NULL DEFAULT 0,
        negative int NOT NULL DEFAULT 0,
        negative_responded int NOT NULL DEFAULT 0,
        listening int NOT NULL DEFAULT 0,
        processing int NOT NULL DEFAULT 0,
        interacting int NOT NULL DEFAULT 0,
        broadcasting int NOT NULL DEFAULT 0,
        proactive int NOT NULL DEFAULT 0,
        understanding int NOT NULL DEFAULT 0,
        accommodative_replies int NOT NULL DEFAULT 0,
        broadcast_engagements float8 NOT NULL DEFAULT 0,
        broadcast_reach float8 NOT NULL DEFAULT 0,
        promotional_broadcasts int NOT NULL DEFAULT 0,
        delay_histogram jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT engagement_daily_pkey PRIMARY KEY (brand_id, audience_key, day),
        CONSTRAINT engagement_daily_brand_fkey FOREIGN KEY (workspace_id, brand_id)
          REFERENCES brands (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX engagement_daily_brand_day_idx ON engagement_daily (brand_id, day)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON engagement_daily TO rapport_app`);
    await q.query(`ALTER TABLE engagement_daily ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY workspace_isolation ON engagement_daily USING (workspace_id = ${WORKSPACE}) WITH CHECK (workspace_id = ${WORKSPACE})`,
    );
    // backfill from the rows already recorded (one set-based statement; the
    // migration runs as the table owner, which row-level security does not filter)
    await q.query(BACKFILL);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_daily`);
  }
}
