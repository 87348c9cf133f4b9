import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Scope } from '../db/scope';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Caller } from '../modules/api-keys/caller';
import { csvCell } from '../modules/bi/csv-cell';
import { ROW_COLUMNS, type EngagementRowData } from '../modules/bi/engagement-row-columns';
import {
  DatabaseUnavailableError,
  DomainError,
  ForbiddenError,
  RateLimitedError,
  ValidationError,
} from '../shared/domain-error';
import { logger } from '../shared/logger';
import { ApiKeyScope } from '../shared/vocabulary';
import { authenticateRequest } from './authenticate-request';
import { sendError } from './error-responses';
import { isConnectionFailure } from './errors';
import { parseExportFilter } from './export-params';
import type { ExportSlots } from './export-slots';
import type { PointsLimiter } from './limits/rate-limiter';
import type { Services } from './services';

/** What an export costs from the key's rate-limit bucket (a GraphQL page of 1,000 rows costs about as much). */
export const EXPORT_COST = 2000;

/** An export cut by a reader that stopped reading or left. */
class ReaderGone extends Error {}

/**
 * GET /export/engagement.csv and /export/engagement.jsonl: every row of
 * `engagementRows` for the filter, page by page by key. Each page is read in
 * its own short transaction and the connection is returned before the page is
 * written, so a slow reader never holds a database connection (docs/bi.md,
 * "Consistency"). A reader that accepts nothing for `writeTimeoutMs` is cut;
 * a key runs at most `slots` exports at once. Errors before the first byte
 * are JSON with a code.
 */
export function exportRoutes(
  dataSource: DataSource,
  services: Services,
  rateLimiter: PointsLimiter,
  unitOfWork: (caller: Caller) => UnitOfWork,
  slots: ExportSlots,
  writeTimeoutMs: number,
): Router {
  const router = express.Router();
  router.get('/export/engagement.:format', async (req: Request, res: Response) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'jsonl')
      return sendError(
        res,
        new DomainError('NOT_FOUND', 'Exports: /export/engagement.csv or .jsonl'),
      );
    let caller: Caller;
    try {
      caller = await authenticateRequest(req.headers, services.apiKeys, dataSource);
    } catch (error) {
      return failed(res, error);
    }
    if (!caller.scopes.includes(ApiKeyScope.READ))
      return sendError(res, new ForbiddenError('This key lacks the READ scope'));
    const parsed = parseExportFilter(req.query);
    if ('problems' in parsed) return sendError(res, new ValidationError(parsed.problems));
    const release = slots.take(caller.keyId);
    if (!release) {
      return sendError(
        res,
        new RateLimitedError('This key already runs its maximum of exports; retry', 5),
      );
    }
    try {
      const taken = await rateLimiter.take(caller.keyId, EXPORT_COST);
      if (!taken.ok) {
        return sendError(
          res,
          new RateLimitedError(
            'Rate limited: retry after the Retry-After delay',
            taken.retryAfterSeconds,
          ),
        );
      }
      // one short transaction per page: the connection is back in the pool before the write
      const readPage = async <T>(work: (scope: Scope) => Promise<T>): Promise<T> => {
        const uow = unitOfWork(caller);
        try {
          return await uow.read(work);
        } finally {
          await uow.close();
        }
      };
      const pages = services.engagementRows.all(readPage, parsed.filter);
      await stream(res, format, pages, writeTimeoutMs);
    } catch (error) {
      failed(res, error);
    } finally {
      release();
    }
  });
  return router;
}

async function stream(
  res: Response,
  format: 'csv' | 'jsonl',
  pages: AsyncGenerator<EngagementRowData[]>,
  writeTimeoutMs: number,
): Promise<void> {
  let started = false;
  const start = () => {
    started = true;
    res.status(200);
    res.setHeader(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    res.setHeader('content-disposition', `attachment; filename="engagement.${format}"`);
    return format === 'csv' ? ROW_COLUMNS.join(',') + '\n' : '';
  };
  try {
    for await (const rows of pages) {
      const head = started ? '' : start();
      await write(
        res,
        head + rows.map(format === 'csv' ? csvLine : jsonLine).join(''),
        writeTimeoutMs,
      );
    }
    if (!started) res.write(start());
    res.end();
  } catch (error) {
    // after the first byte the status is sent: cut the stream so the client sees it incomplete
    if (started) {
      res.destroy();
      if (!(error instanceof ReaderGone)) throw error;
      logger.info('export cut', { reason: error.message });
      return;
    }
    throw error;
  }
}

function failed(res: Response, error: unknown): void {
  if (res.headersSent) {
    logger.error('export failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  if (error instanceof DomainError) return sendError(res, error);
  if (isConnectionFailure(error)) return sendError(res, new DatabaseUnavailableError());
  logger.error('export failed', { error: error instanceof Error ? error.message : String(error) });
  sendError(res, new DomainError('INTERNAL_SERVER_ERROR', 'The export failed; retry'));
}

/** Writes with backpressure: waits for 'drain', at most `timeoutMs`, and fails if the reader leaves. */
function write(res: Response, chunk: string, timeoutMs: number): Promise<void> {
  if (res.destroyed) return Promise.reject(new ReaderGone('client went away'));
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ReaderGone('client went away'));
    const timer = setTimeout(() => settle(new ReaderGone('write timed out')), timeoutMs);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

function csvLine(row: EngagementRowData): string {
  return ROW_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n';
}

function jsonLine(row: EngagementRowData): string {
  return JSON.stringify(Object.fromEntries(ROW_COLUMNS.map((c) => [c, row[c] ?? null]))) + '\n';
}
