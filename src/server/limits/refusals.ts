import { GraphQLError } from 'graphql';
import type { PointsLimiter, Taken } from './rate-limiter';

/** What a refused query takes from its key's bucket: refusing is cheap, but not free. */
export const REFUSAL_POINTS = 100;

/** A limit a query passed: which one, by how much. */
export interface Excess {
  readonly limit: string;
  readonly value: number;
  readonly max: number;
  readonly message: string;
}

export function tooComplex({ limit, value, max, message }: Excess): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'QUERY_TOO_COMPLEX',
      limit,
      value: Math.min(value, Number.MAX_SAFE_INTEGER),
      max,
      http: { status: 400 },
    },
  });
}

export function rateLimited(taken: Taken, cost: number): GraphQLError {
  return new GraphQLError(
    `Rate limited: this key has ${taken.remaining} of the ${cost} points it needs`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: taken.retryAfterSeconds,
        http: {
          status: 429,
          headers: new Map([['retry-after', String(taken.retryAfterSeconds)]]),
        },
      },
    },
  );
}

/**
 * Refuses a query over a limit, charging the key REFUSAL_POINTS first, so
 * that hostile queries drain the bucket too: RATE_LIMITED once it is empty.
 */
export async function refuse(
  excess: Excess,
  rateLimiter: PointsLimiter,
  keyId: string,
): Promise<never> {
  const taken = await rateLimiter.take(keyId, REFUSAL_POINTS);
  if (!taken.ok) throw rateLimited(taken, REFUSAL_POINTS);
  throw tooComplex(excess);
}
