import { findOrNull, type Scope } from '../../db/scope';
import type { Connection } from '../../shared/connection';
import { ValidationError } from '../../shared/domain-error';
import { CursorScope } from '../../shared/cursor';
import { timeOrderedPage } from '../../shared/sql-page';
import { windowProblems } from '../../shared/window';
import { isUuid } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import { ActivityEntity } from './activity.entity';
import type { ActivityFilter } from './activity.types';

export class ActivityService {
  constructor(private readonly brands: BrandService) {}

  async find(scope: Scope, id: string): Promise<ActivityEntity | null> {
    return findOrNull(scope, ActivityEntity, id);
  }

  async list(
    scope: Scope,
    brandId: string,
    filter: ActivityFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Connection<ActivityEntity>> {
    const problems = windowProblems(filter?.window, 'filter.window');
    if (problems.length) throw new ValidationError(problems);
    const brand = await this.brands.require(scope, brandId);
    const q = scope.manager
      .createQueryBuilder(ActivityEntity, 'a')
      .where('a.brand_id = :brandId AND a.workspace_id = :workspaceId', {
        brandId: brand.id,
        workspaceId: scope.workspaceId,
      });
    if (filter?.window) q.andWhere('a.occurred_at >= :from AND a.occurred_at < :to', filter.window);
    if (filter?.kinds?.length) q.andWhere('a.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter?.phases?.length) q.andWhere('a.phase IN (:...phases)', { phases: filter.phases });
    if (filter?.audienceId != null) {
      q.andWhere('a.audience_id = :audienceId', {
        audienceId: isUuid(filter.audienceId) ? filter.audienceId : null,
      });
    }
    return timeOrderedPage(
      q,
      'occurred_at',
      (a) => a.occurredAt,
      first,
      after,
      new CursorScope('activities', brand.id, filter),
    );
  }
}
