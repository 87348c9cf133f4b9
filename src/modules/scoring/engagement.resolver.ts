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
import { SeriesArgs } from './series-args';
import type { RequestContext } from '../../server/context';
import { ApiKeyScope } from '../../shared/vocabulary';
import { WindowInput, BrandWindowArgs } from '../../shared/window';
import { Brand } from '../brands/brand.types';
import { Workspace } from '../workspaces/workspace.types';
import { PhaseWeights, PhaseWeightsInput } from './phase-weights.types';
import { EngagementPoint, EngagementReport } from './engagement.types';

@Resolver()
export class EngagementResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => EngagementReport, {
    description:
      "A brand's engagement over [from, to) (at most 3,660 days), optionally for one audience.",
  })
  engagement(
    @Args(() => BrandWindowArgs) { brandId, window }: BrandWindowArgs,
    @Ctx() ctx: RequestContext,
    @Arg('audienceId', () => ID, { nullable: true }) audienceId?: string,
  ): Promise<EngagementReport> {
    return ctx.uow.read((scope) =>
      ctx.services.engagement.report(scope, brandId, window, audienceId),
    );
  }

  @Authorized(ApiKeyScope.READ)
  @Query(() => [EngagementPoint], {
    description:
      "Engagement per local day, Monday week or calendar month in the brand's time zone; gap-filled, edges clipped, at most 1,000 periods.",
  })
  engagementSeries(
    @Args(() => SeriesArgs) series: SeriesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<EngagementPoint[]> {
    return ctx.uow.read((scope) => ctx.services.engagement.series(scope, series));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => PhaseWeights, {
    description:
      "Sets the workspace's phase weights (non-negative, summing to 1); null restores 30/20/30/20.",
  })
  setPhaseWeights(
    @Ctx() ctx: RequestContext,
    @Arg('weights', () => PhaseWeightsInput, { nullable: true }) weights?: PhaseWeightsInput,
  ): Promise<PhaseWeights> {
    return ctx.uow.write((scope) => ctx.services.engagement.setWeights(scope, weights));
  }
}

@Resolver(() => Brand)
export class BrandEngagementResolver {
  @FieldResolver(() => EngagementReport, {
    description: 'Batched across a list of brands: one statement per list.',
  })
  async engagement(
    @Root() brand: Brand,
    @Arg('window', () => WindowInput) window: WindowInput,
    @Ctx() ctx: RequestContext,
    @Arg('audienceId', () => ID, { nullable: true }) audienceId?: string,
  ): Promise<EngagementReport> {
    const row = await ctx.loaders.brandSums(window, audienceId ?? null).load(brand.id);
    return ctx.services.engagement.reportFromRow(row, window);
  }
}

@Resolver(() => Workspace)
export class WorkspaceWeightsResolver {
  @FieldResolver(() => PhaseWeights, {
    description: 'The phase weights every report of this workspace uses.',
  })
  phaseWeights(@Root() _workspace: Workspace, @Ctx() ctx: RequestContext): Promise<PhaseWeights> {
    return ctx.uow.read((scope) => ctx.services.engagement.weights(scope));
  }
}
