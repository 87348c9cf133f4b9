import type { FieldProblem } from '../../shared/domain-error';
import { isUuid, Problems } from '../../shared/validate';
import { EngagementPhase, phaseOfKind } from '../../shared/vocabulary';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import { MAX_AUTHOR_REF, MAX_CATEGORY, MAX_TEXT } from '../feedback/feedback-limits';

export const MAX_BATCH_ITEMS = 1000;
export const MAX_EXTERNAL_ID = 256;

/**
 * Checks everything about a batch that needs no database. A problem's
 * `index` is the item's position in its own list, and its `field` names the
 * list too (`feedback[3].sentiment`).
 */
export function validateBatch(
  activities: readonly InteractionActivityInput[],
  feedback: readonly InteractionFeedbackInput[],
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const total = activities.length + feedback.length;
  if (total > MAX_BATCH_ITEMS) {
    return [
      {
        field: 'activities+feedback',
        reason: `at most ${MAX_BATCH_ITEMS} items per batch, got ${total}`,
      },
    ];
  }
  activities.forEach((item, i) => problems.push(...validateActivity(item, i, now)));
  feedback.forEach((item, j) => problems.push(...validateFeedback(item, j, now)));
  problems.push(...duplicateExternalIds(activities, 'activities'));
  problems.push(...duplicateExternalIds(feedback, 'feedback'));
  return problems;
}

export function validateActivity(
  item: InteractionActivityInput,
  index: number,
  now: Date,
): FieldProblem[] {
  const p = new Problems(index);
  const at = (field: string) => `activities[${index}].${field}`;
  p.time(at('occurredAt'), item.occurredAt, now);
  p.count(at('reach'), item.reach);
  p.count(at('engagements'), item.engagements);
  p.text(at('externalId'), item.externalId, MAX_EXTERNAL_ID);
  p.text(at('inReplyToFeedbackExternalId'), item.inReplyToFeedbackExternalId, MAX_EXTERNAL_ID);
  if (item.externalId != null && item.externalId.trim() === '')
    p.add(at('externalId'), 'must not be blank');
  if (item.audienceId != null && !isUuid(item.audienceId))
    p.add(at('audienceId'), 'is not an audience id');
  if (item.inReplyToFeedbackId != null && !isUuid(item.inReplyToFeedbackId)) {
    p.add(at('inReplyToFeedbackId'), 'is not a feedback id');
  }
  const answers = item.inReplyToFeedbackId != null || item.inReplyToFeedbackExternalId != null;
  if (answers && phaseOfKind(item.kind) !== EngagementPhase.INTERACTING) {
    p.add(at('kind'), 'only INTERACTING activities (REPLY, DIRECT_MESSAGE, …) can answer feedback');
  }
  return p.list;
}

export function validateFeedback(
  item: InteractionFeedbackInput,
  index: number,
  now: Date,
): FieldProblem[] {
  const p = new Problems(index);
  const at = (field: string) => `feedback[${index}].${field}`;
  p.time(at('receivedAt'), item.receivedAt, now);
  p.time(at('acknowledgedAt'), item.acknowledgedAt, now);
  if (item.sentiment != null && !(item.sentiment >= -1 && item.sentiment <= 1)) {
    p.add(at('sentiment'), 'must be from -1 to 1');
  }
  p.text(at('externalId'), item.externalId, MAX_EXTERNAL_ID);
  if (item.externalId != null && item.externalId.trim() === '')
    p.add(at('externalId'), 'must not be blank');
  p.text(at('inReplyToActivityExternalId'), item.inReplyToActivityExternalId, MAX_EXTERNAL_ID);
  p.text(at('category'), item.category, MAX_CATEGORY);
  if (item.category != null && item.category.trim() === '')
    p.add(at('category'), 'must not be blank');
  p.text(at('text'), item.text, MAX_TEXT);
  p.text(at('authorRef'), item.authorRef, MAX_AUTHOR_REF);
  if (item.audienceId != null && !isUuid(item.audienceId))
    p.add(at('audienceId'), 'is not an audience id');
  return p.list;
}

function duplicateExternalIds(
  items: readonly { externalId?: string | null }[],
  list: string,
): FieldProblem[] {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (item.externalId == null) return;
    const first = seen.get(item.externalId);
    if (first === undefined) seen.set(item.externalId, i);
    else {
      problems.push({
        index: i,
        field: `${list}[${i}].externalId`,
        reason: `repeats the externalId of ${list}[${first}] in this batch`,
      });
    }
  });
  return problems;
}
