import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import type { Connection } from '../../shared/connection';
import { ApiKeyScope } from '../../shared/vocabulary';
import type { EngagementRowData } from './engagement-row-columns';
import { EngagementRowConnection, EngagementRowFilter } from './engagement-row.types';

@Resolver()
export class EngagementRowsResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => EngagementRowConnection, {
    description:
      'Flat rows for BI connectors: brand × audience × period, in a stable order; up to 1,000 a page. Also as CSV/JSON Lines: GET /export/engagement.csv|.jsonl.',
  })
  engagementRows(
    @Arg('filter', () => EngagementRowFilter) filter: EngagementRowFilter,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 1,000.' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<EngagementRowData>> {
    return ctx.uow.read((scope) => ctx.services.engagementRows.page(scope, filter, first, after));
  }
}
