import type { DataSource } from 'typeorm';
import { isUuid } from '../../shared/validate';
import type { StatementCarrier, Taken } from './rate-limiter';

interface PgPool {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }[]>;
}

/**
 * The token buckets of RateLimiter, kept in PostgreSQL (rate_limit_buckets)
 * so that every server process draws on the same bucket per key. One round
 * trip per request, or none of its own (`takeWith`: sent with the statements
 * that open the request's read snapshot): the take commits on its own, at
 * once (the bucket's row lock is never held for a request), without waiting
 * for its WAL flush (losing the last few takes in a crash is harmless).
 */
export class SharedRateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {}

  take(key: string, cost: number): Promise<Taken> {
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    return this.takeWith(key, cost, async () => undefined, pool);
  }

  async takeWith(
    key: string,
    cost: number,
    carrier: StatementCarrier,
    pool = (this.dataSource.driver as unknown as { master: PgPool }).master,
  ): Promise<Taken> {
    if (cost > this.capacity) return { ok: false, remaining: 0, retryAfterSeconds: 0 };
    // values are a UUID and numbers, checked here: a simple query of several statements takes no parameters
    if (!isUuid(key) || !Number.isFinite(cost)) throw new Error('invalid rate-limit key or cost');
    const statements = `BEGIN; SET LOCAL synchronous_commit = off;
       SELECT * FROM rapport_take_points('${key}', ${cost}, ${this.capacity}, ${this.refillPerSecond}); COMMIT`;
    const results = (await carrier(statements)) ?? (await pool.query(statements));
    const row = results[2]!.rows[0]!;
    return {
      ok: row.ok as boolean,
      remaining: Math.floor(row.remaining as number),
      retryAfterSeconds: row.retry_after_seconds as number,
    };
  }
}
