import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { isUuid } from '../../shared/validate';
import type { StatementCarrier, Taken } from './rate-limiter';
import { PointLeases } from './point-leases';

interface PgPool {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }[]>;
}

/**
 * The token buckets of RateLimiter, kept in PostgreSQL (rate_limit_buckets)
 * so that every server process draws on the same bucket per key. One round
 * trip per take, or none of its own (`takeWith`: sent with the statements
 * that open the request's read snapshot): the take commits on its own, at
 * once (the bucket's row lock is never held for a request), without waiting
 * for its WAL flush (losing the last few takes in a crash is harmless).
 *
 * While a key's bucket is at least half full, a take also leases 1 % of
 * the capacity ahead (PointLeases) that the next requests of the key in
 * this process spend from memory, without a statement and without queueing
 * on the bucket's row; near the limit every take is exact.
 */
export class SharedRateLimiter {
  private readonly leases: PointLeases;

  constructor(
    private readonly dataSource: DataSource,
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {
    this.leases = new PointLeases(capacity, new LRUCache({ max: 10_000 }));
  }

  take(key: string, cost: number): Promise<Taken> {
    return this.takeWith(key, cost, async () => undefined);
  }

  async takeWith(key: string, cost: number, carrier: StatementCarrier): Promise<Taken> {
    if (cost > this.capacity) return { ok: false, remaining: 0, retryAfterSeconds: 0 };
    // values are a UUID and numbers, checked here: a simple query of several statements takes no parameters
    if (!isUuid(key) || !Number.isFinite(cost)) throw new Error('invalid rate-limit key or cost');
    const spent = this.leases.spend(key, cost, Date.now());
    if (spent) return spent;
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    const statements = `BEGIN; SET LOCAL synchronous_commit = off;
       SELECT * FROM rapport_take_points_ahead('${key}', ${cost}, ${this.leases.size}, ${this.capacity}, ${this.refillPerSecond}); COMMIT`;
    const results = (await carrier(statements)) ?? (await pool.query(statements));
    const row = results[2]!.rows[0]!;
    const taken = {
      ok: row.ok as boolean,
      remaining: row.remaining as number,
      retryAfterSeconds: row.retry_after_seconds as number,
    };
    return this.leases.record(key, taken, row.leased as number, Date.now());
  }
}
