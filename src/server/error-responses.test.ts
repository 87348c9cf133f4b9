import {
  BodyTooLargeError,
  ConflictError,
  DatabaseUnavailableError,
  ForbiddenError,
  NotFoundError,
  QueryTooComplexError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  type DomainError,
} from '../shared/domain-error';
import { errorBody, httpHeaders, httpStatus, toGraphQLError } from './error-responses';

const excess = { limit: 'depth', value: 13, max: 12, message: 'too deep' };

describe('the error table', () => {
  it.each<[string, DomainError, number, Record<string, string>]>([
    ['bad input', new ValidationError([{ field: 'x', reason: 'bad' }]), 400, {}],
    ['no key', new UnauthenticatedError('no key'), 401, { 'www-authenticate': 'Bearer' }],
    ['missing scope', new ForbiddenError('no'), 403, {}],
    ['not found', new NotFoundError('Brand', 'b'), 404, {}],
    ['conflict', new ConflictError('taken'), 409, {}],
    ['rate limited', new RateLimitedError('wait', 7), 429, { 'retry-after': '7' }],
    ['too complex', new QueryTooComplexError(excess), 400, {}],
    ['body too large', new BodyTooLargeError(), 413, {}],
    ['database down', new DatabaseUnavailableError(), 503, { 'retry-after': '2' }],
  ])('%s → HTTP %i', (_, error, status, headers) => {
    expect(httpStatus(error)).toBe(status);
    expect(httpHeaders(error)).toEqual(headers);
    expect(toGraphQLError(error).extensions.http).toEqual({
      status,
      headers: new Map(Object.entries(headers)),
    });
  });

  it('gives the body GraphQL gives: message, code and details', () => {
    expect(errorBody(new QueryTooComplexError(excess))).toEqual({
      message: 'too deep',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', value: 13, max: 12 },
    });
    expect(errorBody(new DatabaseUnavailableError())).toEqual({
      message: 'The database is unavailable; retry shortly',
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    });
  });
});
