import type { Scope, WriteScope } from '../../db/scope';
import { toConnection, type Connection } from '../../shared/connection';
import { CursorScope } from '../../shared/cursor';
import { NotFoundError, ValidationError, type FieldProblem } from '../../shared/domain-error';
import { isUuid } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import { urlProblem } from './webhook-address';
import { WebhookSecrets } from './webhook-secrets';
import {
  type WebhookEvent,
  type CreateWebhookInput,
  type CreateWebhookPayload,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookDelivery,
} from './webhook.types';

/** Endpoints of one workspace. */
export const MAX_WEBHOOKS = 20;

interface WebhookRow {
  id: string;
  url: string;
  events: string | string[];
  brand_id: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
}

const COLUMNS =
  'id, url, events::text[] AS events, brand_id, enabled, disabled_reason, failing_since, created_at';

function toWebhook(row: WebhookRow): Webhook {
  const events = Array.isArray(row.events)
    ? row.events
    : row.events.replace(/[{}]/g, '').split(',');
  return {
    id: row.id,
    url: row.url,
    events: events.filter(Boolean) as WebhookEvent[],
    brandId: row.brand_id,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
  };
}

/** Webhook endpoints (ADMIN): create (secret shown once), list, update, delete, deliveries. */
export class WebhookService {
  constructor(
    private readonly brands: BrandService,
    private readonly secrets: WebhookSecrets,
    private readonly allowPrivateNetworks: boolean,
  ) {}

  async list(scope: Scope): Promise<Webhook[]> {
    const rows: WebhookRow[] = await scope.manager.query(
      `SELECT ${COLUMNS} FROM webhooks WHERE workspace_id = $1 ORDER BY created_at, id`,
      [scope.workspaceId],
    );
    return rows.map(toWebhook);
  }

  async create(scope: WriteScope, input: CreateWebhookInput): Promise<CreateWebhookPayload> {
    const problems: FieldProblem[] = [];
    const bad = await urlProblem(input.url, this.allowPrivateNetworks);
    if (bad) problems.push({ field: 'input.url', reason: bad });
    if (input.events.length === 0)
      problems.push({ field: 'input.events', reason: 'must name at least one event' });
    if (problems.length) throw new ValidationError(problems);
    const brandId =
      input.brandId == null ? null : (await this.brands.require(scope, input.brandId)).id;
    const [{ count }]: { count: number }[] = await scope.manager.query(
      'SELECT count(*)::int AS count FROM webhooks WHERE workspace_id = $1',
      [scope.workspaceId],
    );
    if (count >= MAX_WEBHOOKS)
      throw new ValidationError([
        { field: 'input', reason: `at most ${MAX_WEBHOOKS} webhooks a workspace` },
      ]);
    const secret = WebhookSecrets.newSecret();
    const [row]: WebhookRow[] = await scope.manager.query(
      `INSERT INTO webhooks (workspace_id, brand_id, url, events, secret_ciphertext)
       VALUES ($1, $2, $3, $4::webhook_event[], $5) RETURNING ${COLUMNS}`,
      [
        scope.workspaceId,
        brandId,
        input.url,
        [...new Set(input.events)],
        this.secrets.seal(secret),
      ],
    );
    return { webhook: toWebhook(row!), secret };
  }

  async update(scope: WriteScope, id: string, input: UpdateWebhookInput): Promise<Webhook> {
    await this.require(scope, id);
    const problems: FieldProblem[] = [];
    if (input.url != null) {
      const bad = await urlProblem(input.url, this.allowPrivateNetworks);
      if (bad) problems.push({ field: 'input.url', reason: bad });
    }
    if (input.events != null && input.events.length === 0)
      problems.push({ field: 'input.events', reason: 'must name at least one event' });
    if (problems.length) throw new ValidationError(problems);
    const [rows]: [WebhookRow[], number] = await scope.manager.query(
      `UPDATE webhooks SET
         url = coalesce($3, url),
         events = coalesce($4::webhook_event[], events),
         enabled = coalesce($5, enabled),
         disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
         failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END,
         updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        scope.workspaceId,
        id,
        input.url ?? null,
        input.events ? [...new Set(input.events)] : null,
        input.enabled ?? null,
      ],
    );
    return toWebhook(rows[0]!);
  }

  async delete(scope: WriteScope, id: string): Promise<string> {
    await this.require(scope, id);
    await scope.manager.query('DELETE FROM webhooks WHERE workspace_id = $1 AND id = $2', [
      scope.workspaceId,
      id,
    ]);
    return id;
  }

  async deliveries(
    scope: Scope,
    webhookId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<Connection<WebhookDelivery>> {
    await this.require(scope, webhookId);
    const cursors = new CursorScope('webhookDeliveries', webhookId);
    const key = cursors.decode(after, ['time', 'uuid']);
    const params: unknown[] = [scope.workspaceId, webhookId, first + 1];
    if (key) params.push(new Date(key[0] as string), key[1]);
    const rows: WebhookDelivery[] = await scope.manager.query(
      `SELECT id, event_id AS "eventId", type, attempt, status, duration_ms AS "durationMs", error, at
         FROM webhook_deliveries WHERE workspace_id = $1 AND webhook_id = $2
         ${key ? 'AND (at, id) < ($4, $5)' : ''}
        ORDER BY at DESC, id DESC LIMIT $3`,
      params,
    );
    const [{ total }]: { total: number }[] = await scope.manager.query(
      'SELECT count(*)::int AS total FROM webhook_deliveries WHERE workspace_id = $1 AND webhook_id = $2',
      [scope.workspaceId, webhookId],
    );
    return toConnection(rows, first, total, key !== null, (d) =>
      cursors.encode([d.at.toISOString(), d.id]),
    );
  }

  private async require(scope: Scope, id: string): Promise<void> {
    const rows: unknown[] = isUuid(id)
      ? await scope.manager.query('SELECT 1 FROM webhooks WHERE workspace_id = $1 AND id = $2', [
          scope.workspaceId,
          id,
        ])
      : [];
    if (!rows.length) throw new NotFoundError('Webhook', id);
  }
}
