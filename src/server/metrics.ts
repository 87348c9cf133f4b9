import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { UnauthenticatedError } from '../shared/domain-error';
import { sendError } from './error-responses';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Operation names of Rapport's own clients (dashboard, docs/bi-connector.json):
 * labelled by name. Any other name is "other", so a caller can neither grow
 * /metrics without bound nor read other tenants' names there.
 */
export const CLIENT_OPERATIONS: readonly string[] = [
  // the dashboard (src/dashboard/app)
  'Ack',
  'Audiences',
  'BrandHead',
  'BrandReport',
  'Inbox',
  'InboxHead',
  'Live',
  'LiveInbox',
  'Outcome',
  'Overview',
  'OverviewData',
  'Reclassify',
  'Viewer',
  // the BI connector (docs/bi-connector.json)
  'EngagementRows',
];

export interface MetricsOptions {
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** More operation names to label by name (the operator's own clients). */
  readonly operations?: readonly string[];
  /** Exports streaming now. */
  readonly exportsRunning?: () => number;
}

/** The operation label: a known name, "anonymous", or "other" (a bounded set). */
export function operationLabel(
  name: string | null | undefined,
  known: ReadonlySet<string>,
): string {
  if (!name) return 'anonymous';
  return known.has(name) ? name : 'other';
}

/**
 * Prometheus metrics (GET /metrics): GraphQL requests and latency by
 * operation, errors by code, the database pools, items ingested, plus
 * Node's process metrics. One registry per app, so tests stay independent.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'rapport_graphql_requests_total',
    help: 'GraphQL requests by operation name and type',
    labelNames: ['operation', 'type'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'rapport_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'rapport_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly ingested = new Counter({
    name: 'rapport_ingested_items_total',
    help: 'Items stored for the first time by recordInteractions',
    registers: [this.registry],
  });

  private readonly known: ReadonlySet<string>;

  constructor(
    pools: Record<string, DataSource>,
    private readonly options: MetricsOptions = {},
  ) {
    this.known = new Set([...CLIENT_OPERATIONS, ...(options.operations ?? [])]);
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_' });
    const running = options.exportsRunning;
    new Gauge({
      name: 'rapport_exports_in_progress',
      help: 'Exports (/export/engagement.*) streaming now',
      registers: [this.registry],
      collect() {
        this.set(running?.() ?? 0);
      },
    });
    const pool = (ds: DataSource) =>
      (ds.driver as unknown as { master?: PgPool }).master ?? {
        totalCount: 0,
        idleCount: 0,
        waitingCount: 0,
      };
    new Gauge({
      name: 'rapport_db_pool_connections',
      help: 'Database pool connections by pool and state (total, idle, waiting clients)',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const [name, ds] of Object.entries(pools)) {
          const p = pool(ds);
          this.set({ pool: name, state: 'total' }, p.totalCount);
          this.set({ pool: name, state: 'idle' }, p.idleCount);
          this.set({ pool: name, state: 'waiting' }, p.waitingCount);
        }
      },
    });
  }

  /** Works with any context: it reads only the operation and the response. */
  plugin(): ApolloServerPlugin {
    const { requests, latency, errors: errorCount, known } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let operation = 'unknown';
        let type = 'unknown';
        return {
          async didResolveOperation({ operationName, operation: op }) {
            // names are the client's: only known ones become labels (bounded, no tenant's names)
            operation = operationLabel(operationName, known);
            type = op?.operation ?? 'unknown';
          },
          async willSendResponse({ response }) {
            // codes as the caller sees them (after formatError)
            const errors =
              response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            for (const e of errors ?? [])
              errorCount.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
            requests.inc({ operation, type });
            latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  routes(): Router {
    const router = express.Router();
    const token = this.options.token;
    router.get('/metrics', async (req, res) => {
      if (token !== undefined && !sameSecret(req.get('authorization') ?? '', `Bearer ${token}`)) {
        return sendError(
          res,
          new UnauthenticatedError('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"'),
        );
      }
      res.setHeader('content-type', this.registry.contentType);
      res.end(await this.registry.metrics());
    });
    return router;
  }
}

/** Constant-time comparison (of digests, so lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
