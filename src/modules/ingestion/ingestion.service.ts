import type { EntityManager } from 'typeorm';
import type { WriteScope } from '../../db/scope';
import { ConflictError, ValidationError, type FieldProblem } from '../../shared/domain-error';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { BrandService } from '../brands/brand.service';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import {
  planActivity,
  planFeedback,
  type NewActivityRow,
  type NewFeedbackRow,
  type Plan,
} from './interaction-rows';
import { InteractionStore } from './interaction-store';
import { validateBatch } from './interaction-validation';
import type { ReplyLinks } from './reply-links';

export interface IngestionResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The stored id of every item, in the order sent. */
  activityIds: string[];
  feedbackIds: string[];
}

/**
 * Records activities and feedback of one brand: validates the whole batch,
 * then writes it atomically. Used by recordActivity, recordFeedback,
 * recordInteractions and the importers alike.
 */
export class IngestionService {
  constructor(
    private readonly brands: BrandService,
    private readonly links: ReplyLinks,
    private readonly store = new InteractionStore(),
  ) {}

  async record(
    scope: WriteScope,
    brandId: string,
    activities: readonly InteractionActivityInput[],
    feedback: readonly InteractionFeedbackInput[],
    now = new Date(),
  ): Promise<IngestionResult> {
    const problems = validateBatch(activities, feedback, now);
    if (problems.length) throw new ValidationError(problems);
    // The brand's row lock serialises its writers: concurrent batches cannot
    // deadlock on each other's rows, and external-id links always resolve.
    const brand = await this.brands.require(scope, brandId, true);
    const m = scope.manager;
    await this.checkReferences(m, brand.id, activities, feedback);

    const storedActivities = await this.store.existingActivities(
      m,
      brand.id,
      externalIds(activities),
    );
    const storedFeedback = await this.store.existingFeedback(m, brand.id, externalIds(feedback));
    const byActivityExt = new Map(storedActivities.map((r) => [r.external_id, r]));
    const byFeedbackExt = new Map(storedFeedback.map((r) => [r.external_id, r]));
    const conflicts: FieldProblem[] = [];
    const activityPlans = activities.map((item, i) =>
      planActivity(
        item,
        i,
        item.externalId == null ? undefined : byActivityExt.get(item.externalId),
        conflicts,
      ),
    );
    const feedbackPlans = feedback.map((item, j) =>
      planFeedback(
        item,
        j,
        item.externalId == null ? undefined : byFeedbackExt.get(item.externalId),
        conflicts,
      ),
    );
    if (conflicts.length) {
      throw new ConflictError(
        `${conflicts.length} item(s) change immutable fields of stored items; nothing was written`,
        conflicts,
      );
    }

    const newFeedback = inserts(feedbackPlans);
    const newActivities = inserts(activityPlans);
    await this.links.prelink(m, brand.id, newActivities, newFeedback);
    await this.store.insertFeedback(m, scope.workspaceId, brand.id, newFeedback);
    await this.store.insertActivities(m, scope.workspaceId, brand.id, newActivities);
    await this.store.updateActivities(m, brand.id, updates(activityPlans));
    await this.store.updateFeedback(m, brand.id, updates(feedbackPlans));
    const answered = await this.links.resolve(
      m,
      brand.id,
      newActivities.map((r) => r.id),
      newFeedback.map((r) => r.id),
    );
    await this.links.refreshFirstResponse(m, brand.id, answered);
    const changed = <P extends { kind: string; id: string }>(plans: P[]) =>
      plans.filter((p) => p.kind !== 'unchanged').map((p) => p.id);
    scope.changes.feedback(brand.id, [...changed(feedbackPlans), ...answered]);
    scope.changes.activities(brand.id, changed(activityPlans));

    const all = [...activityPlans, ...feedbackPlans];
    return {
      inserted: all.filter((p) => p.kind === 'insert').length,
      updated: all.filter((p) => p.kind === 'update').length,
      unchanged: all.filter((p) => p.kind === 'unchanged').length,
      activityIds: activityPlans.map((p) => p.id),
      feedbackIds: feedbackPlans.map((p) => p.id),
    };
  }

  /** Audiences and answered feedback named by id must be this brand's. */
  private async checkReferences(
    m: EntityManager,
    brandId: string,
    activities: readonly InteractionActivityInput[],
    feedback: readonly InteractionFeedbackInput[],
  ): Promise<void> {
    const audienceIds = [...activities, ...feedback].map((i) => i.audienceId).filter(isSet);
    const answeredIds = activities.map((a) => a.inReplyToFeedbackId).filter(isSet);
    const audiences = await this.store.existingIds(m, 'audiences', brandId, [
      ...new Set(audienceIds),
    ]);
    const answered = await this.store.existingIds(m, 'feedback', brandId, [
      ...new Set(answeredIds),
    ]);
    const problems: FieldProblem[] = [];
    const missing = (list: string, i: number, field: string, what: string) =>
      problems.push({
        index: i,
        field: `${list}[${i}].${field}`,
        reason: `no such ${what} for this brand`,
      });
    activities.forEach((a, i) => {
      if (a.audienceId != null && !audiences.has(a.audienceId))
        missing('activities', i, 'audienceId', 'audience');
      if (a.inReplyToFeedbackId != null && !answered.has(a.inReplyToFeedbackId)) {
        missing('activities', i, 'inReplyToFeedbackId', 'feedback');
      }
    });
    feedback.forEach((f, j) => {
      if (f.audienceId != null && !audiences.has(f.audienceId))
        missing('feedback', j, 'audienceId', 'audience');
    });
    if (problems.length) throw new ValidationError(problems);
  }
}

function isSet(value: string | null | undefined): value is string {
  return value !== null && value !== undefined;
}

function externalIds(items: readonly { externalId?: string | null }[]): string[] {
  return items.map((i) => i.externalId).filter(isSet);
}

function inserts<Row>(plans: Plan<Row>[]): Row[] {
  return plans.flatMap((p) => (p.kind === 'insert' ? [p.row] : []));
}

function updates<Row>(plans: Plan<Row>[]): { id: string; changes: Partial<Row> }[] {
  return plans.flatMap((p) => (p.kind === 'update' ? [{ id: p.id, changes: p.changes }] : []));
}

export type { NewActivityRow, NewFeedbackRow };
