import { randomUUID } from 'node:crypto';
import type { FieldProblem } from '../../shared/domain-error';
import { defaultIntentOfKind, phaseOfKind, type ActivityIntent } from '../../shared/vocabulary';
import type { InteractionActivityInput } from '../activities/activity.types';
import { inferredColumns } from '../feedback/feedback-inference';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';

/** A stored activity as ingestion compares it (snake_case, as the database returns it). */
export interface StoredActivity {
  id: string;
  audience_id: string | null;
  kind: string;
  intent: string;
  occurred_at: Date;
  reach: number | null;
  engagements: number | null;
  in_reply_to_feedback_id: string | null;
  in_reply_to_feedback_external_id: string | null;
  external_id: string;
}

export interface StoredFeedback {
  id: string;
  audience_id: string | null;
  kind: string;
  sentiment: number | null;
  received_at: Date;
  acknowledged_at: Date | null;
  category: string | null;
  outcome: string;
  in_reply_to_activity_external_id: string | null;
  external_id: string;
  author_ref: string | null;
  text: string | null;
}

export type Plan<Row> =
  | { kind: 'insert'; id: string; row: Row }
  | { kind: 'update'; id: string; changes: Partial<Row> }
  | { kind: 'unchanged'; id: string };

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** Immutable fields: a replay may omit them, but not change them. */
function conflicts(
  pairs: [field: string, given: unknown, stored: unknown][],
  list: string,
  index: number,
): FieldProblem[] {
  return pairs
    .filter(([, given, stored]) => given !== null && given !== undefined && !same(given, stored))
    .map(([field]) => ({
      index,
      field: `${list}[${index}].${field}`,
      reason: 'differs from the stored item with this externalId, and cannot change',
    }));
}

/** Mutable fields: a replay's value replaces the stored one; absent or null leaves it. */
function changes<Row>(
  pairs: [column: keyof Row & string, given: unknown, stored: unknown][],
): Partial<Row> {
  const changed: Partial<Row> = {};
  for (const [column, given, stored] of pairs) {
    if (given !== null && given !== undefined && !same(given, stored)) {
      (changed as Record<string, unknown>)[column] = given;
    }
  }
  return changed;
}

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

export function newFeedbackRow(item: InteractionFeedbackInput) {
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
    ...inferredColumns(item.kind, sentiment, text),
  };
}

export type NewActivityRow = ReturnType<typeof newActivityRow>;
export type NewFeedbackRow = ReturnType<typeof newFeedbackRow>;

export function planActivity(
  item: InteractionActivityInput,
  index: number,
  stored: StoredActivity | undefined,
  problems: FieldProblem[],
): Plan<NewActivityRow> {
  if (!stored) {
    const row = newActivityRow(item);
    return { kind: 'insert', id: row.id, row };
  }
  problems.push(
    ...conflicts(
      [
        ['audienceId', item.audienceId, stored.audience_id],
        ['kind', item.kind, stored.kind],
        ['intent', item.intent, stored.intent],
        ['occurredAt', item.occurredAt, stored.occurred_at],
        ['inReplyToFeedbackId', item.inReplyToFeedbackId, stored.in_reply_to_feedback_id],
        [
          'inReplyToFeedbackExternalId',
          item.inReplyToFeedbackExternalId,
          stored.in_reply_to_feedback_external_id,
        ],
      ],
      'activities',
      index,
    ),
  );
  const changed = changes<NewActivityRow>([
    ['reach', item.reach, stored.reach],
    ['engagements', item.engagements, stored.engagements],
  ]);
  return Object.keys(changed).length
    ? { kind: 'update', id: stored.id, changes: changed }
    : { kind: 'unchanged', id: stored.id };
}

export function planFeedback(
  item: InteractionFeedbackInput,
  index: number,
  stored: StoredFeedback | undefined,
  problems: FieldProblem[],
): Plan<NewFeedbackRow> {
  if (!stored) {
    const row = newFeedbackRow(item);
    return { kind: 'insert', id: row.id, row };
  }
  problems.push(
    ...conflicts(
      [
        ['audienceId', item.audienceId, stored.audience_id],
        ['kind', item.kind, stored.kind],
        ['sentiment', item.sentiment, stored.sentiment],
        ['receivedAt', item.receivedAt, stored.received_at],
        [
          'inReplyToActivityExternalId',
          item.inReplyToActivityExternalId,
          stored.in_reply_to_activity_external_id,
        ],
      ],
      'feedback',
      index,
    ),
  );
  const changed = changes<NewFeedbackRow>([
    ['acknowledged_at', item.acknowledgedAt, stored.acknowledged_at],
    ['category', item.category?.trim(), stored.category],
    ['outcome', item.outcome, stored.outcome],
    ['text', item.text, stored.text],
    ['author_ref', item.authorRef, stored.author_ref],
  ]);
  // a new text is read again (kind and provided sentiment are immutable, so the stored ones hold)
  if (changed.text)
    Object.assign(changed, inferredColumns(stored.kind, stored.sentiment, changed.text));
  return Object.keys(changed).length
    ? { kind: 'update', id: stored.id, changes: changed }
    : { kind: 'unchanged', id: stored.id };
}
