import type { EntityManager } from 'typeorm';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import { copyRows, type CopyValue } from './copy-rows';
import type { InferredColumns } from '../feedback/feedback-inference';
import type { TextInference } from '../feedback/text-inference';
import { newActivityRow, newFeedbackRow } from './interaction-rows';

/** An item to merge: its position `n` (a line, or an index in its list) and its brand. */
export type StagedItem =
  | { type: 'activity'; n: number; brandId: string; input: InteractionActivityInput }
  | { type: 'feedback'; n: number; brandId: string; input: InteractionFeedbackInput };

/**
 * The staging tables of one transaction: TEMP (private to the connection,
 * no WAL, no row-level security needed: they hold only what this caller
 * sent), emptied at every commit. The merge statements (interaction-merge.ts)
 * read them and write their verdict (action, problems) back into them.
 */
export const STAGE_FEEDBACK = 'rapport_stage_feedback_v1';
export const STAGE_ACTIVITIES = 'rapport_stage_activities_v1';

const FEEDBACK_COLUMNS = [
  'n',
  'brand_id',
  'id',
  'audience_id',
  'kind',
  'sentiment',
  'received_at',
  'acknowledged_at',
  'category',
  'outcome',
  'in_reply_to_activity_external_id',
  'external_id',
  'author_ref',
  'text',
  'inferred_sentiment',
  'inferred_complaint',
  'sentiment_cues',
  'complaint_cues',
  'inference_version',
] as const;

const ACTIVITY_COLUMNS = [
  'n',
  'brand_id',
  'id',
  'audience_id',
  'kind',
  'phase',
  'intent',
  'default_intent',
  'occurred_at',
  'reach',
  'engagements',
  'in_reply_to_feedback_id',
  'in_reply_to_feedback_external_id',
  'external_id',
] as const;

/**
 * Creates the staging tables on this connection if needed and empties them
 * (one round trip). `IF NOT EXISTS` every time: a table created in a
 * transaction that rolled back is gone again.
 */
export const STAGE_PREPARE = `
  SET LOCAL client_min_messages = warning;
  CREATE TEMP TABLE IF NOT EXISTS ${STAGE_FEEDBACK} (
    n int NOT NULL, brand_id uuid NOT NULL, id uuid NOT NULL, audience_id uuid, kind text NOT NULL,
    sentiment float8, received_at timestamptz NOT NULL, acknowledged_at timestamptz, category text,
    outcome text, in_reply_to_activity_external_id text, external_id text, author_ref text, text text,
    inferred_sentiment float8, inferred_complaint boolean, sentiment_cues text[], complaint_cues text[],
    inference_version text, stored_id uuid, action text, problems jsonb) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS ${STAGE_ACTIVITIES} (
    n int NOT NULL, brand_id uuid NOT NULL, id uuid NOT NULL, audience_id uuid, kind text NOT NULL,
    phase text NOT NULL, intent text, default_intent text NOT NULL, occurred_at timestamptz NOT NULL,
    reach int, engagements int, in_reply_to_feedback_id uuid, in_reply_to_feedback_external_id text,
    external_id text, stored_id uuid, action text, problems jsonb) ON COMMIT DELETE ROWS;
  DELETE FROM ${STAGE_FEEDBACK}; DELETE FROM ${STAGE_ACTIVITIES}`;

/** Stage rows of feedback: what the caller sent, plus what the text model read (for inserts and new texts). */
export function feedbackStageRow(
  n: number,
  brandId: string,
  item: InteractionFeedbackInput,
  inferred: InferredColumns,
): CopyValue[] {
  const row = newFeedbackRow(item, inferred);
  return [
    n,
    brandId,
    row.id,
    row.audience_id,
    row.kind,
    row.sentiment,
    row.received_at,
    row.acknowledged_at,
    row.category,
    item.outcome ?? null,
    row.in_reply_to_activity_external_id,
    row.external_id,
    row.author_ref,
    row.text,
    row.inferred_sentiment,
    row.inferred_complaint,
    row.sentiment_cues,
    row.complaint_cues,
    row.inference_version,
  ];
}

export function activityStageRow(
  n: number,
  brandId: string,
  item: InteractionActivityInput,
): CopyValue[] {
  const row = newActivityRow(item);
  return [
    n,
    brandId,
    row.id,
    row.audience_id,
    row.kind,
    row.phase,
    item.intent ?? null,
    row.intent,
    row.occurred_at,
    row.reach,
    row.engagements,
    row.in_reply_to_feedback_id,
    row.in_reply_to_feedback_external_id,
    row.external_id,
  ];
}

/** Stage rows, built before the brand is locked (the text model runs here, outside the lock). */
export interface StagedRows {
  feedback: CopyValue[][];
  activities: CopyValue[][];
}

/** Builds the stage rows; the text model reads the feedback texts (in a worker thread for a batch). */
export async function stageRows(
  items: readonly StagedItem[],
  inference: TextInference,
): Promise<StagedRows> {
  const feedback = items.filter((i) => i.type === 'feedback');
  const inferred = await inference.columns(
    feedback.map(({ input }) => ({
      kind: input.kind,
      sentiment: input.sentiment ?? null,
      text: input.text ?? null,
    })),
  );
  return {
    feedback: feedback.map((f, k) => feedbackStageRow(f.n, f.brandId, f.input, inferred[k]!)),
    activities: items.flatMap((i) =>
      i.type === 'activity' ? [activityStageRow(i.n, i.brandId, i.input)] : [],
    ),
  };
}

/** Fills the staging tables: one round trip to prepare, one COPY per kind of item. */
export async function stage(m: EntityManager, rows: StagedRows): Promise<void> {
  await m.query(STAGE_PREPARE);
  await copyRows(m, STAGE_FEEDBACK, FEEDBACK_COLUMNS, rows.feedback);
  await copyRows(m, STAGE_ACTIVITIES, ACTIVITY_COLUMNS, rows.activities);
}
