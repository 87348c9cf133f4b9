export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

/** One problem with one input field; `index` points into a batch. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
  readonly index?: number;
}

/** Every expected failure: a code the caller can branch on and a message a person can read. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super('BAD_USER_INPUT', describeProblems(problems), { problems });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, problems: readonly FieldProblem[] = []) {
    super('CONFLICT', message, problems.length ? { problems } : {});
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, requiredScopes?: readonly string[]) {
    super('FORBIDDEN', message, requiredScopes ? { requiredScopes } : {});
  }
}

/** A limit a request passed: which one, by how much. */
export interface Excess {
  readonly limit: string;
  readonly value: number;
  readonly max: number;
  readonly message: string;
}

export class QueryTooComplexError extends DomainError {
  constructor({ limit, value, max, message }: Excess) {
    super('QUERY_TOO_COMPLEX', message, {
      limit,
      value: Math.min(value, Number.MAX_SAFE_INTEGER),
      max,
    });
  }
}

/** A request body over the size limit (HTTP 413). */
export class BodyTooLargeError extends DomainError {
  constructor() {
    super('QUERY_TOO_COMPLEX', 'The request body is too large', { limit: 'bodySize' });
  }
}

/** A request body of a media type the route does not read (HTTP 415). */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string) {
    super('BAD_USER_INPUT', `Send the body as ${expected}`, { expectedContentType: expected });
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message, { retryAfterSeconds });
  }
}

/** The database (or a pool connection) is unavailable: the request may simply be retried. */
export class DatabaseUnavailableError extends DomainError {
  constructor(readonly retryAfterSeconds = 2) {
    super('INTERNAL_SERVER_ERROR', 'The database is unavailable; retry shortly', {
      retryable: true,
    });
  }
}

function describeProblems(problems: readonly FieldProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => {
    const where = p.index === undefined ? p.field : `item ${p.index}: ${p.field}`;
    return `${where}: ${p.reason}`;
  });
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return `Invalid input — ${shown.join('; ')}${more}`;
}
