import type { ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  type GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestContext } from '../context';
import { DatabaseUnavailableError } from '../../shared/domain-error';
import { isConnectionFailure } from '../errors';
import { operationShape, TooManySpreads, type OperationShape } from './operation-shape';
import type { PointsLimiter, StatementCarrier } from './rate-limiter';
import { rateLimited, refuse, type Excess } from './refusals';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Fragment spreads once fragments are inlined. */
  maxFragmentSpreads: number;
  /** Nesting below `__schema` / `__type`, counted apart from maxDepth. */
  maxIntrospectionDepth: number;
}

/** Each limit on an operation's shape: its name, the measure, the maximum, and how to say it. */
const SHAPE_LIMITS: readonly {
  limit: string;
  value: (shape: OperationShape) => number;
  max: (limits: QueryLimits) => number;
  says: (value: number, max: number) => string;
}[] = [
  {
    limit: 'depth',
    value: (s) => s.depth,
    max: (l) => l.maxDepth,
    says: (v, m) => `The query is ${v} levels deep; at most ${m}`,
  },
  {
    limit: 'introspectionDepth',
    value: (s) => s.introspectionDepth,
    max: (l) => l.maxIntrospectionDepth,
    says: (v, m) => `The introspection is ${v} levels deep; at most ${m}`,
  },
  {
    limit: 'aliases',
    value: (s) => s.aliases,
    max: (l) => l.maxAliases,
    says: (v, m) => `The query uses ${v} aliases; at most ${m}`,
  },
  {
    limit: 'cost',
    value: (s) => s.cost,
    max: (l) => l.maxCost,
    says: (v, m) => `The query would cost ${v} points; at most ${m}`,
  },
];

function shapeExcess(shape: OperationShape, limits: QueryLimits): Excess | undefined {
  for (const { limit, value, max, says } of SHAPE_LIMITS) {
    const [v, m] = [value(shape), max(limits)];
    if (v > m) return { limit, value: v, max: m, message: says(v, m) };
  }
  return undefined;
}

/** The operation's shape, or the spread limit it passed (found before the rest is counted). */
function measure(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): OperationShape | Excess {
  try {
    return operationShape(schema, operation, fragments, variables, limits.maxFragmentSpreads);
  } catch (error: unknown) {
    if (!(error instanceof TooManySpreads)) throw error;
    return {
      limit: 'fragmentSpreads',
      value: error.spreads,
      max: limits.maxFragmentSpreads,
      message: `The query expands more than ${limits.maxFragmentSpreads} fragment spreads`,
    };
  }
}

export interface PricedOperation {
  requestedQueryCost: number;
  throttleStatus: Record<string, number>;
}

export interface Pricing {
  readonly cost: PricedOperation;
  /** RATE_LIMITED: the bucket had too few points (the response still says what it would cost). */
  readonly refusal?: GraphQLError;
}

/**
 * Depth, aliases, spreads and cost within limits, and the cost taken from
 * the key's bucket; throws QUERY_TOO_COMPLEX (or RATE_LIMITED once refusals
 * drained the bucket), returns a refusal when the cost is more than is left. Queries over
 * HTTP and subscriptions over WebSocket (live-server.ts) are priced alike.
 */
export async function priceOperation(
  op: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operation: OperationDefinitionNode;
    variables: Record<string, unknown> | undefined;
  },
  limits: QueryLimits,
  rateLimiter: PointsLimiter,
  keyId: string,
  /** Where the take may ride along with the request's first statement (see UnitOfWork.openReadWith). */
  carrier?: StatementCarrier,
): Promise<Pricing> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of op.document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  // windows and page sizes may come as variables: price their coerced values
  const coercion = getVariableValues(
    op.schema,
    op.operation.variableDefinitions ?? [],
    op.variables ?? {},
    { maxErrors: 1 },
  );
  const shape = measure(op.schema, op.operation, fragments, coercion.coerced, limits);
  const excess = 'limit' in shape ? shape : shapeExcess(shape, limits);
  if (excess) await refuse(excess, rateLimiter, keyId);
  const points = (shape as OperationShape).cost;
  const taken = await takePoints(rateLimiter, keyId, points, carrier);
  const cost = {
    requestedQueryCost: points,
    throttleStatus: {
      maximumAvailable: rateLimiter.capacity,
      currentlyAvailable: taken.remaining,
      restoreRate: rateLimiter.refillPerSecond,
    },
  };
  return taken.ok ? { cost } : { cost, refusal: rateLimited(taken, points) };
}

/** The take; a database that cannot be reached is the retryable DATABASE_UNAVAILABLE, as in authentication. */
async function takePoints(
  rateLimiter: PointsLimiter,
  keyId: string,
  points: number,
  carrier: StatementCarrier | undefined,
) {
  try {
    return carrier && rateLimiter.takeWith
      ? await rateLimiter.takeWith(keyId, points, carrier)
      : await rateLimiter.take(keyId, points);
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (isConnectionFailure(error) || (typeof code === 'string' && SOCKET_ERRORS.has(code)))
      throw new DatabaseUnavailableError();
    throw error;
  }
}

/** Socket errors of a database that is down or restarting (known before any SQLSTATE). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * Whether a query will (likely) read: a root field other than `__typename`
 * and introspection. Its rate-limit take then opens the read snapshot in
 * the same round trip; other operations (mutations write in transactions of
 * their own) take alone.
 */
export function readsData(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.some(
      (s) => s.kind !== Kind.FIELD || !s.name.value.startsWith('__'),
    )
  );
}

/**
 * Before execution: depth, aliases, fragment spreads and estimated cost
 * within limits, and the cost taken from the caller's rate-limit bucket (a
 * refused query takes REFUSAL_POINTS). After: every response says what it
 * cost (`extensions.cost`). The query text itself is checked earlier, in the
 * context (query-text-limits.ts).
 */
export function limitsPlugin(
  limits: QueryLimits,
  rateLimiter: PointsLimiter,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: PricedOperation | undefined;
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return;
          const priced = await priceOperation(
            { schema, document, operation, variables: request.variables },
            limits,
            rateLimiter,
            contextValue.caller.keyId,
            readsData(operation)
              ? (statements) => contextValue.uow.openReadWith(statements)
              : undefined,
          );
          cost = priced.cost;
          if (priced.refusal) throw priced.refusal;
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
