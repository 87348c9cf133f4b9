import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Caller } from '../modules/api-keys/api-key.service';
import { ROW_COLUMNS, type EngagementRowData } from '../modules/bi/engagement-row-columns';
import type { EngagementRowFilter } from '../modules/bi/engagement-row.types';
import { Granularity } from '../modules/scoring/granularity';
import { DomainError } from '../shared/domain-error';
import { logger } from '../shared/logger';
import { ApiKeyScope } from '../shared/vocabulary';
import { bearerToken } from './auth';
import type { PointsLimiter } from './limits/rate-limiter';
import type { Services } from './services';

/** What an export costs from the key's rate-limit bucket (a GraphQL page of 1,000 rows costs about as much). */
export const EXPORT_COST = 2000;

type Problem = { field: string; reason: string };

/**
 * GET /export/engagement.csv and /export/engagement.jsonl: every row of
 * `engagementRows` for the filter, streamed page by page from one
 * repeatable-read snapshot (constant memory, whatever the size). Query
 * parameters: brandId and audienceId (repeatable), from, to, granularity,
 * updatedSince. Errors before the first byte are JSON with a code.
 */
export function exportRoutes(
  dataSource: DataSource,
  services: Services,
  rateLimiter: PointsLimiter,
  unitOfWork: (caller: Caller) => UnitOfWork,
): Router {
  const router = express.Router();
  router.get('/export/engagement.:format', async (req: Request, res: Response) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'jsonl')
      return fail(res, 404, 'NOT_FOUND', 'Exports: /export/engagement.csv or .jsonl');
    const secret = bearerToken(req.headers);
    if (!secret)
      return fail(
        res,
        401,
        'UNAUTHENTICATED',
        'Missing API key: send "Authorization: Bearer <key>"',
      );
    let caller;
    try {
      caller = await services.apiKeys.authenticate(dataSource, secret);
    } catch {
      return fail(res, 503, 'DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly');
    }
    if (!caller) return fail(res, 401, 'UNAUTHENTICATED', 'Unknown or revoked API key');
    if (!caller.scopes.includes(ApiKeyScope.READ))
      return fail(res, 403, 'FORBIDDEN', 'This key lacks the READ scope');
    const parsed = parseFilter(req.query);
    if ('problems' in parsed)
      return fail(res, 400, 'BAD_USER_INPUT', 'Invalid export parameters', parsed.problems);
    const taken = await rateLimiter.take(caller.keyId, EXPORT_COST);
    if (!taken.ok) {
      res.setHeader('retry-after', String(taken.retryAfterSeconds));
      return fail(res, 429, 'RATE_LIMITED', 'Rate limited: retry after the Retry-After delay');
    }

    const uow = unitOfWork(caller);
    const pages = uow.stream((scope) => services.engagementRows.all(scope, parsed.filter));
    let started = false;
    try {
      for await (const rows of pages) {
        if (!started) {
          started = true;
          res.status(200);
          res.setHeader(
            'content-type',
            format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          );
          res.setHeader('content-disposition', `attachment; filename="engagement.${format}"`);
          if (format === 'csv') await write(res, ROW_COLUMNS.join(',') + '\n');
        }
        await write(res, rows.map(format === 'csv' ? csvLine : jsonLine).join(''));
      }
      if (!started) {
        res.status(200).type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
        if (format === 'csv') res.write(ROW_COLUMNS.join(',') + '\n');
      }
      res.end();
    } catch (error) {
      if (!started && error instanceof DomainError) {
        return fail(
          res,
          error.code === 'NOT_FOUND' ? 404 : 400,
          error.code,
          error.message,
          error.details.problems,
        );
      }
      logger.error('export failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      // after the first byte the status is sent: cut the stream so the client sees it incomplete
      if (started) res.destroy();
      else fail(res, 500, 'INTERNAL_SERVER_ERROR', 'The export failed; retry');
    } finally {
      await uow.close();
    }
  });
  return router;
}

function fail(res: Response, status: number, code: string, message: string, problems?: unknown) {
  res.status(status).json({ error: { code, message, ...(problems ? { problems } : {}) } });
}

/** Writes with backpressure: waits for 'drain' when the socket's buffer is full. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    res.once('drain', resolve);
    res.once('close', () => reject(new Error('client went away')));
  });
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function csvLine(row: EngagementRowData): string {
  return ROW_COLUMNS.map((c) => cell(row[c])).join(',') + '\n';
}

function jsonLine(row: EngagementRowData): string {
  return JSON.stringify(Object.fromEntries(ROW_COLUMNS.map((c) => [c, row[c] ?? null]))) + '\n';
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

function parseFilter(
  query: Request['query'],
): { filter: EngagementRowFilter } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const date = (name: string, required: boolean): Date | null => {
    const raw = query[name];
    if (raw === undefined) {
      if (required) problems.push({ field: name, reason: 'is required (ISO-8601)' });
      return null;
    }
    const parsed = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
    if (Number.isNaN(parsed.getTime()))
      problems.push({ field: name, reason: 'not an ISO-8601 time' });
    return parsed;
  };
  const from = date('from', true);
  const to = date('to', true);
  const updatedSince = date('updatedSince', false);
  const granularity = String(query.granularity ?? 'DAY').toUpperCase();
  if (!(granularity in Granularity))
    problems.push({ field: 'granularity', reason: 'DAY, WEEK or MONTH' });
  const known = new Set(['brandId', 'audienceId', 'from', 'to', 'granularity', 'updatedSince']);
  for (const name of Object.keys(query))
    if (!known.has(name)) problems.push({ field: name, reason: 'unknown parameter' });
  if (problems.length) return { problems };
  const brandIds = list(query.brandId);
  const audienceIds = list(query.audienceId);
  return {
    filter: {
      brandIds: brandIds.length ? brandIds : null,
      audienceIds: audienceIds.length ? audienceIds : null,
      window: { from: from!, to: to! },
      granularity: granularity as Granularity,
      updatedSince,
    },
  };
}
