/** What the HTTP layer enforces (see SECURITY.md). */
export interface HttpOptions {
  /** Origins allowed by CORS; none by default, '*' for any. */
  readonly corsOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
  /** Query text, checked before parsing: UTF-8 bytes, lexical tokens, declared variables. */
  readonly maxQueryBytes: number;
  readonly maxQueryTokens: number;
  readonly maxQueryVariables: number;
  /** Fragment spreads once fragments are inlined (fragments spreading fragments multiply). */
  readonly maxFragmentSpreads: number;
  /** Nesting below `__schema` / `__type`, counted apart from maxDepth. */
  readonly maxIntrospectionDepth: number;
  /** Rate limit per API key: a bucket of cost points, refilled per second. */
  readonly rateLimitPoints: number;
  readonly rateLimitRefillPerSecond: number;
  /** Where rate-limit buckets live: PostgreSQL (shared by every process) or this process's memory. */
  readonly rateLimitStore: 'postgres' | 'memory';
  /** Serve the GraphQL explorer at /explorer (development mode only). */
  readonly explorer: boolean;
  /** Exports one key may run at once (per process); more get 429 RATE_LIMITED. */
  readonly exportMaxPerKey: number;
  /** An export whose reader takes longer than this to accept a chunk is cut. */
  readonly exportWriteTimeoutMs: number;
  /** POST /ingest: lines per chunk (one transaction each) and bytes per request body. */
  readonly ingestChunkLines: number;
  readonly ingestMaxBytes: number;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** Operation names (beyond Rapport's own clients') that /metrics labels by name; others are "other". */
  readonly metricsOperations: readonly string[];
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  corsOrigins: [],
  maxBodyBytes: 5 * 1024 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 25_000,
  maxQueryBytes: 64 * 1024,
  maxQueryTokens: 2_000,
  maxQueryVariables: 100,
  maxFragmentSpreads: 1_000,
  maxIntrospectionDepth: 20,
  rateLimitPoints: 50_000,
  rateLimitRefillPerSecond: 2_500,
  rateLimitStore: 'postgres',
  explorer: true,
  exportMaxPerKey: 2,
  exportWriteTimeoutMs: 30_000,
  ingestChunkLines: 5_000,
  ingestMaxBytes: 1024 * 1024 * 1024,
  metricsToken: undefined,
  metricsOperations: [],
};
