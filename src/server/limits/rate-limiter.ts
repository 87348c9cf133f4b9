export interface Taken {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Runs a simple query (statements without parameters) together with other
 * work of the request, and returns the statements' results; undefined when
 * it cannot (they must then run alone). See UnitOfWork.openReadWith.
 */
export type StatementCarrier = (
  statements: string,
) => Promise<{ rows: Record<string, unknown>[] }[] | undefined>;

/** What the limits plugin and the exports draw on (RateLimiter or SharedRateLimiter). */
export interface PointsLimiter {
  readonly capacity: number;
  readonly refillPerSecond: number;
  take(key: string, cost: number): Taken | Promise<Taken>;
  /** Like take, its statements sent with the request's first statement when `carrier` can. */
  takeWith?(key: string, cost: number, carrier: StatementCarrier): Promise<Taken>;
}

/**
 * A bucket of cost points per API key, refilled continuously, in this
 * process's memory (RATE_LIMIT_STORE=memory: one process only; the default
 * shares buckets through PostgreSQL, see shared-rate-limiter.ts).
 */
export class RateLimiter implements PointsLimiter {
  private readonly buckets = new Map<string, { points: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {}

  /** Takes `cost` points if the bucket has them; otherwise says when it will. */
  take(key: string, cost: number, now = Date.now()): Taken {
    const bucket = this.buckets.get(key) ?? { points: this.capacity, at: now };
    bucket.points = Math.min(
      this.capacity,
      bucket.points + ((now - bucket.at) / 1000) * this.refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (cost > this.capacity)
      return { ok: false, remaining: Math.floor(bucket.points), retryAfterSeconds: 0 };
    if (bucket.points >= cost) {
      bucket.points -= cost;
      return { ok: true, remaining: Math.floor(bucket.points), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = Math.ceil((cost - bucket.points) / this.refillPerSecond);
    return { ok: false, remaining: Math.floor(bucket.points), retryAfterSeconds };
  }
}
