import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import type { RequestContext } from '../context';
import { operationShape } from './operation-shape';
import type { PointsLimiter } from './rate-limiter';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

function tooComplex(message: string, limit: string, value: number, max: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, value, max, http: { status: 400 } },
  });
}

/**
 * Before execution: depth, aliases and estimated cost within limits, and the
 * cost taken from the caller's rate-limit bucket. After: every response says
 * what it cost (`extensions.cost`).
 */
export function limitsPlugin(
  limits: QueryLimits,
  rateLimiter: PointsLimiter,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: { requestedQueryCost: number; throttleStatus: Record<string, number> } | undefined;
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions)
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const shape = operationShape(schema, operation, fragments, request.variables ?? {});
          if (shape.depth > limits.maxDepth) {
            throw tooComplex(
              `The query is ${shape.depth} levels deep; at most ${limits.maxDepth}`,
              'depth',
              shape.depth,
              limits.maxDepth,
            );
          }
          if (shape.aliases > limits.maxAliases) {
            throw tooComplex(
              `The query uses ${shape.aliases} aliases; at most ${limits.maxAliases}`,
              'aliases',
              shape.aliases,
              limits.maxAliases,
            );
          }
          if (shape.cost > limits.maxCost) {
            throw tooComplex(
              `The query would cost ${shape.cost} points; at most ${limits.maxCost}`,
              'cost',
              shape.cost,
              limits.maxCost,
            );
          }
          const taken = await rateLimiter.take(contextValue.caller.keyId, shape.cost);
          cost = {
            requestedQueryCost: shape.cost,
            throttleStatus: {
              maximumAvailable: rateLimiter.capacity,
              currentlyAvailable: taken.remaining,
              restoreRate: rateLimiter.refillPerSecond,
            },
          };
          if (!taken.ok) {
            throw new GraphQLError(
              `Rate limited: this key has ${taken.remaining} of the ${shape.cost} points it needs`,
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
        },
        async willSendResponse({ response }) {
          if (cost && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost };
          }
        },
      };
    },
  };
}
