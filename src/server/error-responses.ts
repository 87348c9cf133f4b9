import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import {
  BodyTooLargeError,
  DatabaseUnavailableError,
  type DomainError,
  type ErrorCode,
  RateLimitedError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from '../shared/domain-error';

/**
 * The one table of error responses: each code's HTTP status, for every route
 * (GraphQL request-level failures, exports, bulk routes). Errors inside a
 * GraphQL result keep HTTP 200, as GraphQL over HTTP asks.
 */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
};

export function httpStatus(error: DomainError): number {
  if (error instanceof DatabaseUnavailableError) return 503;
  if (error instanceof BodyTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  return STATUS[error.code];
}

export function httpHeaders(error: DomainError): Record<string, string> {
  if (error instanceof RateLimitedError || error instanceof DatabaseUnavailableError)
    return { 'retry-after': String(error.retryAfterSeconds) };
  if (error instanceof UnauthenticatedError) return { 'www-authenticate': 'Bearer' };
  return {};
}

/** The body of one error, as GraphQL answers it: `{ message, extensions: { code, …details } }`. */
export function errorBody(error: DomainError): {
  message: string;
  extensions: Record<string, unknown>;
} {
  return { message: error.message, extensions: { code: error.code, ...error.details } };
}

/** An error for Apollo to answer with this table's status and headers (context and plugins). */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      http: { status: httpStatus(error), headers: new Map(Object.entries(httpHeaders(error))) },
    },
  });
}

/** Answers a route outside GraphQL with the same status, headers and body. */
export function sendError(res: Response, error: DomainError): void {
  res
    .status(httpStatus(error))
    .set(httpHeaders(error))
    .json({ errors: [errorBody(error)] });
}
