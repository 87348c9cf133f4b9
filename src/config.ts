import path from 'node:path';
import {
  DEFAULT_REPORT_CACHE_OPTIONS,
  type ReportCacheOptions,
} from './modules/scoring/report-cache';
import {
  DEFAULT_RESPONSE_CACHE_OPTIONS,
  type ResponseCacheOptions,
} from './server/response-cache/response-cache';
import { DEFAULT_KEY_CACHE_OPTIONS, type KeyCacheOptions } from './modules/api-keys/api-key-cache';

import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from './config-http';
import { ConfigError, intVar, optional } from './config-vars';
import { webhookOptions, type WebhookOptions } from './config-webhooks';

export { ConfigError };
export { DEFAULT_HTTP_OPTIONS, type HttpOptions } from './config-http';
export { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './config-webhooks';

const MB = 1024 * 1024;

export interface Config {
  readonly port: number;
  readonly host: string | undefined;
  /** External PostgreSQL; when unset the embedded server is used. */
  readonly databaseUrl: string | undefined;
  /** Read replicas (streaming standbys of databaseUrl): reports and lists are read there. */
  readonly databaseReplicaUrls: readonly string[];
  /** After a key writes, its reads stay on the primary this long (replication lag must stay below). */
  readonly replicaReadAfterWriteSeconds: number;
  readonly embedded: { readonly dataDir: string; readonly port: number | undefined };
  readonly bootstrapApiKey: string | undefined;
  readonly production: boolean;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly dbPoolSize: number;
  /** How long a request waits for a pool connection before it answers the retryable 503. */
  readonly dbAcquireTimeoutMs: number;
  readonly http: HttpOptions;
  readonly live: LiveOptions;
  readonly webhooks: WebhookOptions;
  /** Reports served from memory while their brand's data version holds (docs/scaling.md). */
  readonly reportCache: ReportCacheOptions;
  /** Whole responses of repeated report queries (server/response-cache). */
  readonly responseCache: ResponseCacheOptions;
  /** Known API keys kept in memory (api-key-cache.ts). */
  readonly keyCache: KeyCacheOptions;
  /** Worker threads that read feedback texts of a batch (0: in the request's thread; text-inference.ts). */
  readonly textModelThreads: number;
}

export const DEFAULT_TEXT_MODEL_THREADS = 1;

/** Subscriptions (docs/live.md). */
export interface LiveOptions {
  readonly maxSubscriptionsPerKey: number;
  readonly debounceMs: number;
  readonly minIntervalMs: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  maxSubscriptionsPerKey: 20,
  debounceMs: 300,
  minIntervalMs: 1000,
};

function replicaUrls(env: NodeJS.ProcessEnv): string[] {
  const urls = (optional(env, 'DATABASE_REPLICA_URLS') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length && optional(env, 'DATABASE_URL') === undefined)
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary) too');
  for (const url of urls)
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new ConfigError(`DATABASE_REPLICA_URLS: "${url}" is not a postgres:// URL`);
  return urls;
}

function rateLimitStore(env: NodeJS.ProcessEnv): 'postgres' | 'memory' {
  const raw = optional(env, 'RATE_LIMIT_STORE') ?? 'postgres';
  if (raw !== 'postgres' && raw !== 'memory')
    throw new ConfigError(`RATE_LIMIT_STORE must be postgres or memory, got "${raw}"`);
  return raw;
}

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = optional(env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < 16)
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
  return token;
}

