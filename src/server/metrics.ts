import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
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

  constructor(pools: Record<string, DataSource>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'rapport_' });
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
    const { requests, latency, errors: errorCount } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let operation = 'unknown';
        let type = 'unknown';
        return {
          async didResolveOperation({ operationName, operation: op }) {
            // names are the client's: keep the label set bounded
            operation = (operationName ?? 'anonymous').slice(0, 64).replace(/[^\w]/g, '_');
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
    router.get('/metrics', async (_req, res) => {
      res.setHeader('content-type', this.registry.contentType);
      res.end(await this.registry.metrics());
    });
    return router;
  }
}
