import type { MigrationInterface, QueryRunner } from 'typeorm';

const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;
const TABLES = ['webhooks', 'webhook_outbox', 'webhook_deliveries', 'webhook_stages'];

/**
 * Webhooks: endpoints (their signing secret encrypted), an outbox of events
 * written in the transaction of the change that caused them, the delivery
 * attempts (kept 30 days), and the last engagement stage seen per brand.
 * Tenant tables under row-level security like the others; the delivery
 * workers find the workspaces with work through one SECURITY DEFINER function.
 */
export class Webhooks1795460000000 implements MigrationInterface {
  name = 'Webhooks1795460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE webhook_event AS ENUM ('NEGATIVE_FEEDBACK', 'FEEDBACK_OVERDUE', 'ENGAGEMENT_STAGE_CHANGED')`,
    );
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        brand_id uuid,
        url text NOT NULL,
        events webhook_event[] NOT NULL,
        secret_ciphertext bytea NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        failing_since timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (workspace_id, brand_id) REFERENCES brands (workspace_id, id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX webhooks_workspace_idx ON webhooks (workspace_id, created_at, id)`);
    await q.query(`
      CREATE TABLE webhook_outbox (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        brand_id uuid NOT NULL,
        type webhook_event NOT NULL,
        body text NOT NULL,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        failed_at timestamptz,
        UNIQUE (webhook_id, dedupe_key))`);
    await q.query(
      `CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (workspace_id, next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
        type webhook_event NOT NULL,
        attempt int NOT NULL,
        status int,
        duration_ms int NOT NULL,
        error text,
        at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE webhook_stages (
        brand_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        stage text NOT NULL,
        FOREIGN KEY (workspace_id, brand_id) REFERENCES brands (workspace_id, id) ON DELETE CASCADE)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO rapport_app`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY workspace_isolation ON ${table} USING (workspace_id = ${WORKSPACE}) WITH CHECK (workspace_id = ${WORKSPACE})`,
      );
    }
    await q.query(`
      CREATE FUNCTION rapport_webhook_workspaces() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
        SELECT DISTINCT workspace_id FROM webhooks
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION rapport_webhook_workspaces() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION rapport_webhook_workspaces() TO rapport_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rapport_webhook_workspaces()`);
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP TYPE webhook_event`);
  }
}
