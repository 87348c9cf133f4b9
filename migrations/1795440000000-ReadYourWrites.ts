import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-your-writes with read replicas: api_keys.last_write_at is noted by
 * every write transaction (rapport_note_write, at most once a second per
 * key) and returned by rapport_authenticate, so every server process knows
 * that a key wrote recently and serves its reads from the primary.
 */
export class ReadYourWrites1795440000000 implements MigrationInterface {
  name = 'ReadYourWrites1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN last_write_at timestamptz`);
    await q.query(`DROP FUNCTION rapport_authenticate(bytea)`);
    await q.query(`
      CREATE FUNCTION rapport_authenticate(secret_hash bytea)
      RETURNS TABLE (id uuid, workspace_id uuid, scopes text[], last_write_at timestamptz)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$
        WITH k AS (
          SELECT a.id, a.workspace_id, a.scopes, a.last_used_at, a.last_write_at FROM api_keys a
           WHERE a.secret_hash = rapport_authenticate.secret_hash AND a.revoked_at IS NULL),
        touched AS (
          UPDATE api_keys a SET last_used_at = now() FROM k
           WHERE a.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
        SELECT k.id, k.workspace_id, k.scopes::text[], k.last_write_at FROM k
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION rapport_authenticate(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION rapport_authenticate(bytea) TO rapport_app`);
    await q.query(`
      CREATE FUNCTION rapport_note_write(key_id uuid) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$
        UPDATE api_keys SET last_write_at = now()
         WHERE id = key_id AND (last_write_at IS NULL OR last_write_at < now() - interval '1 second')
      $fn$`);
    await q.query(`REVOKE ALL ON FUNCTION rapport_note_write(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION rapport_note_write(uuid) TO rapport_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rapport_note_write(uuid)`);
    await q.query(`DROP FUNCTION rapport_authenticate(bytea)`);
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
    await q.query(`ALTER TABLE api_keys DROP COLUMN last_write_at`);
  }
}
