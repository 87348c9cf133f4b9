import { ConfigError, intVar, optional } from './config-vars';

/** Webhook delivery (docs/live.md, SECURITY.md). Tests shorten the timings. */
export interface WebhookOptions {
  /** http:// and loopback/private/link-local addresses (development and tests only). */
  readonly allowPrivateNetworks: boolean;
  /** 32 bytes (hex or base64) that encrypt signing secrets at rest; see webhook-secrets.ts. */
  readonly secretKey: string | undefined;
  readonly timeoutMs: number;
  /** The first retry comes within this, each later one up to twice as late, at most maxRetryMs. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** An event is retried this long; an endpoint failing this long is disabled. */
  readonly giveUpAfterMs: number;
  readonly pollMs: number;
  readonly overdueScanMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  allowPrivateNetworks: false,
  secretKey: undefined,
  timeoutMs: 10_000,
  firstRetryMs: 10_000,
  maxRetryMs: 3_600_000,
  giveUpAfterMs: 24 * 3_600_000,
  pollMs: 1000,
  overdueScanMs: 30_000,
};

export function webhookOptions(env: NodeJS.ProcessEnv): WebhookOptions {
  const allow = optional(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS') ?? 'false';
  if (allow !== 'true' && allow !== 'false')
    throw new ConfigError(`WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, got "${allow}"`);
  const secretKey = optional(env, 'WEBHOOK_SECRET_KEY');
  if (secretKey !== undefined && !/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/.test(secretKey))
    throw new ConfigError('WEBHOOK_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  const HOUR = 3_600_000;
  return {
    allowPrivateNetworks: allow === 'true',
    secretKey,
    timeoutMs: intVar(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    firstRetryMs: intVar(env, 'WEBHOOK_FIRST_RETRY_MS', 10_000, 10, HOUR),
    maxRetryMs: intVar(env, 'WEBHOOK_MAX_RETRY_MS', HOUR, 10, 24 * HOUR),
    giveUpAfterMs: intVar(env, 'WEBHOOK_GIVE_UP_AFTER_MS', 24 * HOUR, 100, 30 * 24 * HOUR),
    pollMs: intVar(env, 'WEBHOOK_POLL_MS', 1000, 10, 60_000),
    overdueScanMs: intVar(env, 'WEBHOOK_OVERDUE_SCAN_MS', 30_000, 10, 60_000),
  };
}
