import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit buckets shared by every server process: one row per API key,
 * refilled continuously, taken by a SECURITY DEFINER function in one
 * statement (the row lock serialises concurrent takes of one key).
 */
export class SharedRateLimits1795430000000 implements MigrationInterface {
  name = 'SharedRateLimits1795430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_buckets (
        key_id uuid PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
        points float8 NOT NULL,
        at timestamptz NOT NULL)`);
    await q.query(`
      CREATE FUNCTION rapport_take_points(p_key uuid, p_cost float8, p_capacity float8, p_refill float8)
      RETURNS TABLE (ok boolean, remaining float8, retry_after_seconds int)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        available float8;
      BEGIN
        INSERT INTO rate_limit_buckets AS r (key_id, points, at) VALUES (p_key, p_capacity, clock_timestamp())
        ON CONFLICT (key_id) DO UPDATE
           SET points = least(p_capacity, r.points + extract(epoch FROM clock_timestamp() - r.at) * p_refill),
               at = clock_timestamp()
        RETURNING points INTO available;
        IF available >= p_cost THEN
          UPDATE rate_limit_buckets SET points = available - p_cost WHERE key_id = p_key;
          RETURN QUERY SELECT true, available - p_cost, 0;
        ELSE
          RETURN QUERY SELECT false, available, ceil((p_cost - available) / p_refill)::int;
        END IF;
      END $$`);
    await q.query(
      `REVOKE ALL ON FUNCTION rapport_take_points(uuid, float8, float8, float8) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION rapport_take_points(uuid, float8, float8, float8) TO rapport_app`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rapport_take_points(uuid, float8, float8, float8)`);
    await q.query(`DROP TABLE rate_limit_buckets`);
  }
}
