import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DatabaseUnavailableError, DomainError } from '../shared/domain-error';
import { errorBody } from './error-responses';
import { logger } from '../shared/logger';
import { literalProblems } from './input-paths';

/**
 * Codes produced by GraphQL itself that are the caller's fault. Apollo's
 * transport codes pass through: Apollo clients branch on them (a persisted
 * query link resends the full query on PERSISTED_QUERY_NOT_FOUND).
 */
const CALLER_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
};

/** Apollo rejects some malformed requests (a persisted-query hash that does not match) with a 4xx and no code. */
function isCodelessRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError) return false;
  if (error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const DEADLOCK_OR_SERIALIZATION = new Set(['40P01', '40001']);
/** The database is down, restarting or unreachable: the request may simply be retried. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isConnectionFailure(thrown: unknown): boolean {
  // graphql-js wraps values that are not Errors of its realm (`thrownValue`)
  const error = (thrown as { thrownValue?: unknown } | undefined)?.thrownValue ?? thrown;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // class 08 (connection exception) and 53 (insufficient resources: too many connections…)
  if (typeof code === 'string' && /^(08|53)[0-9A-Z]{3}$/.test(code)) return true;
  const message = String((error as { message?: unknown } | undefined)?.message ?? '');
  return /Connection terminated|connection (?:is )?(?:closed|ended)|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
}

/**
 * The one place where failures become GraphQL errors: domain errors keep
 * their code and details, GraphQL's own caller errors keep their message,
 * and everything else is logged and masked.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError && !(original instanceof DatabaseUnavailableError)) {
    return { ...errorBody(original), locations: formatted.locations, path: formatted.path };
  }
  if (original instanceof DatabaseUnavailableError || isConnectionFailure(original)) {
    logger.warn('database unavailable', {
      error: original instanceof Error ? original.message : String(original),
    });
    return { ...errorBody(new DatabaseUnavailableError()), path: formatted.path };
  }
  const pgCode = (original as { code?: unknown } | undefined)?.code;
  if (typeof pgCode === 'string' && DEADLOCK_OR_SERIALIZATION.has(pgCode)) {
    return {
      message: 'The write collided with a concurrent one and was rolled back; retry it',
      path: formatted.path,
      extensions: { code: 'CONFLICT', retryable: true },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  // graphql-js gives up after 50 bad variable values with an error that has no code
  if (
    error instanceof GraphQLError &&
    !error.originalError &&
    error.message.startsWith('Too many errors processing variables')
  ) {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isCodelessRequestError(error)) {
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  }
  // Apollo has already classified parse, validation and variable errors: they are safe to show.
  const callerCode = CALLER_CODES[code];
  if (callerCode) {
    // a bad value written in the query (`outcome: MAYBE`) names its field like any other
    const problems =
      code === 'GRAPHQL_VALIDATION_FAILED' && error instanceof GraphQLError
        ? literalProblems(error)
        : undefined;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: callerCode,
        ...(code !== callerCode ? { reason: code } : {}),
        ...(problems ? { problems } : {}),
      },
    };
  }
  logger.error('internal error', {
    error: original instanceof Error ? original.message : String(original),
    stack: original instanceof Error ? original.stack : undefined,
    path: formatted.path,
  });
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
