import type { DataSource } from 'typeorm';
import type { WebhookOptions } from '../../config';
import type { Services } from '../../server/services';
import { logger } from '../../shared/logger';
import { postEvent, type DeliveryResult } from './webhook-delivery';
import type { WebhookSecrets } from './webhook-secrets';
import { signatureHeader } from './webhook-signature';

interface Claimed {
  id: string;
  webhook_id: string;
  type: string;
  body: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret_ciphertext: Buffer;
}

const BATCH = 20;
const RETENTION_DAYS = 30;

/** Exponential backoff with full jitter: the first retry within firstRetryMs, never over maxRetryMs. */
export function retryDelayMs(attempt: number, options: WebhookOptions): number {
  const ceiling = Math.min(options.maxRetryMs, options.firstRetryMs * 2 ** (attempt - 1));
  return Math.max(10, Math.round(ceiling * (0.5 + Math.random() / 2)));
}

/**
 * Runs in every server process: claims due events with FOR UPDATE SKIP
 * LOCKED (one process per attempt), leasing them for the attempt's length,
 * posts them, records the attempt. Also scans for overdue feedback.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private lastOverdueScan = 0;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: Services,
    private readonly secrets: WebhookSecrets,
    private readonly options: WebhookOptions,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => logger.warn('webhook worker', { error: String(error) }))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.options.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    const workspaces: { id: string }[] = await this.dataSource.query(
      'SELECT rapport_webhook_workspaces() AS id',
    );
    const scan = Date.now() - this.lastOverdueScan >= this.options.overdueScanMs;
    const cleanup = Date.now() - this.lastCleanup >= 3_600_000;
    if (scan) this.lastOverdueScan = Date.now();
    if (cleanup) this.lastCleanup = Date.now();
    for (const { id } of workspaces) {
      if (this.stopped) return;
      const uow = this.services.unitOfWork(this.dataSource, id);
      try {
        if (scan) await uow.write((scope) => this.services.webhookOutbox.enqueueOverdue(scope));
        if (cleanup)
          await uow.write((scope) =>
            scope.manager.query(
              `DELETE FROM webhook_deliveries WHERE workspace_id = $1 AND at < now() - interval '${RETENTION_DAYS} days'`,
              [id],
            ),
          );
        const claimed = await uow.write((scope) => this.claim(scope.manager, id));
        await Promise.all(claimed.map((event) => this.deliver(id, event)));
      } finally {
        await uow.close();
      }
    }
  }

  private async claim(
    manager: { query: DataSource['query'] },
    workspaceId: string,
  ): Promise<Claimed[]> {
    // the lease outlasts one attempt: a process that dies mid-attempt lets another retry it
    const leaseMs = this.options.timeoutMs + 5_000;
    // TypeORM answers an UPDATE with [rows, count]
    const [rows]: [Claimed[], number] = await manager.query(
      `WITH due AS (
         SELECT o.id FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id AND w.enabled
          WHERE o.workspace_id = $1 AND o.delivered_at IS NULL AND o.failed_at IS NULL
            AND o.next_attempt_at <= now()
          ORDER BY o.next_attempt_at LIMIT ${BATCH} FOR UPDATE OF o SKIP LOCKED)
       UPDATE webhook_outbox o SET attempts = o.attempts + 1,
              next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM due, webhooks w
        WHERE o.id = due.id AND w.id = o.webhook_id
       RETURNING o.id, o.webhook_id, o.type, o.body, o.attempts, o.created_at, w.url, w.secret_ciphertext`,
      [workspaceId, leaseMs],
    );
    return rows;
  }

  private async deliver(workspaceId: string, event: Claimed): Promise<void> {
    let result: DeliveryResult;
    try {
      const secret = this.secrets.open(event.secret_ciphertext);
      result = await postEvent(
        event.url,
        event.body,
        { 'rapport-signature': signatureHeader(secret, event.body), 'rapport-event-id': event.id },
        this.options,
      );
    } catch (error) {
      result = { status: null, durationMs: 0, error: String(error).slice(0, 200), ok: false };
    }
    const uow = this.services.unitOfWork(this.dataSource, workspaceId);
    try {
      await uow.write((scope) => this.record(scope.manager, workspaceId, event, result));
    } finally {
      await uow.close();
    }
  }

  private async record(
    m: { query: DataSource['query'] },
    workspaceId: string,
    event: Claimed,
    result: DeliveryResult,
  ): Promise<void> {
    await m.query(
      `INSERT INTO webhook_deliveries (workspace_id, webhook_id, event_id, type, attempt, status, duration_ms, error)
       VALUES ($1, $2, $3, $4::webhook_event, $5, $6, $7, $8)`,
      [
        workspaceId,
        event.webhook_id,
        event.id,
        event.type,
        event.attempts,
        result.status,
        result.durationMs,
        result.error,
      ],
    );
    if (result.ok) {
      await m.query('UPDATE webhook_outbox SET delivered_at = now() WHERE id = $1', [event.id]);
      await m.query(
        'UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
        [event.webhook_id],
      );
      return;
    }
    const giveUp = event.created_at.getTime() + this.options.giveUpAfterMs <= Date.now();
    await m.query(
      `UPDATE webhook_outbox SET next_attempt_at = now() + $2 * interval '1 millisecond',
              failed_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
      [event.id, retryDelayMs(event.attempts, this.options), giveUp],
    );
    // an endpoint failing for giveUpAfterMs without one success is disabled, and says why; an
    // event giving up counts too (its clock starts at creation, failing_since at the first failure)
    await m.query(
      `WITH verdict AS (
         SELECT coalesce(failing_since <= now() - $2 * interval '1 millisecond', false)
             OR ($5::boolean AND NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = $1 AND d.at >= $6
                     AND d.status BETWEEN 200 AND 299 AND d.error IS NULL)) AS disable
           FROM webhooks WHERE id = $1)
       UPDATE webhooks w SET failing_since = coalesce(w.failing_since, now()),
              enabled = w.enabled AND NOT v.disable,
              disabled_reason = CASE WHEN v.disable
                THEN 'every delivery failed for ' || $3 || '; last: ' || $4 ELSE w.disabled_reason END
         FROM verdict v WHERE w.id = $1`,
      [
        event.webhook_id,
        this.options.giveUpAfterMs,
        `${Math.round(this.options.giveUpAfterMs / 60_000)} minutes`,
        result.error ?? `HTTP ${result.status}`,
        giveUp,
        event.created_at,
      ],
    );
  }
}
