import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { SeriesArgs } from '../scoring/series-args';
import type { RequestContext } from '../../server/context';
import { ApiKeyScope } from '../../shared/vocabulary';
import { WindowInput } from '../../shared/window';
import { Brand } from '../brands/brand.types';
import {
  ClassificationPoint,
  GrunigClassification,
  WorkspaceOverview,
} from './classification.types';
import { classificationWindow } from './classification.service';

@Resolver()
export class ClassificationResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => GrunigClassification, {
    description:
      "Which of Grunig's models a brand practises; window default: the 90 × 24 hours ending now.",
  })
  classification(
    @Arg('brandId', () => ID) brandId: string,
    @Ctx() ctx: RequestContext,
    @Arg('window', () => WindowInput, { nullable: true }) window?: WindowInput,
    @Arg('audienceId', () => ID, { nullable: true }) audienceId?: string,
  ): Promise<GrunigClassification> {
    const w = classificationWindow(window, ctx.requestTime);
    return ctx.uow.read((scope) =>
      ctx.services.classification.classification(scope, brandId, w, audienceId),
    );
  }

  @Authorized(ApiKeyScope.READ)
  @Query(() => [ClassificationPoint], {
    description: 'Model, D, S and P per period: watch a brand move.',
  })
  classificationSeries(
    @Args(() => SeriesArgs) series: SeriesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ClassificationPoint[]> {
    return ctx.uow.read((scope) => ctx.services.classification.series(scope, series));
  }

  @Authorized(ApiKeyScope.READ)
  @Query(() => WorkspaceOverview, {
    description:
      'Brands per model and per stage, and the mean score; window default: the 90 × 24 hours ending now.',
  })
  workspaceOverview(
    @Ctx() ctx: RequestContext,
    @Arg('window', () => WindowInput, { nullable: true }) window?: WindowInput,
  ): Promise<WorkspaceOverview> {
    const w = classificationWindow(window, ctx.requestTime);
    return ctx.uow.read((scope) => ctx.services.classification.overview(scope, w));
  }
}

@Resolver(() => Brand)
export class BrandClassificationResolver {
  @FieldResolver(() => GrunigClassification, {
    description:
      'Batched across a list: shares one statement with Brand.engagement for the same window.',
  })
  async classification(
    @Root() brand: Brand,
    @Ctx() ctx: RequestContext,
    @Arg('window', () => WindowInput, { nullable: true }) window?: WindowInput,
    @Arg('audienceId', () => ID, { nullable: true }) audienceId?: string,
  ): Promise<GrunigClassification> {
    const w = classificationWindow(window, ctx.requestTime);
    const row = await ctx.loaders.brandSums(w, audienceId ?? null).load(brand.id);
    return ctx.services.classification.fromRow(row, w);
  }
}
