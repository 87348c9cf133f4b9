import type { Taken } from './rate-limiter';

/** How long leased points stay spendable: an unused lease is lost after this (refilled in ms). */
export const LEASE_MS = 1000;

interface Lease {
  /** The shared bucket's points after the take that leased. */
  remaining: number;
  /** Leased points not yet spent, and until when they may be. */
  points: number;
  until: number;
}

interface Store {
  get(key: string): Lease | undefined;
  set(key: string, lease: Lease): unknown;
  delete(key: string): unknown;
}

/**
 * Points taken ahead from a shared bucket and spent in memory (pure: the
 * clock is passed in). A lease asks for 1 % of the capacity; the database
 * grants it only while the bucket stays at least half full
 * (rapport_take_points_ahead), so a key near its limit is charged exactly.
 * Leased points are already deducted from the shared bucket: across
 * processes no key spends more than its capacity; at most one unused lease
 * per process is lost every LEASE_MS.
 */
export class PointLeases {
  /** Points to ask ahead with every shared take (0: capacity too small to lease from). */
  readonly size: number;

  constructor(
    capacity: number,
    private readonly store: Store,
  ) {
    this.size = Math.floor(capacity / 100);
  }

  /** The take served from the key's lease, or null when the lease cannot cover `cost`. */
  spend(key: string, cost: number, now: number): Taken | null {
    const lease = this.store.get(key);
    if (!lease || now >= lease.until || lease.points < cost) return null;
    lease.points -= cost;
    return {
      ok: true,
      remaining: Math.floor(lease.remaining + lease.points),
      retryAfterSeconds: 0,
    };
  }

  /** Remembers what a shared take leased and answers it as a take of its cost alone. */
  record(key: string, taken: Taken, leased: number, now: number): Taken {
    if (leased > 0)
      this.store.set(key, { remaining: taken.remaining, points: leased, until: now + LEASE_MS });
    else this.store.delete(key);
    return {
      ok: taken.ok,
      remaining: Math.floor(taken.remaining + leased),
      retryAfterSeconds: taken.retryAfterSeconds,
    };
  }
}
