import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The one "negative" predicate over the effective values (sum-definitions.ts NEGATIVE reads the column). */
const SENTIMENT = 'coalesce(corrected_sentiment, sentiment, inferred_sentiment)';
const COMPLAINT = `coalesce(corrected_complaint, kind = 'COMPLAINT'::feedback_kind OR coalesce(inferred_complaint, false))`;
const SOURCE = `CASE WHEN corrected_sentiment IS NOT NULL THEN 'CORRECTED'
  WHEN sentiment IS NOT NULL THEN 'PROVIDED'
  WHEN inferred_sentiment IS NOT NULL THEN 'INFERRED' ELSE 'NONE' END`;
const SOURCE_COLUMNS = [
  'sentiment_corrected',
  'sentiment_provided',
  'sentiment_inferred',
  'sentiment_none',
];

/** The rebuild of every daily rollup, frozen as text (RollupWriter.rebuildDays as of this migration). */
const DAYS = `
WITH b AS (SELECT id, workspace_id, timezone, response_target_minutes FROM brands),
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
    (count(*) FILTER (WHERE f.negative))::int AS negative,
    (count(*) FILTER (WHERE f.negative AND f.first_response_at IS NOT NULL))::int AS negative_responded,
    (count(*) FILTER (WHERE f.sentiment_source = 'CORRECTED'))::int AS sentiment_corrected,
    (count(*) FILTER (WHERE f.sentiment_source = 'PROVIDED'))::int AS sentiment_provided,
    (count(*) FILTER (WHERE f.sentiment_source = 'INFERRED'))::int AS sentiment_inferred,
    (count(*) FILTER (WHERE f.sentiment_source = 'NONE'))::int AS sentiment_none
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
       INSERT INTO engagement_daily (brand_id, workspace_id, audience_key, day, feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, sentiment_corrected, sentiment_provided, sentiment_inferred, sentiment_none, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, delay_histogram)
       SELECT brand_id, b.workspace_id, audience_key, day,
              coalesce(feedback, 0), coalesce(acknowledged, 0), coalesce(ack_timeliness, 0), coalesce(categorized, 0), coalesce(needs_response, 0), coalesce(actioned, 0), coalesce(adopted, 0), coalesce(responded, 0), coalesce(response_timeliness, 0), coalesce(negative, 0), coalesce(negative_responded, 0), coalesce(sentiment_corrected, 0), coalesce(sentiment_provided, 0), coalesce(sentiment_inferred, 0), coalesce(sentiment_none, 0), coalesce(listening, 0), coalesce(processing, 0), coalesce(interacting, 0), coalesce(broadcasting, 0), coalesce(proactive, 0), coalesce(understanding, 0), coalesce(accommodative_replies, 0), coalesce(broadcast_engagements, 0), coalesce(broadcast_reach, 0), coalesce(promotional_broadcasts, 0), coalesce(hist.histogram, '{}'::jsonb)
         FROM fs FULL JOIN acts USING (brand_id, audience_key, day)
         LEFT JOIN hist USING (brand_id, audience_key, day)
         JOIN b ON b.id = brand_id`;

/** The rebuild of every monthly rollup from the days (RollupWriter.rebuildMonths as of this migration). */
const MONTHS = `
WITH months AS (
         SELECT d.brand_id, d.workspace_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                sum(d.feedback) AS feedback, sum(d.acknowledged) AS acknowledged, sum(d.ack_timeliness) AS ack_timeliness, sum(d.categorized) AS categorized, sum(d.needs_response) AS needs_response, sum(d.actioned) AS actioned, sum(d.adopted) AS adopted, sum(d.responded) AS responded, sum(d.response_timeliness) AS response_timeliness, sum(d.negative) AS negative, sum(d.negative_responded) AS negative_responded, sum(d.sentiment_corrected) AS sentiment_corrected, sum(d.sentiment_provided) AS sentiment_provided, sum(d.sentiment_inferred) AS sentiment_inferred, sum(d.sentiment_none) AS sentiment_none, sum(d.listening) AS listening, sum(d.processing) AS processing, sum(d.interacting) AS interacting, sum(d.broadcasting) AS broadcasting, sum(d.proactive) AS proactive, sum(d.understanding) AS understanding, sum(d.accommodative_replies) AS accommodative_replies, sum(d.broadcast_engagements) AS broadcast_engagements, sum(d.broadcast_reach) AS broadcast_reach, sum(d.promotional_broadcasts) AS promotional_broadcasts
           FROM engagement_daily d
          GROUP BY 1, 2, 3, 4),
       hist AS (
         SELECT brand_id, audience_key, month, jsonb_object_agg(bucket, n) AS histogram FROM (
           SELECT d.brand_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                  h.key::int AS bucket, sum(h.value::int)::int AS n
             FROM engagement_daily d CROSS JOIN LATERAL jsonb_each_text(d.delay_histogram) h
            WHERE d.responded > 0
            GROUP BY 1, 2, 3, 4) x
          GROUP BY 1, 2, 3)
       INSERT INTO engagement_monthly (brand_id, workspace_id, audience_key, month, feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, sentiment_corrected, sentiment_provided, sentiment_inferred, sentiment_none, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, delay_histogram)
       SELECT m.brand_id, m.workspace_id, m.audience_key, m.month, m.feedback, m.acknowledged, m.ack_timeliness, m.categorized, m.needs_response, m.actioned, m.adopted, m.responded, m.response_timeliness, m.negative, m.negative_responded, m.sentiment_corrected, m.sentiment_provided, m.sentiment_inferred, m.sentiment_none, m.listening, m.processing, m.interacting, m.broadcasting, m.proactive, m.understanding, m.accommodative_replies, m.broadcast_engagements, m.broadcast_reach, m.promotional_broadcasts,
              coalesce(h.histogram, '{}'::jsonb)
         FROM months m LEFT JOIN hist h USING (brand_id, audience_key, month)
`;

