import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RollupWriter } from '../src/modules/rollups/rollup-writer';

const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;

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
    await new RollupWriter().rebuildDays(q.manager, null);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_daily`);
  }
}
