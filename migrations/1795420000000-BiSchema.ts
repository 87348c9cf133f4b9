import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The caller's workspace, from the BI role it connected as (current_user cannot be changed by SET). */
const MINE = `(SELECT a.workspace_id FROM bi_access a WHERE a.role_name = current_user)`;

/**
 * A read-only SQL layer for tools that speak PostgreSQL: views in schema
 * `bi` over the daily rollups, brands and audiences, each filtered to the
 * workspace of the connecting role (bi_access, managed by `npm run bi:role`).
 * BI roles are members of `rapport_bi`, which may only SELECT these views:
 * no fact table, no API key, no other workspace.
 */
export class BiSchema1795420000000 implements MigrationInterface {
  name = 'BiSchema1795420000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_bi') THEN
          CREATE ROLE rapport_bi NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF;
      END $$`);
    await q.query(`
      CREATE TABLE bi_access (
        role_name name PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE SCHEMA bi`);
    await q.query(`
      CREATE VIEW bi.brands WITH (security_barrier) AS
      SELECT id AS brand_id, name, slug, timezone, response_target_minutes, created_at
        FROM brands WHERE workspace_id = ${MINE}`);
    await q.query(`
      CREATE VIEW bi.audiences WITH (security_barrier) AS
      SELECT brand_id, id AS audience_id, name, channel, size
        FROM audiences WHERE workspace_id = ${MINE}`);
    await q.query(`
      CREATE VIEW bi.engagement_daily WITH (security_barrier) AS
      SELECT brand_id, nullif(audience_key, '00000000-0000-0000-0000-000000000000'::uuid) AS audience_id, day,
             feedback, acknowledged, ack_timeliness, categorized, needs_response, actioned, adopted, responded, response_timeliness, negative, negative_responded, listening, processing, interacting, broadcasting, proactive, understanding, accommodative_replies, broadcast_engagements, broadcast_reach, promotional_broadcasts, updated_at
        FROM engagement_daily WHERE workspace_id = ${MINE}`);
    await q.query(`COMMENT ON VIEW bi.engagement_daily IS
      'Sums per brand × audience × local day (audience_id null: items without an audience); see docs/bi.md for the formulas.'`);
    await q.query(`GRANT USAGE ON SCHEMA bi TO rapport_bi`);
    await q.query(`GRANT SELECT ON bi.brands, bi.audiences, bi.engagement_daily TO rapport_bi`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA bi CASCADE`);
    await q.query(`DROP TABLE bi_access`);
  }
}
