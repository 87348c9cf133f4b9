import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['api_keys', 'brands', 'audiences', 'activities', 'feedback'];
const WORKSPACE = `NULLIF(current_setting('app.workspace_id', true), '')::uuid`;

/**
 * Isolation in depth: the server's requests run as `rapport_app`, which is
 * subject to row-level security keyed on the transaction's `app.workspace_id`.
 * The owner (migrations, operator commands) is not. Authentication, which
 * runs before a workspace is known, goes through one SECURITY DEFINER function.
 */
export class RowLevelSecurity1795400000000 implements MigrationInterface {
  name = 'RowLevelSecurity1795400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_app') THEN
        CREATE ROLE rapport_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$`);
    // the owner connects once and switches to the restricted role for requests
    await q.query(`GRANT rapport_app TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public TO rapport_app`);
    await q.query(`GRANT SELECT, UPDATE ON workspaces TO rapport_app`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO rapport_app`,
    );
    await q.query(`ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY workspace_isolation ON workspaces USING (id = ${WORKSPACE}) WITH CHECK (id = ${WORKSPACE})`,
    );
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY workspace_isolation ON ${table} USING (workspace_id = ${WORKSPACE}) WITH CHECK (workspace_id = ${WORKSPACE})`,
      );
    }
    await q.query(`
      CREATE FUNCTION rapport_authenticate(secret_hash bytea)
      RETURNS TABLE (id uuid, workspace_id uuid, scopes text[])
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$
        WITH k AS (
          SELECT a.id, a.workspace_id, a.scopes, a.last_used_at FROM api_keys a
           WHERE a.secret_hash = rapport_authenticate.secret_hash AND a.revoked_at IS NULL),
        touched AS (
          UPDATE api_keys a SET last_used_at = now() FROM k
           WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
        SELECT k.id, k.workspace_id, k.scopes::text[] FROM k
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION rapport_authenticate(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION rapport_authenticate(bytea) TO rapport_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rapport_authenticate(bytea)`);
    for (const table of ['workspaces', ...TENANT_TABLES]) {
      await q.query(`DROP POLICY workspace_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE ALL ON workspaces, ${TENANT_TABLES.join(', ')} FROM rapport_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM rapport_app`);
  }
}
