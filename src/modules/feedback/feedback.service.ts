import { findInScope, findOrNull, type Scope, type WriteScope } from '../../db/scope';
import type { Connection } from '../../shared/connection';
import { ValidationError } from '../../shared/domain-error';
import { CursorScope } from '../../shared/cursor';
import { timeOrderedPage } from '../../shared/sql-page';
import { windowProblems } from '../../shared/window';
import { isUuid, Problems } from '../../shared/validate';
import {
  type FeedbackOutcome,
  NEEDS_RESPONSE_KINDS,
  NEGATIVE_SENTIMENT_BELOW,
} from '../../shared/vocabulary';
import type { BrandService } from '../brands/brand.service';
import { MAX_CATEGORY } from './feedback-limits';
import { FeedbackEntity } from './feedback.entity';
import type { FeedbackFilter } from './feedback.types';

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
    if (filter?.negative != null) {
      const negative = `(f.kind = 'COMPLAINT' OR coalesce(f.sentiment < :below, false))`;
      q.andWhere(filter.negative ? negative : `NOT ${negative}`, {
        below: NEGATIVE_SENTIMENT_BELOW,
      });
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
