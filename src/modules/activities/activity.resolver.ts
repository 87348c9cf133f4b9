import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { type Connection, ConnectionType, pageSize, ConnectionArgs } from '../../shared/connection';
import { ApiKeyScope } from '../../shared/vocabulary';
import { Audience } from '../audiences/audience.types';
import { Activity, ActivityFilter } from './activity.types';

export const ActivityConnection = ConnectionType(Activity, 'Activity');

@Resolver(() => Activity)
export class ActivityResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => ActivityConnection, { description: "A brand's activities, newest first." })
  activities(
    @Arg('brandId', () => ID) brandId: string,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | undefined,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
  ): Promise<Connection<Activity>> {
    const size = pageSize(first);
    return ctx.uow.read((scope) =>
      ctx.services.activities.list(scope, brandId, filter, size, after),
    );
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => ID, {
    description: 'Deletes an activity; replies it was are unlinked and recomputed.',
  })
  deleteActivity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.uow.write((scope) => ctx.services.deletions.deleteActivity(scope, id));
  }

  @FieldResolver(() => Audience, { nullable: true })
  audience(
    @Root() activity: Activity,
    @Ctx() ctx: RequestContext,
  ): Promise<Audience | null> | null {
    if (activity.audienceId === null) return null;
    return ctx.loaders.audience.load({ brandId: activity.brandId, id: activity.audienceId });
  }
}
