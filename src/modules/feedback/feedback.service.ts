import { findInScope, findOrNull, type Scope, type WriteScope } from '../../db/scope';
import type { Connection } from '../../shared/connection';
import { ValidationError } from '../../shared/domain-error';
import { CursorScope } from '../../shared/cursor';
import { timeOrderedPage } from '../../shared/sql-page';
import { windowProblems } from '../../shared/window';
import { isUuid, Problems } from '../../shared/validate';
import { type FeedbackOutcome, NEEDS_RESPONSE_KINDS } from '../../shared/vocabulary';
import { NEGATIVE } from '../rollups/sum-definitions';
import type { BrandService } from '../brands/brand.service';
import { MAX_CATEGORY } from './feedback-limits';
import { FeedbackEntity } from './feedback.entity';
import type { FeedbackFilter, ReclassifyFeedbackInput } from './feedback.types';
import { reclassifyProblems } from './reclassification';

/** At most this many externalIds in one filter. */
export const MAX_FILTER_EXTERNAL_IDS = 100;

/** Narrows a listing to some items: those a write touched, or those changed since a time. */
export interface FeedbackSubset {
  readonly ids?: readonly string[];
  readonly changedSince?: Date;
}

export class FeedbackService {
  constructor(private readonly brands: BrandService) {}

  async find(scope: Scope, id: string): Promise<FeedbackEntity | null> {
    return findOrNull(scope, FeedbackEntity, id);
  }

  async list(
    scope: Scope,
    brandId: string,
    filter: FeedbackFilter | null | undefined,
    first: number,
    after: string | null | undefined,
    only?: FeedbackSubset,
  ): Promise<Connection<FeedbackEntity>> {
    const problems = windowProblems(filter?.window, 'filter.window');
    if ((filter?.externalIds?.length ?? 0) > MAX_FILTER_EXTERNAL_IDS)
      problems.push({
        field: 'filter.externalIds',
        reason: `must hold at most ${MAX_FILTER_EXTERNAL_IDS} ids`,
      });
    if (problems.length) throw new ValidationError(problems);
    const brand = await this.brands.require(scope, brandId);
    const q = scope.manager
      .createQueryBuilder(FeedbackEntity, 'f')
      .where('f.brand_id = :brandId AND f.workspace_id = :workspaceId', {
        brandId: brand.id,
        workspaceId: scope.workspaceId,
      });
    // live feeds (src/modules/live) match the items a write touched with this very filter
    if (only?.ids) q.andWhere('f.id = ANY(:onlyIds)', { onlyIds: only.ids });
    if (only?.changedSince)
      q.andWhere('greatest(f.created_at, f.updated_at) >= :changedSince', only);
    if (filter?.window) {
      q.andWhere('f.received_at >= :from AND f.received_at < :to', filter.window);
    }
    if (filter?.kinds?.length) q.andWhere('f.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter?.audienceId != null) {
      q.andWhere('f.audience_id = :audienceId', {
        audienceId: isUuid(filter.audienceId) ? filter.audienceId : null,
      });
    }
    if (filter?.needsResponse != null) {
      q.andWhere(`f.kind ${filter.needsResponse ? '' : 'NOT'} IN (:...needs)`, {
        needs: NEEDS_RESPONSE_KINDS,
      });
    }
    if (filter?.unanswered != null) {
      q.andWhere(`f.first_response_at IS ${filter.unanswered ? '' : 'NOT'} NULL`);
    }
    // the model's one predicate (a stored column), as the sums and the inbox count it
    if (filter?.negative != null) q.andWhere(filter.negative ? NEGATIVE : `NOT ${NEGATIVE}`);
    if (filter?.complaint != null)
      q.andWhere(`${filter.complaint ? '' : 'NOT'} f.effective_complaint`);
    if (filter?.sentimentSources != null) {
      q.andWhere('f.sentiment_source = ANY(:sources)', { sources: filter.sentimentSources });
    }
    if (filter?.externalIds != null) {
      q.andWhere('f.external_id = ANY(:externalIds)', { externalIds: filter.externalIds });
    }
    if (filter?.outcome != null) q.andWhere('f.outcome = :outcome', { outcome: filter.outcome });
    return timeOrderedPage(
      q,
      'received_at',
      (f) => f.receivedAt,
      first,
      after,
      new CursorScope('feedback', brand.id, filter),
    );
  }

  async acknowledge(
    scope: WriteScope,
    id: string,
    at: Date | null | undefined,
  ): Promise<FeedbackEntity> {
    const when = at ?? new Date();
    const problems = new Problems();
    problems.time('at', when, new Date());
    if (problems.list.length) throw new ValidationError(problems.list);
    return this.change(scope, id, { acknowledgedAt: when });
  }

  async categorize(scope: WriteScope, id: string, category: string): Promise<FeedbackEntity> {
    const problems = new Problems();
    problems.text('category', category, MAX_CATEGORY, true);
    if (problems.list.length) throw new ValidationError(problems.list);
    return this.change(scope, id, { category: category.trim() });
  }

  async setOutcome(
    scope: WriteScope,
    id: string,
    outcome: FeedbackOutcome,
  ): Promise<FeedbackEntity> {
    return this.change(scope, id, { outcome });
  }

  /**
   * An analyst's correction, which beats what the caller sent and what the
   * text model read; `reset` drops the corrections. The rollups follow at
   * commit (scope.changes), so every number uses the corrected values.
   */
  async reclassify(
    scope: WriteScope,
    id: string,
    input: ReclassifyFeedbackInput,
  ): Promise<FeedbackEntity> {
    const problems = reclassifyProblems(input);
    if (problems.length) throw new ValidationError(problems);
    const item = await this.lockedItem(scope, id);
    const key = { brandId: item.brandId, id: item.id };
    const changes = input.reset
      ? { correctedSentiment: null, correctedComplaint: null }
      : {
          ...(input.sentiment != null ? { correctedSentiment: input.sentiment } : {}),
          ...(input.complaint != null ? { correctedComplaint: input.complaint } : {}),
        };
    await scope.manager.update(FeedbackEntity, key, changes);
    scope.changes.feedback(item.brandId, [item.id]);
    return scope.manager.findOneByOrFail(FeedbackEntity, key);
  }

  private async change(
    scope: WriteScope,
    id: string,
    changes: Partial<Pick<FeedbackEntity, 'acknowledgedAt' | 'category' | 'outcome'>>,
  ): Promise<FeedbackEntity> {
    const item = await this.lockedItem(scope, id);
    const key = { brandId: item.brandId, id: item.id };
    await scope.manager.update(FeedbackEntity, key, changes);
    scope.changes.feedback(item.brandId, [item.id]);
    return scope.manager.findOneByOrFail(FeedbackEntity, key);
  }

  /** The item, with its brand locked for writing (the lock order every writer uses). */
  async lockedItem(scope: Scope, id: string): Promise<FeedbackEntity> {
    const item = await findInScope(scope, FeedbackEntity, 'Feedback', id);
    await this.brands.require(scope, item.brandId, true);
    return item;
  }
}
