import type { EntityManager } from 'typeorm';
import type { Connection } from '../../shared/connection';
import { NotFoundError, ValidationError } from '../../shared/domain-error';
import { CursorScope } from '../../shared/cursor';
import { timeOrderedPage } from '../../shared/sql-page';
import { windowProblems } from '../../shared/window';
import { isUuid } from '../../shared/validate';
import type { BrandService } from '../brands/brand.service';
import { ReplyLinks } from '../ingestion/reply-links';
import { RollupWriter } from '../rollups/rollup-writer';
import { ActivityEntity } from './activity.entity';
import type { ActivityFilter } from './activity.types';

export class ActivityService {
  constructor(
    private readonly brands: BrandService,
    private readonly links = new ReplyLinks(),
    private readonly rollups = new RollupWriter(),
  ) {}

  async find(m: EntityManager, workspaceId: string, id: string): Promise<ActivityEntity | null> {
    return isUuid(id) ? m.findOneBy(ActivityEntity, { id, workspaceId }) : null;
  }

  async list(
    m: EntityManager,
    workspaceId: string,
    brandId: string,
    filter: ActivityFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Connection<ActivityEntity>> {
    const problems = windowProblems(filter?.window, 'filter.window');
    if (problems.length) throw new ValidationError(problems);
    const brand = await this.brands.require(m, workspaceId, brandId);
    const q = m
      .createQueryBuilder(ActivityEntity, 'a')
      .where('a.brand_id = :brandId AND a.workspace_id = :workspaceId', {
        brandId: brand.id,
        workspaceId,
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

  /** Deletes an activity; the feedback it answered gets its firstResponseAt recomputed. */
  async delete(m: EntityManager, workspaceId: string, id: string): Promise<string> {
    const activity = await this.find(m, workspaceId, id);
    if (!activity) throw new NotFoundError('Activity', id);
    await this.brands.require(m, workspaceId, activity.brandId, true);
    const answered = await this.links.detachActivity(m, activity.brandId, activity.id);
    const keys = await this.rollups.keysOf(m, activity.brandId, answered, [activity.id]);
    await m.delete(ActivityEntity, { brandId: activity.brandId, id: activity.id });
    await this.links.refreshFirstResponse(m, activity.brandId, answered);
    await this.rollups.refresh(m, activity.brandId, keys);
    return activity.id;
  }
}
