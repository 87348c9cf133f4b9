import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BodyTooLargeError, DatabaseUnavailableError, DomainError } from '../shared/domain-error';
import { logger } from '../shared/logger';
import { sendError } from './error-responses';
import { requestStore } from '../shared/request-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a sane `X-Request-Id` or makes one; echoes it and puts it in every log line of the request. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  requestStore.run({ requestId: id }, next);
};

/** CORS for the configured origins only (none by default): browsers elsewhere get no CORS headers. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowAll = allowedOrigins.includes('*');
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && (allowAll || allowedOrigins.includes(origin))) {
      res.setHeader('access-control-allow-origin', allowAll ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id');
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** Before the database is prepared: a clear, retryable 503 instead of a failure deep inside. */
export function unavailableUntilReady(readiness: { migrated: boolean }): RequestHandler {
  return (_req, res, next) => {
    if (readiness.migrated) return next();
    sendError(res, new DatabaseUnavailableError(5));
  };
}

/** Body-parser failures as GraphQL errors with a code (never Express's HTML page). */
export const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large' || status === 413) return sendError(res, new BodyTooLargeError());
  if (type === 'entity.parse.failed' || (status !== undefined && status >= 400 && status < 500))
    return sendError(res, new DomainError('BAD_USER_INPUT', 'The request body is not valid JSON'));
  logger.error('unhandled HTTP error', { error: String(error) });
  if (res.headersSent) return next(error);
  res.status(500).json({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
};
