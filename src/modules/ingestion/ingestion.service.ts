import type { WriteScope } from '../../db/scope';
import { ConflictError, ValidationError, type FieldProblem } from '../../shared/domain-error';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { BrandService } from '../brands/brand.service';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';
import type { StagedItem } from './interaction-stage';
import { type InteractionMerge, type MergeVerdict } from './interaction-merge';
import { validateBatch } from './interaction-validation';

export interface IngestionResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The stored id of every item, in the order sent. */
  activityIds: string[];
  feedbackIds: string[];
}

/**
 * Records activities and feedback of one brand, all or nothing: validates
 * the whole batch, then merges it with the set-based path the bulk route
 * uses (interaction-merge.ts). Used by recordActivity, recordFeedback and
 * recordInteractions.
 */
export class IngestionService {
  constructor(
    private readonly brands: BrandService,
    private readonly merge: InteractionMerge,
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
    const m = scope.manager;
    const items: StagedItem[] = [
      ...activities.map((input, n) => ({ type: 'activity' as const, n, brandId, input })),
      ...feedback.map((input, n) => ({ type: 'feedback' as const, n, brandId, input })),
    ];
    // staged before the lock: the rows (and what the text model reads) are built outside it
    await this.merge.stage(m, items);
    // The brand's row lock serialises its writers: concurrent batches cannot
    // deadlock on each other's rows, and external-id links always resolve.
    await this.brands.require(scope, brandId, true);
    const verdicts = await this.merge.plan(m);
    throwProblems(verdicts);
    await this.merge.write(scope, verdicts);

    const ids = (type: MergeVerdict['type']) =>
      verdicts
        .filter((v) => v.type === type)
        .sort((a, b) => a.n - b.n)
        .map((v) => v.id);
    const counted = (action: MergeVerdict['action']) =>
      verdicts.filter((v) => v.action === action).length;
    return {
      inserted: counted('insert'),
      updated: counted('update'),
      unchanged: counted('unchanged'),
      activityIds: ids('activity'),
      feedbackIds: ids('feedback'),
    };
  }
}

/** A batch is all or nothing: missing references first (BAD_USER_INPUT), then conflicts. */
function throwProblems(verdicts: readonly MergeVerdict[]): void {
  const of = (kind: 'reference' | 'conflict'): FieldProblem[] =>
    verdicts
      .filter((v) => v.action === 'reject')
      .sort((a, b) => (a.type === b.type ? a.n - b.n : a.type === 'activity' ? -1 : 1))
      .flatMap((v) =>
        v.problems
          .filter((p) => p.kind === kind)
          .map((p) => {
            const list = v.type === 'activity' ? 'activities' : 'feedback';
            return { index: v.n, field: `${list}[${v.n}].${p.field}`, reason: p.reason };
          }),
      );
  const missing = of('reference');
  if (missing.length) throw new ValidationError(missing);
  const conflicts = of('conflict');
  if (conflicts.length) {
    throw new ConflictError(
      `${conflicts.length} item(s) change immutable fields of stored items; nothing was written`,
      conflicts,
    );
  }
}
