import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../modules/api-keys/caller';
import {
  DEFAULT_KEY_CACHE_OPTIONS,
  KEYS_CHANNEL,
  keyNoticePayload,
  type KeyCacheOptions,
} from '../modules/api-keys/api-key-cache';
import type { RequestContext } from './context';
import { authenticateRequest } from './authenticate-request';
import { toGraphQLError } from './error-responses';
import { DomainError } from '../shared/domain-error';
import {
  DEFAULT_HTTP_OPTIONS,
  DEFAULT_TEXT_MODEL_THREADS,
  DEFAULT_WEBHOOK_OPTIONS,
  type HttpOptions,
  type WebhookOptions,
} from '../config';
import { formatError } from './errors';
import { bodyErrors, cors, requestId, unavailableUntilReady } from './http-middleware';
import { limitsPlugin } from './limits/limits-plugin';
import { checkQueryText } from './limits/query-text-limits';
import { requestChecks } from './request-checks';
import { RateLimiter, type PointsLimiter } from './limits/rate-limiter';
import { SharedRateLimiter } from './limits/shared-rate-limiter';
import { jsonClientsGet200 } from './http-status';
import { exportRoutes } from './export-routes';
import { ingestRoutes } from './ingest-route';
import { ExportSlots } from './export-slots';
import { Metrics } from './metrics';
import { staticRoutes } from './static-routes';
import { healthRoutes, type Readiness } from './health';
import { createLoaders } from './loaders';
import { createSchema } from './schema';
import { createServices, type Services } from './services';
import {
  DEFAULT_REPORT_CACHE_OPTIONS,
  type ReportCacheOptions,
} from '../modules/scoring/report-cache';
import {
  DEFAULT_RESPONSE_CACHE_OPTIONS,
  ResponseCache,
  type ResponseCacheOptions,
} from './response-cache/response-cache';
import { responseCachePlugin } from './response-cache/response-cache-plugin';

/** What is kept in memory of reports: window sums per brand, and whole responses. */
export interface CacheOptions {
  readonly reports: ReportCacheOptions;
  readonly responses: ResponseCacheOptions;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  reports: DEFAULT_REPORT_CACHE_OPTIONS,
  responses: DEFAULT_RESPONSE_CACHE_OPTIONS,
};

export interface App {
  readonly express: Express;
  readonly services: Services;
  /** Shared with subscriptions over WebSocket (live-server.ts). */
  readonly schema: GraphQLSchema;
  readonly rateLimiter: PointsLimiter;
  /** Whole responses of repeated report queries (response-cache/). */
  readonly responseCache: ResponseCache;
  stop(): Promise<void>;
}

/** Express + Apollo: routes, authentication, limits and the per-request unit of work. */
/** Where reads go (see UnitOfWork and docs/scaling.md). */
export interface ReadRouting {
  readonly replicas: boolean;
  readonly readAfterWriteSeconds: number;
}

export async function createApp(
  dataSource: DataSource,
  readiness: Readiness,
  options: HttpOptions = DEFAULT_HTTP_OPTIONS,
  routing: ReadRouting = { replicas: false, readAfterWriteSeconds: 10 },
  webhooks: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
  caches: CacheOptions = DEFAULT_CACHE_OPTIONS,
  keyCache: KeyCacheOptions = DEFAULT_KEY_CACHE_OPTIONS,
  textModelThreads = DEFAULT_TEXT_MODEL_THREADS,
): Promise<App> {
  // read-your-writes: a key that wrote in the last N seconds (any process) reads from the primary
  const services = createServices(webhooks, caches.reports, keyCache, textModelThreads);
  const unitOfWork = (caller: Caller) =>
    services.unitOfWork(dataSource, caller.workspaceId, {
      replicaReads:
        routing.replicas &&
        !(
          caller.lastWriteAt &&
          Date.now() - caller.lastWriteAt.getTime() < routing.readAfterWriteSeconds * 1000
        ),
      noteWritesOf: routing.replicas ? caller.keyId : undefined,
      // the key's cached caller says so here at once, and in every other process on this notice
      writeNotice: { channel: KEYS_CHANNEL, payload: keyNoticePayload(caller.keyId, false) },
      afterNotedWrite: () => services.apiKeys.cache.wrote(caller.keyId, new Date()),
    });
  const rateLimiter =
    options.rateLimitStore === 'memory'
      ? new RateLimiter(options.rateLimitPoints, options.rateLimitRefillPerSecond)
      : new SharedRateLimiter(
          dataSource,
          options.rateLimitPoints,
          options.rateLimitRefillPerSecond,
        );
  const exportSlots = new ExportSlots(options.exportMaxPerKey);
  const metrics = new Metrics(
    { requests: dataSource },
    {
      token: options.metricsToken,
      operations: options.metricsOperations,
      exportsRunning: () => exportSlots.running,
    },
  );
  const schema = await createSchema();
  const responseCache = new ResponseCache(caches.responses);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // a backstop: checkQueryText refuses longer queries before they get here
    parseOptions: { maxTokens: options.maxQueryTokens },
    stopOnTerminationSignals: false, // shutdown is ours: see main.ts
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints are used: without it no field is wrapped for per-field hooks
      ApolloServerPluginCacheControlDisabled(),
      requestChecks, // first: the limits and metrics see a bad request as such
      metrics.plugin(),
      closeUnitOfWork,
      // before the limits: the fingerprint rides in the round trip that opens the snapshot
      responseCachePlugin(responseCache),
      limitsPlugin(options, rateLimiter),
      jsonClientsGet200,
    ],
    // Every request must carry a bearer key (never a cookie), so a forged cross-site
    // request cannot act for a user: Apollo's CSRF guard would only block plain GETs.
    csrfPrevention: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(cors(options.corsOrigins));
  app.use(healthRoutes(dataSource, readiness));
  app.use(metrics.routes());
  app.use(staticRoutes({ explorer: options.explorer }));
  app.use('/export', unavailableUntilReady(readiness));
  app.use(
    exportRoutes(
      dataSource,
      services,
      rateLimiter,
      unitOfWork,
      exportSlots,
      options.exportWriteTimeoutMs,
    ),
  );
  app.use('/ingest', unavailableUntilReady(readiness));
  app.use(
    ingestRoutes(dataSource, services, rateLimiter, unitOfWork, {
      chunkLines: options.ingestChunkLines,
      maxBytes: options.ingestMaxBytes,
    }),
  );
  app.use('/graphql', unavailableUntilReady(readiness));
  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => {
        const caller = await authenticateRequest(req.headers, services.apiKeys, dataSource).catch(
          (error: unknown) => {
            throw error instanceof DomainError ? toGraphQLError(error) : error;
          },
        );
        await checkQueryText(req, options, rateLimiter, caller.keyId);
        const uow = unitOfWork(caller);
        return {
          caller,
          uow,
          services,
          loaders: createLoaders(uow, services),
          metrics,
          requestTime: new Date(),
        };
      },
    }),
  );
  app.use(bodyErrors);
  return {
    express: app,
    services,
    schema,
    rateLimiter,
    responseCache,
    stop: async () => {
      await apollo.stop();
      await services.close();
    },
  };
}

/**
 * Every request returns its connection, whatever happened. Not awaited: by
 * now every write has committed, and the read snapshot's COMMIT changes
 * nothing the response depends on, so the response does not wait for it
 * (the connection goes back to the pool once it is done).
 */
const closeUnitOfWork: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        void (contextValue as Partial<RequestContext> | undefined)?.uow
          ?.close()
          .catch(() => undefined);
      },
    };
  },
};
