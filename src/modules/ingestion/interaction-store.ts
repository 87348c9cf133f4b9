import type { EntityManager } from 'typeorm';
import type {
  NewActivityRow,
  NewFeedbackRow,
  StoredActivity,
  StoredFeedback,
} from './interaction-rows';

/**
 * Set-based SQL for ingestion: every statement handles a whole batch (rows
 * travel as one jsonb parameter), so a batch of 1,000 costs a handful of
 * round trips, not thousands.
 */
export class InteractionStore {
  async existingActivities(
    m: EntityManager,
    brandId: string,
    externalIds: string[],
  ): Promise<StoredActivity[]> {
    if (externalIds.length === 0) return [];
    return m.query(
      `SELECT id, audience_id, kind, intent, occurred_at, reach, engagements,
              in_reply_to_feedback_id, in_reply_to_feedback_external_id, external_id
         FROM activities WHERE brand_id = $1 AND external_id = ANY($2::text[])`,
      [brandId, externalIds],
    );
  }

  async existingFeedback(
    m: EntityManager,
    brandId: string,
    externalIds: string[],
  ): Promise<StoredFeedback[]> {
    if (externalIds.length === 0) return [];
    return m.query(
      `SELECT id, audience_id, kind, sentiment, received_at, acknowledged_at, category, outcome,
              in_reply_to_activity_external_id, external_id, author_ref, text
         FROM feedback WHERE brand_id = $1 AND external_id = ANY($2::text[])`,
      [brandId, externalIds],
    );
  }

  /** The ids among `ids` that exist in `table` for this brand. */
  async existingIds(
    m: EntityManager,
    table: 'audiences' | 'feedback',
    brandId: string,
    ids: string[],
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ${table} WHERE brand_id = $1 AND id = ANY($2::uuid[])`,
      [brandId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async insertFeedback(
    m: EntityManager,
    workspaceId: string,
    brandId: string,
    rows: NewFeedbackRow[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO feedback (brand_id, id, workspace_id, audience_id, kind, sentiment, received_at,
                             acknowledged_at, category, outcome, in_reply_to_activity_external_id,
                             external_id, author_ref, text, inferred_sentiment, inferred_complaint,
                             sentiment_cues, complaint_cues, inference_version)
       SELECT $1, x.id, $2, x.audience_id, x.kind::feedback_kind, x.sentiment, x.received_at,
              x.acknowledged_at, x.category, x.outcome::feedback_outcome,
              x.in_reply_to_activity_external_id, x.external_id, x.author_ref, x.text,
              x.inferred_sentiment, x.inferred_complaint, x.sentiment_cues, x.complaint_cues,
              x.inference_version
         FROM jsonb_to_recordset($3::jsonb) AS x(
              id uuid, audience_id uuid, kind text, sentiment float8, received_at timestamptz,
              acknowledged_at timestamptz, category text, outcome text,
              in_reply_to_activity_external_id text, external_id text, author_ref text, text text,
              inferred_sentiment float8, inferred_complaint boolean, sentiment_cues text[],
              complaint_cues text[], inference_version text)`,
      [brandId, workspaceId, JSON.stringify(rows)],
    );
  }

  async insertActivities(
    m: EntityManager,
    workspaceId: string,
    brandId: string,
    rows: NewActivityRow[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO activities (brand_id, id, workspace_id, audience_id, kind, phase, intent, occurred_at,
                               reach, engagements, in_reply_to_feedback_id,
                               in_reply_to_feedback_external_id, external_id)
       SELECT $1, x.id, $2, x.audience_id, x.kind::activity_kind, x.phase::engagement_phase,
              x.intent::activity_intent, x.occurred_at, x.reach, x.engagements,
              x.in_reply_to_feedback_id, x.in_reply_to_feedback_external_id, x.external_id
         FROM jsonb_to_recordset($3::jsonb) AS x(
              id uuid, audience_id uuid, kind text, phase text, intent text, occurred_at timestamptz,
              reach int, engagements int, in_reply_to_feedback_id uuid,
              in_reply_to_feedback_external_id text, external_id text)`,
      [brandId, workspaceId, JSON.stringify(rows)],
    );
  }

  async updateActivities(
    m: EntityManager,
    brandId: string,
    updates: { id: string; changes: Partial<NewActivityRow> }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await m.query(
      `UPDATE activities a
          SET reach = coalesce(x.reach, a.reach),
              engagements = coalesce(x.engagements, a.engagements),
              updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, reach int, engagements int)
        WHERE a.brand_id = $1 AND a.id = x.id`,
      [brandId, JSON.stringify(updates.map((u) => ({ id: u.id, ...u.changes })))],
    );
  }

  async updateFeedback(
    m: EntityManager,
    brandId: string,
    updates: { id: string; changes: Partial<NewFeedbackRow> }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await m.query(
      `UPDATE feedback f
          SET acknowledged_at = coalesce(x.acknowledged_at, f.acknowledged_at),
              category = coalesce(x.category, f.category),
              outcome = coalesce(x.outcome::feedback_outcome, f.outcome),
              text = coalesce(x.text, f.text),
              author_ref = coalesce(x.author_ref, f.author_ref),
              -- a new text comes with what the model read from it (all of it, nulls included)
              inferred_sentiment = CASE WHEN x.text IS NULL THEN f.inferred_sentiment ELSE x.inferred_sentiment END,
              inferred_complaint = CASE WHEN x.text IS NULL THEN f.inferred_complaint ELSE x.inferred_complaint END,
              sentiment_cues = CASE WHEN x.text IS NULL THEN f.sentiment_cues ELSE x.sentiment_cues END,
              complaint_cues = CASE WHEN x.text IS NULL THEN f.complaint_cues ELSE x.complaint_cues END,
              inference_version = CASE WHEN x.text IS NULL THEN f.inference_version ELSE x.inference_version END,
              updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS x(
              id uuid, acknowledged_at timestamptz, category text, outcome text, text text, author_ref text,
              inferred_sentiment float8, inferred_complaint boolean, sentiment_cues text[],
              complaint_cues text[], inference_version text)
        WHERE f.brand_id = $1 AND f.id = x.id`,
      [brandId, JSON.stringify(updates.map((u) => ({ id: u.id, ...u.changes })))],
    );
  }
}
