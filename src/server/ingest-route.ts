import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Caller } from '../modules/api-keys/caller';
import { MAX_LINE_BYTES, ndjsonLineEvents } from '../modules/import/ndjson-mapper';
import { BulkLoad, BulkLoadStopped } from '../modules/ingestion/bulk-load';
import {
  BodyTooLargeError,
  DatabaseUnavailableError,
  DomainError,
  ForbiddenError,
  RateLimitedError,
  UnsupportedMediaTypeError,
} from '../shared/domain-error';
import { logger } from '../shared/logger';
import { ApiKeyScope } from '../shared/vocabulary';
import { authenticateRequest } from './authenticate-request';
import { bodyLines } from './body-lines';
import { sendError } from './error-responses';
import { isConnectionFailure } from './errors';
import type { PointsLimiter } from './limits/rate-limiter';
import type { Services } from './services';

/** Rate-limit points per line of POST /ingest: a line costs the server about a twentieth of a GraphQL item. */
export const POINTS_PER_INGEST_LINE = 0.05;

export const NDJSON = 'application/x-ndjson';

export interface IngestOptions {
  readonly chunkLines: number;
  readonly maxBytes: number;
}

/**
 * POST /ingest: NDJSON in the importer's interchange format, streamed and
 * written chunk by chunk (one transaction per chunk of `chunkLines` lines),
 * answered with `{ inserted, updated, unchanged, rejected: [{ line, problems }],
 * rejectedCount }` (docs/ingestion.md). A load stopped midway (rate limit,
 * body too large, database) answers the error with what was committed:
 * every line before `extensions.nextLine` is in.
 */
export function ingestRoutes(
  dataSource: DataSource,
  services: Services,
  rateLimiter: PointsLimiter,
  unitOfWork: (caller: Caller) => UnitOfWork,
  options: IngestOptions,
): Router {
  const router = express.Router();
  router.post('/ingest', async (req: Request, res: Response) => {
    let caller: Caller;
    try {
      caller = await authenticateRequest(req.headers, services.apiKeys, dataSource);
    } catch (error) {
      return failed(req, res, error);
    }
    if (!caller.scopes.includes(ApiKeyScope.WRITE))
      return failed(req, res, new ForbiddenError('This key lacks the WRITE scope', ['WRITE']));
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== NDJSON) return failed(req, res, new UnsupportedMediaTypeError(NDJSON));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) return failed(req, res, new BodyTooLargeError());

    const uow = unitOfWork(caller);
    const load = new BulkLoad(services.bulkIngestion, (work) => uow.write(work), {
      chunkLines: options.chunkLines,
      beforeChunk: async (lines) => {
        const cost = Math.min(rateLimiter.capacity, Math.ceil(lines * POINTS_PER_INGEST_LINE));
        const taken = await rateLimiter.take(caller.keyId, cost);
        if (!taken.ok)
          throw new RateLimitedError(
            'Rate limited: lines before nextLine are written; send the rest after the Retry-After delay',
            taken.retryAfterSeconds,
          );
      },
    });
    try {
      const lines = bodyLines(req, MAX_LINE_BYTES, options.maxBytes);
      const summary = await load.run(ndjsonLineEvents(lines));
      res.status(200).json(summary);
    } catch (error) {
      failed(req, res, error);
    } finally {
      await uow.close();
    }
  });
  return router;
}

function failed(req: Request, res: Response, error: unknown): void {
  // the rest of the body is not read: close the connection after the answer
  if (!req.complete) res.set('connection', 'close');
  if (error instanceof DomainError) return sendError(res, error);
  const progress = error instanceof BulkLoadStopped ? error.progress : {};
  const cause = error instanceof BulkLoadStopped ? error.cause : error;
  if (isConnectionFailure(cause)) {
    const unavailable = new DatabaseUnavailableError();
    Object.assign(unavailable.details, progress);
    return sendError(res, unavailable);
  }
  logger.error('ingest failed', { error: cause instanceof Error ? cause.message : String(cause) });
  sendError(res, new DomainError('INTERNAL_SERVER_ERROR', 'The load failed; retry', progress));
}