const WORKSPACE_BI = `(SELECT a.workspace_id FROM bi_access a WHERE a.role_name = current_user)`;
const BI_COLUMNS = `feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, updated_at`;

/**
 * Text signals (engagement-model.md, "Text signals"): feedback keeps the
 * caller's `sentiment` as given and gains what the text model inferred (with
 * its cues and version) and an analyst's correction. Stored generated
 * columns give the effective sentiment, its source, the effective complaint
 * flag and the one "negative" predicate, so every reader (sums, filters, the
 * inbox) uses the same values. The rollups gain a count per sentiment source
 * and are rebuilt. Existing rows are not inferred here (a migration cannot
 * run the model): `npm run feedback:reinfer` does that, rollups kept exact.
 */
export class TextSignals1795470000000 implements MigrationInterface {
  name = 'TextSignals1795470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE feedback
        ADD COLUMN inferred_sentiment float8 CONSTRAINT feedback_inferred_sentiment_check CHECK (inferred_sentiment BETWEEN -1 AND 1),
        ADD COLUMN inferred_complaint boolean,
        ADD COLUMN sentiment_cues text[] NOT NULL DEFAULT '{}',
        ADD COLUMN complaint_cues text[] NOT NULL DEFAULT '{}',
        ADD COLUMN inference_version text,
        ADD COLUMN corrected_sentiment float8 CONSTRAINT feedback_corrected_sentiment_check CHECK (corrected_sentiment BETWEEN -1 AND 1),
        ADD COLUMN corrected_complaint boolean,
        ADD CONSTRAINT feedback_inferred_complaint_kind_check
          CHECK (inferred_complaint IS NULL OR kind NOT IN ('COMPLAINT', 'PRAISE'))`);
    await q.query(`
      ALTER TABLE feedback
        ADD COLUMN effective_sentiment float8 GENERATED ALWAYS AS (${SENTIMENT}) STORED,
        ADD COLUMN sentiment_source text GENERATED ALWAYS AS (${SOURCE}) STORED,
        ADD COLUMN effective_complaint boolean GENERATED ALWAYS AS (${COMPLAINT}) STORED,
        ADD COLUMN negative boolean GENERATED ALWAYS AS (${COMPLAINT} OR coalesce(${SENTIMENT} < -0.2, false)) STORED`);
    // the inbox: a brand's unanswered negative feedback, newest first
    await q.query(
      `CREATE INDEX feedback_brand_inbox_idx ON feedback (brand_id, received_at) WHERE negative AND first_response_at IS NULL`,
    );
    for (const table of ['engagement_daily', 'engagement_monthly'])
      await q.query(
        `ALTER TABLE ${table} ${SOURCE_COLUMNS.map((c) => `ADD COLUMN ${c} int NOT NULL DEFAULT 0`).join(', ')}`,
      );
    await q.query(`DELETE FROM engagement_daily`);
    await q.query(DAYS);
    await q.query(`DELETE FROM engagement_monthly`);
    await q.query(MONTHS);
    await q.query(`
      CREATE OR REPLACE VIEW bi.engagement_daily WITH (security_barrier) AS
      SELECT brand_id, nullif(audience_key, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_id, day,
             ${BI_COLUMNS}, ${SOURCE_COLUMNS.join(', ')}
        FROM engagement_daily WHERE workspace_id = ${WORKSPACE_BI}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW bi.engagement_daily`);
    await q.query(`
      CREATE VIEW bi.engagement_daily WITH (security_barrier) AS
      SELECT brand_id, nullif(audience_key, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_id, day,
             ${BI_COLUMNS}
        FROM engagement_daily WHERE workspace_id = ${WORKSPACE_BI}`);
    await q.query(`GRANT SELECT ON bi.engagement_daily TO rapport_bi`);
    for (const table of ['engagement_daily', 'engagement_monthly'])
      await q.query(
        `ALTER TABLE ${table} ${SOURCE_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
      );
    await q.query(`DROP INDEX feedback_brand_inbox_idx`);
    await q.query(`
      ALTER TABLE feedback DROP COLUMN negative, DROP COLUMN effective_complaint, DROP COLUMN sentiment_source,
        DROP COLUMN effective_sentiment, DROP CONSTRAINT feedback_inferred_complaint_kind_check,
        DROP COLUMN corrected_complaint, DROP COLUMN corrected_sentiment, DROP COLUMN inference_version,
        DROP COLUMN complaint_cues, DROP COLUMN sentiment_cues, DROP COLUMN inferred_complaint,
        DROP COLUMN inferred_sentiment`);
    // the rollups' negative counts were the same predicate before inference; nothing else to undo
  }
}
