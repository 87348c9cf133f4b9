import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A take that may lease points ahead: it takes `p_cost` exactly as
 * rapport_take_points does and, only when it succeeds and the bucket would
 * stay at least half full, `p_ahead` more for the process to spend from
 * memory (src/server/limits/point-leases.ts). One statement, one row lock.
 */
export class RateLimitLeases1795530000000 implements MigrationInterface {
  name = 'RateLimitLeases1795530000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rapport_take_points_ahead(p_key uuid, p_cost float8, p_ahead float8,
                                                p_capacity float8, p_refill float8)
      RETURNS TABLE (ok boolean, remaining float8, retry_after_seconds int, leased float8)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        available float8;
        ahead float8;
      BEGIN
        INSERT INTO rate_limit_buckets AS r (key_id, points, at) VALUES (p_key, p_capacity, clock_timestamp())
        ON CONFLICT (key_id) DO UPDATE
           SET points = least(p_capacity, r.points + extract(epoch FROM clock_timestamp() - r.at) * p_refill),
               at = clock_timestamp()
        RETURNING points INTO available;
        IF available >= p_cost THEN
          ahead := CASE WHEN available - p_cost - p_ahead >= p_capacity / 2 THEN p_ahead ELSE 0 END;
          UPDATE rate_limit_buckets SET points = available - p_cost - ahead WHERE key_id = p_key;
          RETURN QUERY SELECT true, available - p_cost - ahead, 0, ahead;
        ELSE
          RETURN QUERY SELECT false, available, ceil((p_cost - available) / p_refill)::int, 0::float8;
        END IF;
      END $$`);
    await q.query(
      `REVOKE ALL ON FUNCTION rapport_take_points_ahead(uuid, float8, float8, float8, float8) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION rapport_take_points_ahead(uuid, float8, float8, float8, float8) TO rapport_app`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rapport_take_points_ahead(uuid, float8, float8, float8, float8)`);
  }
}
