import { randomUUID } from 'node:crypto';
import type { Scope, WriteScope } from '../../db/scope';
import { NEEDS_RESPONSE, NEGATIVE } from '../rollups/sum-definitions';
import type { EngagementService } from '../scoring/engagement.service';
import { WebhookEvent } from './webhook.types';

const STAGE_WINDOW_MS = 30 * 86_400_000;

/** The feedback item as `data`: the fields of the Feedback type that are stored columns (effective signals). */
const FEEDBACK_JSON = `json_build_object(
  'id', f.id, 'brandId', f.brand_id, 'audienceId', f.audience_id, 'kind', f.kind,
  'sentiment', f.effective_sentiment, 'sentimentSource', f.sentiment_source,
  'complaint', f.effective_complaint, 'negative', f.negative,
  'receivedAt', f.received_at, 'acknowledgedAt', f.acknowledged_at,
  'firstResponseAt', f.first_response_at, 'category', f.category, 'outcome', f.outcome,
  'externalId', f.external_id, 'authorRef', f.author_ref, 'text', f.text,
  'createdAt', f.created_at, 'updatedAt', f.updated_at)`;

interface Hook {
  id: string;
  brand_id: string | null;
  events: string;
}

interface NewEvent {
  webhookId: string;
  brandId: string;
  type: WebhookEvent;
  data: unknown;
  dedupeKey: string | null;
}

/** Inserts events (with their delivery body, fixed for every attempt); a dedupe key makes one "once". */
async function insertEvents(scope: Scope, events: NewEvent[]): Promise<number> {
  if (!events.length) return 0;
  const now = new Date();
  const rows = events.map((e) => {
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      type: e.type,
      createdAt: now.toISOString(),
      workspaceId: scope.workspaceId,
      brandId: e.brandId,
      data: e.data,
    });
    return { id, ...e, body };
  });
  const inserted: unknown[] = await scope.manager.query(
    `INSERT INTO webhook_outbox (id, workspace_id, webhook_id, brand_id, type, body, dedupe_key)
     SELECT r.id, $1, r.webhook_id, r.brand_id, r.type::webhook_event, r.body, r.dedupe_key
       FROM json_to_recordset($2::json) AS r(id uuid, webhook_id uuid, brand_id uuid, type text, body text, dedupe_key text)
     ON CONFLICT (webhook_id, dedupe_key) DO NOTHING RETURNING id`,
    [
      scope.workspaceId,
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          webhook_id: r.webhookId,
          brand_id: r.brandId,
          type: r.type,
          body: r.body,
          dedupe_key: r.dedupeKey,
        })),
      ),
    ],
  );
  return inserted.length;
}

/**
 * The outbox: events written in the transaction of the change that caused
 * them (UnitOfWork.beforeCommit), so a rolled-back write sends nothing and
 * a crash after COMMIT loses nothing. Delivery: webhook-worker.ts.
 */
export class WebhookOutbox {
  constructor(private readonly engagement: EngagementService) {}

