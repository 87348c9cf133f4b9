import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { ApiKeyScope } from '../../shared/vocabulary';
import { ActivityEntity } from '../activities/activity.entity';
import { Activity, ActivityInput } from '../activities/activity.types';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { Feedback, FeedbackInput } from '../feedback/feedback.types';
import { RecordInteractionsInput, RecordInteractionsPayload } from './ingestion.types';

@Resolver()
export class IngestionResolver {
  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Activity, { description: 'Records one activity (idempotent by externalId).' })
  recordActivity(
    @Arg('input', () => ActivityInput) input: ActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Activity> {
    const { brandId, ...item } = input;
    return ctx.uow.write(async (scope) => {
      const result = await ctx.services.ingestion.record(scope, brandId, [item], []);
      return scope.manager.findOneByOrFail(ActivityEntity, { brandId, id: result.activityIds[0]! });
    });
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Feedback, {
    description: 'Records one feedback item (idempotent by externalId).',
  })
  recordFeedback(
    @Arg('input', () => FeedbackInput) input: FeedbackInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Feedback> {
    const { brandId, ...item } = input;
    return ctx.uow.write(async (scope) => {
      const result = await ctx.services.ingestion.record(scope, brandId, [], [item]);
      return scope.manager.findOneByOrFail(FeedbackEntity, { brandId, id: result.feedbackIds[0]! });
    });
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => RecordInteractionsPayload, {
    description:
      'Records a batch: all or nothing, idempotent by externalId, links resolved in any order.',
  })
  async recordInteractions(
    @Arg('input', () => RecordInteractionsInput) input: RecordInteractionsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordInteractionsPayload> {
    const result = await ctx.uow.write((scope) =>
      ctx.services.ingestion.record(scope, input.brandId, input.activities, input.feedback),
    );
    ctx.metrics?.ingested.inc(result.inserted);
    return result;
  }
}
