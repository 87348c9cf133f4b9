import type { MigrationInterface, QueryRunner } from 'typeorm';

const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;

/** The backfill from engagement_daily, frozen as text (see DailyRollups). */
const BACKFILL = `
WITH months AS (
         SELECT d.brand_id, d.workspace_id, d.audience_key, date_trunc('month', d.day)::date AS month,
                sum(d.feedback) AS feedback, sum(d.acknowledged) AS acknowledged, sum(d.ack_timeliness) AS ack_timeliness, sum(d.categorized) AS categorized, sum(d.needs_response) AS needs_response, sum(d.actioned) AS actioned, sum(d.adopted) AS adopted, sum(d.responded) AS responded, sum(d.response_timeliness) AS response_timeliness, sum(d.negative) AS negative, sum(d.negative_responded) AS negative_responded, sum(d.listening) AS listening, sum(d.processing) AS processing, sum(d.interacting) AS interacting, sum(d.broadcasting) AS broadcasting, sum(d.proactive) AS proactive, sum(d.understanding) AS understanding, sum(d.accommodative_replies) AS accommodative_replies, sum(d.broadcast_engagements) AS broadcast_engagements, sum(d.broadcast_reach) AS broadcast_reach, sum(d.promotional_broadcasts) AS promotional_broadcasts
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
       INSERT INTO engagement_monthly (brand_id, workspace_id, audience_key, month, feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, delay_histogram)
       SELECT m.brand_id, m.workspace_id, m.audience_key, m.month, m.feedback, m.acknowledged, m.ack_timeliness, m.categorized, m.needs_response, m.actioned, m.adopted, m.responded, m.response_timeliness, m.negative, m.negative_responded, m.listening, m.processing, m.interacting, m.broadcasting, m.proactive, m.understanding, m.accommodative_replies, m.broadcast_engagements, m.broadcast_reach, m.promotional_broadcasts,
              coalesce(h.histogram, '{}'::jsonb)
         FROM months m LEFT JOIN hist h USING (brand_id, audience_key, month)`;

/**
 * engagement_monthly: the daily rollups summed per brand × audience × local
 * calendar month (histograms merged), kept in the same transaction as the
 * days they sum. A report reads whole months from here, the remaining whole
 * days from engagement_daily and the partial days from the raw rows, so a
 * year costs about 12 + 60 rows per audience however dense the history.
 */

export class MonthlyRollups1795450000000 implements MigrationInterface {
  name = 'MonthlyRollups1795450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE engagement_monthly (
        brand_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        audience_key uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
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
        CONSTRAINT engagement_monthly_pkey PRIMARY KEY (brand_id, audience_key, month),
        CONSTRAINT engagement_monthly_brand_fkey FOREIGN KEY (workspace_id, brand_id)
          REFERENCES brands (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX engagement_monthly_brand_month_idx ON engagement_monthly (brand_id, month)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON engagement_monthly TO rapport_app`);
    await q.query(`ALTER TABLE engagement_monthly ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY workspace_isolation ON engagement_monthly USING (workspace_id = ${WORKSPACE}) WITH CHECK (workspace_id = ${WORKSPACE})`,
    );
    await q.query(BACKFILL);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_monthly`);
  }
}
