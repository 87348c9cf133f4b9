import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The predicates of sum-definitions.ts POSITIVE and NEUTRAL, frozen as of this migration. */
const POSITIVE = 'NOT f.negative AND f.effective_sentiment > 0.2';
const NEUTRAL = 'NOT f.negative AND f.effective_sentiment <= 0.2';

const WORKSPACE_BI = `(SELECT a.workspace_id FROM bi_access a WHERE a.role_name = current_user)`;
const BI_COLUMNS = `feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, updated_at, sentiment_corrected, sentiment_provided, sentiment_inferred, sentiment_none`;

/**
 * The sentiment mix: beside `negative`, the rollups count positive feedback
 * (not negative, effective sentiment above 0.2) and neutral feedback (not
 * negative, effective sentiment in [−0.2, 0.2]); the rest has no sentiment.
 * The new columns are filled from the fact rows, day by day in each brand's
 * time zone and month by month from the days, so existing databases stay
 * exact without a rebuild; the BI view gains them at its end.
 */
export class SentimentMix1795540000000 implements MigrationInterface {
  name = 'SentimentMix1795540000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of ['engagement_daily', 'engagement_monthly'])
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN positive int NOT NULL DEFAULT 0, ADD COLUMN neutral int NOT NULL DEFAULT 0`,
      );
    await q.query(`
      UPDATE engagement_daily d SET positive = x.positive, neutral = x.neutral
        FROM (SELECT f.brand_id,
                     coalesce(f.audience_id, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_key,
                     (f.received_at AT TIME ZONE b.timezone)::date AS day,
                     (count(*) FILTER (WHERE ${POSITIVE}))::int AS positive,
                     (count(*) FILTER (WHERE ${NEUTRAL}))::int AS neutral
                FROM feedback f JOIN brands b ON b.id = f.brand_id
               GROUP BY 1, 2, 3) x
       WHERE d.brand_id = x.brand_id AND d.audience_key = x.audience_key AND d.day = x.day
         AND (x.positive > 0 OR x.neutral > 0)`);
    await q.query(`
      UPDATE engagement_monthly mo SET positive = x.positive, neutral = x.neutral
        FROM (SELECT d.brand_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                     sum(d.positive)::int AS positive, sum(d.neutral)::int AS neutral
                FROM engagement_daily d
               GROUP BY 1, 2, 3) x
       WHERE mo.brand_id = x.brand_id AND mo.audience_key = x.audience_key AND mo.month = x.month
         AND (x.positive > 0 OR x.neutral > 0)`);
    await q.query(`
      CREATE OR REPLACE VIEW bi.engagement_daily WITH (security_barrier) AS
      SELECT brand_id, nullif(audience_key, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_id, day,
             ${BI_COLUMNS}, positive, neutral
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
      await q.query(`ALTER TABLE ${table} DROP COLUMN positive, DROP COLUMN neutral`);
  }
}