/** Parses and validates the environment once; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error, got "${logLevel}"`);
  }
  const bootstrapApiKey = optional(env, 'BOOTSTRAP_API_KEY');
  if (bootstrapApiKey !== undefined && bootstrapApiKey.length < 16) {
    throw new ConfigError('BOOTSTRAP_API_KEY must be at least 16 characters long');
  }
  const embeddedPort = optional(env, 'EMBEDDED_PG_PORT');
  return {
    live: {
      maxSubscriptionsPerKey: intVar(env, 'MAX_SUBSCRIPTIONS_PER_KEY', 20, 1, 10_000),
      debounceMs: intVar(env, 'LIVE_DEBOUNCE_MS', DEFAULT_LIVE_OPTIONS.debounceMs, 0, 1000),
      minIntervalMs: intVar(
        env,
        'LIVE_MIN_INTERVAL_MS',
        DEFAULT_LIVE_OPTIONS.minIntervalMs,
        0,
        60_000,
      ),
    },
    webhooks: webhookOptions(env),
    keyCache: {
      entries: intVar(
        env,
        'API_KEY_CACHE_ENTRIES',
        DEFAULT_KEY_CACHE_OPTIONS.entries,
        0,
        1_000_000,
      ),
      maxAgeMs:
        intVar(env, 'API_KEY_CACHE_SECONDS', DEFAULT_KEY_CACHE_OPTIONS.maxAgeMs / 1000, 1, 86_400) *
        1000,
      fallbackMs: intVar(
        env,
        'API_KEY_CACHE_FALLBACK_MS',
        DEFAULT_KEY_CACHE_OPTIONS.fallbackMs,
        0,
        86_400_000,
      ),
    },
    reportCache: {
      entries: intVar(
        env,
        'REPORT_CACHE_ENTRIES',
        DEFAULT_REPORT_CACHE_OPTIONS.entries,
        0,
        1_000_000,
      ),
      maxBytes:
        intVar(env, 'REPORT_CACHE_MB', DEFAULT_REPORT_CACHE_OPTIONS.maxBytes / MB, 1, 16_384) * MB,
    },
    responseCache: {
      entries: intVar(
        env,
        'RESPONSE_CACHE_ENTRIES',
        DEFAULT_RESPONSE_CACHE_OPTIONS.entries,
        0,
        1_000_000,
      ),
      maxBytes:
        intVar(env, 'RESPONSE_CACHE_MB', DEFAULT_RESPONSE_CACHE_OPTIONS.maxBytes / MB, 1, 16_384) *
        MB,
    },
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host: optional(env, 'HOST'),
    databaseUrl: optional(env, 'DATABASE_URL'),
    databaseReplicaUrls: replicaUrls(env),
    replicaReadAfterWriteSeconds: intVar(env, 'REPLICA_READ_AFTER_WRITE_SECONDS', 10, 0, 3600),
    embedded: {
      dataDir: path.resolve(optional(env, 'EMBEDDED_PG_DIR') ?? '.data/postgres'),
      port: embeddedPort === undefined ? undefined : intVar(env, 'EMBEDDED_PG_PORT', 0, 1, 65535),
    },
    bootstrapApiKey,
    production: env.NODE_ENV === 'production',
    logLevel: logLevel as Config['logLevel'],
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbAcquireTimeoutMs: intVar(env, 'DB_ACQUIRE_TIMEOUT_MS', 5000, 100, 600_000),
    textModelThreads: intVar(env, 'TEXT_MODEL_THREADS', DEFAULT_TEXT_MODEL_THREADS, 0, 64),
    http: {
      exportMaxPerKey: intVar(
        env,
        'EXPORT_MAX_PER_KEY',
        DEFAULT_HTTP_OPTIONS.exportMaxPerKey,
        1,
        100,
      ),
      ingestChunkLines: intVar(
        env,
        'INGEST_CHUNK_LINES',
        DEFAULT_HTTP_OPTIONS.ingestChunkLines,
        1,
        50_000,
      ),
      ingestMaxBytes: intVar(
        env,
        'INGEST_MAX_BYTES',
        DEFAULT_HTTP_OPTIONS.ingestMaxBytes,
        1024,
        64 * 1024 * 1024 * 1024,
      ),
      exportWriteTimeoutMs: intVar(
        env,
        'EXPORT_WRITE_TIMEOUT_MS',
        DEFAULT_HTTP_OPTIONS.exportWriteTimeoutMs,
        100,
        3_600_000,
      ),
      metricsToken: metricsToken(env),
      metricsOperations: (optional(env, 'METRICS_OPERATIONS') ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      explorer: env.NODE_ENV !== 'production',
      rateLimitStore: rateLimitStore(env),
      corsOrigins: (optional(env, 'CORS_ORIGINS') ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      maxBodyBytes: intVar(
        env,
        'MAX_BODY_BYTES',
        DEFAULT_HTTP_OPTIONS.maxBodyBytes,
        1024,
        100 * 1024 * 1024,
      ),
      maxDepth: intVar(env, 'MAX_QUERY_DEPTH', DEFAULT_HTTP_OPTIONS.maxDepth, 2, 100),
      maxAliases: intVar(env, 'MAX_QUERY_ALIASES', DEFAULT_HTTP_OPTIONS.maxAliases, 0, 1000),
      maxCost: intVar(env, 'MAX_QUERY_COST', DEFAULT_HTTP_OPTIONS.maxCost, 1, 10_000_000),
      maxQueryBytes: intVar(
        env,
        'MAX_QUERY_BYTES',
        DEFAULT_HTTP_OPTIONS.maxQueryBytes,
        1024,
        100 * 1024 * 1024,
      ),
      maxQueryTokens: intVar(
        env,
        'MAX_QUERY_TOKENS',
        DEFAULT_HTTP_OPTIONS.maxQueryTokens,
        200,
        1_000_000,
      ),
      maxQueryVariables: intVar(
        env,
        'MAX_QUERY_VARIABLES',
        DEFAULT_HTTP_OPTIONS.maxQueryVariables,
        0,
        100_000,
      ),
      maxFragmentSpreads: intVar(
        env,
        'MAX_QUERY_FRAGMENT_SPREADS',
        DEFAULT_HTTP_OPTIONS.maxFragmentSpreads,
        0,
        10_000_000,
      ),
      maxIntrospectionDepth: intVar(
        env,
        'MAX_INTROSPECTION_DEPTH',
        DEFAULT_HTTP_OPTIONS.maxIntrospectionDepth,
        14,
        1000,
      ),
      rateLimitPoints: intVar(
        env,
        'RATE_LIMIT_POINTS',
        DEFAULT_HTTP_OPTIONS.rateLimitPoints,
        1,
        100_000_000,
      ),
      rateLimitRefillPerSecond: intVar(
        env,
        'RATE_LIMIT_REFILL_PER_SECOND',
        DEFAULT_HTTP_OPTIONS.rateLimitRefillPerSecond,
        1,
        10_000_000,
      ),
    },
  };
}
