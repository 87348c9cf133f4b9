import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RollupWriter } from '../src/modules/rollups/rollup-writer';
import { FLOAT_COLUMNS, SUM_COLUMNS } from '../src/modules/rollups/rollup-columns';

const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;

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
        ${SUM_COLUMNS.map((c) => `${c} ${FLOAT_COLUMNS.has(c) ? 'float8' : 'int'} NOT NULL DEFAULT 0`).join(',\n        ')},
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
    await new RollupWriter().rebuildMonths(q.manager, null);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_monthly`);
  }
}
