import type { GraphQLError } from 'graphql';
import { type Excess, QueryTooComplexError, RateLimitedError } from '../../shared/domain-error';
import { toGraphQLError } from '../error-responses';
import type { PointsLimiter, Taken } from './rate-limiter';

/** What a refused query takes from its key's bucket: refusing is cheap, but not free. */
export const REFUSAL_POINTS = 100;

export type { Excess };

export function tooComplex(excess: Excess): GraphQLError {
  return toGraphQLError(new QueryTooComplexError(excess));
}

export function rateLimited(taken: Taken, cost: number): GraphQLError {
  return toGraphQLError(
    new RateLimitedError(
      `Rate limited: this key has ${taken.remaining} of the ${cost} points it needs`,
      taken.retryAfterSeconds,
    ),
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
