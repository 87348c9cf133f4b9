import { randomUUID } from 'node:crypto';
import { defaultIntentOfKind, phaseOfKind, type ActivityIntent } from '../../shared/vocabulary';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { InferredColumns } from '../feedback/feedback-inference';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';

export function newActivityRow(item: InteractionActivityInput) {
  const intent: ActivityIntent = item.intent ?? defaultIntentOfKind(item.kind);
  return {
    id: randomUUID(),
    audience_id: item.audienceId ?? null,
    kind: item.kind,
    phase: phaseOfKind(item.kind),
    intent,
    occurred_at: item.occurredAt,
    reach: item.reach ?? null,
    engagements: item.engagements ?? null,
    in_reply_to_feedback_id: item.inReplyToFeedbackId ?? null,
    in_reply_to_feedback_external_id: item.inReplyToFeedbackExternalId ?? null,
    external_id: item.externalId ?? null,
  };
}

/** A new feedback row: what the caller sent, and what the text model read (`inferred`, text-inference.ts). */
export function newFeedbackRow(item: InteractionFeedbackInput, inferred: InferredColumns) {
  const sentiment = item.sentiment ?? null;
  const text = item.text ?? null;
  return {
    id: randomUUID(),
    audience_id: item.audienceId ?? null,
    kind: item.kind,
    sentiment,
    received_at: item.receivedAt,
    acknowledged_at: item.acknowledgedAt ?? null,
    category: item.category?.trim() ?? null,
    outcome: item.outcome ?? 'NONE',
    in_reply_to_activity_external_id: item.inReplyToActivityExternalId ?? null,
    external_id: item.externalId ?? null,
    author_ref: item.authorRef ?? null,
    text,
    // read in the write's transaction, so the rollups count the effective values from the start
    ...inferred,
  };
}

export type NewActivityRow = ReturnType<typeof newActivityRow>;
export type NewFeedbackRow = ReturnType<typeof newFeedbackRow>;