  async enqueue(scope: WriteScope): Promise<void> {
    const brandIds = [...scope.changes.byBrand.keys()];
    if (!brandIds.length) return;
    const hooks: Hook[] = await scope.manager.query(
      `SELECT id, brand_id, events::text FROM webhooks
        WHERE workspace_id = $1 AND enabled AND (brand_id IS NULL OR brand_id = ANY($2))`,
      [scope.workspaceId, brandIds],
    );
    if (!hooks.length) return;
    const wants = (hook: Hook, event: WebhookEvent, brandId: string) =>
      hook.events.includes(event) && (hook.brand_id === null || hook.brand_id === brandId);
    const events: NewEvent[] = [];
    for (const [brandId, changes] of scope.changes.byBrand) {
      const negativeHooks = hooks.filter((h) => wants(h, WebhookEvent.NEGATIVE_FEEDBACK, brandId));
      if (negativeHooks.length && changes.feedbackIds.size) {
        // items recorded after the endpoint was created, negative as of this write: once each
        const found: { webhook_id: string; id: string; data: unknown }[] =
          await scope.manager.query(
            `SELECT w.id AS webhook_id, f.id, ${FEEDBACK_JSON} AS data
               FROM feedback f JOIN webhooks w ON w.id = ANY($3) AND f.created_at >= w.created_at
              WHERE f.workspace_id = $1 AND f.brand_id = $2 AND f.id = ANY($4) AND ${NEGATIVE}`,
            [scope.workspaceId, brandId, negativeHooks.map((h) => h.id), [...changes.feedbackIds]],
          );
        for (const row of found)
          events.push({
            webhookId: row.webhook_id,
            brandId,
            type: WebhookEvent.NEGATIVE_FEEDBACK,
            data: row.data,
            dedupeKey: `negative:${row.id}`,
          });
      }
      const stageHooks = hooks.filter((h) =>
        wants(h, WebhookEvent.ENGAGEMENT_STAGE_CHANGED, brandId),
      );
      if (stageHooks.length) events.push(...(await this.stageEvents(scope, brandId, stageHooks)));
    }
    await insertEvents(scope, events);
  }

  /** Feedback that became overdue, for every FEEDBACK_OVERDUE endpoint of the workspace; once each. */
  async enqueueOverdue(scope: Scope): Promise<number> {
    const found: { webhook_id: string; brand_id: string; id: string; data: unknown }[] =
      await scope.manager.query(
        `SELECT w.id AS webhook_id, f.brand_id, f.id, ${FEEDBACK_JSON} AS data
           FROM webhooks w
           JOIN brands b ON b.workspace_id = w.workspace_id AND (w.brand_id IS NULL OR b.id = w.brand_id)
           JOIN feedback f ON f.workspace_id = b.workspace_id AND f.brand_id = b.id
          WHERE w.workspace_id = $1 AND w.enabled AND 'FEEDBACK_OVERDUE' = ANY(w.events)
            AND f.created_at >= w.created_at AND f.first_response_at IS NULL
            AND ${NEGATIVE} AND ${NEEDS_RESPONSE}
            AND f.received_at + b.response_target_minutes * interval '1 minute' <= now()
            AND NOT EXISTS (SELECT 1 FROM webhook_outbox o
                             WHERE o.webhook_id = w.id AND o.dedupe_key = 'overdue:' || f.id)
          LIMIT 500`,
        [scope.workspaceId],
      );
    return insertEvents(
      scope,
      found.map((row) => ({
        webhookId: row.webhook_id,
        brandId: row.brand_id,
        type: WebhookEvent.FEEDBACK_OVERDUE,
        data: row.data,
        dedupeKey: `overdue:${row.id}`,
      })),
    );
  }

  /** The stage over the last 30 days, compared with the last one seen (the first one is only noted). */
  private async stageEvents(
    scope: WriteScope,
    brandId: string,
    hooks: Hook[],
  ): Promise<NewEvent[]> {
    const now = new Date();
    const report = await this.engagement.report(
      scope,
      brandId,
      { from: new Date(now.getTime() - STAGE_WINDOW_MS), to: now },
      null,
    );
    const [previous]: { stage: string }[] = await scope.manager.query(
      'SELECT stage FROM webhook_stages WHERE workspace_id = $1 AND brand_id = $2',
      [scope.workspaceId, brandId],
    );
    if (previous?.stage === report.stage) return [];
    await scope.manager.query(
      `INSERT INTO webhook_stages (workspace_id, brand_id, stage) VALUES ($1, $2, $3)
       ON CONFLICT (brand_id) DO UPDATE SET stage = excluded.stage`,
      [scope.workspaceId, brandId, report.stage],
    );
    if (!previous) return [];
    return hooks.map((h) => ({
      webhookId: h.id,
      brandId,
      type: WebhookEvent.ENGAGEMENT_STAGE_CHANGED,
      data: { ...report, previousStage: previous.stage },
      dedupeKey: null,
    }));
  }
}
