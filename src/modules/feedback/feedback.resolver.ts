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
import { ApiKeyScope, FeedbackOutcome } from '../../shared/vocabulary';
import { Audience } from '../audiences/audience.types';
import {
  Feedback,
  FeedbackFilter,
  FeedbackSignals,
  ReclassifyFeedbackInput,
} from './feedback.types';
import { EraseAuthorPayload, eraseAuthor } from './author-erasure';

export const FeedbackConnection = ConnectionType(Feedback, 'Feedback');

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => FeedbackConnection, {
    description:
      "A brand's feedback, newest first. `unanswered: true, negative: true` is the inbox of unhappy customers still waiting.",
  })
  feedback(
    @Arg('brandId', () => ID) brandId: string,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | undefined,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
  ): Promise<Connection<Feedback>> {
    const size = pageSize(first);
    return ctx.uow.read((scope) => ctx.services.feedback.list(scope, brandId, filter, size, after));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Feedback, { description: 'Marks feedback as seen, at `at` (default: now).' })
  acknowledgeFeedback(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('at', () => Date, { nullable: true }) at?: Date,
  ): Promise<Feedback> {
    return ctx.uow.write((scope) => ctx.services.feedback.acknowledge(scope, id, at));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Feedback)
  categorizeFeedback(
    @Arg('id', () => ID) id: string,
    @Arg('category', () => String) category: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Feedback> {
    return ctx.uow.write((scope) => ctx.services.feedback.categorize(scope, id, category));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Feedback, {
    description: 'ADOPTED: the feedback changed what the organization does.',
  })
  setFeedbackOutcome(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => FeedbackOutcome) outcome: FeedbackOutcome,
    @Ctx() ctx: RequestContext,
  ): Promise<Feedback> {
    return ctx.uow.write((scope) => ctx.services.feedback.setOutcome(scope, id, outcome));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Feedback, {
    description:
      "An analyst's correction of the sentiment and/or complaint flag; it beats what the caller sent and what the text said. `reset: true` drops it.",
  })
  reclassifyFeedback(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReclassifyFeedbackInput) input: ReclassifyFeedbackInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Feedback> {
    return ctx.uow.write((scope) => ctx.services.feedback.reclassify(scope, id, input));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => ID)
  deleteFeedback(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.uow.write((scope) => ctx.services.deletions.deleteFeedback(scope, id));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => EraseAuthorPayload, {
    description:
      "Data-protection erasure (admin): removes a person's feedback text and reference across the workspace; the numbers stay.",
  })
  eraseAuthor(
    @Arg('authorRef', () => String) authorRef: string,
    @Ctx() ctx: RequestContext,
  ): Promise<EraseAuthorPayload> {
    return ctx.uow.write((scope) => eraseAuthor(scope, authorRef));
  }

  @FieldResolver(() => FeedbackSignals)
  signals(@Root() item: Feedback): FeedbackSignals {
    return {
      sentimentCues: item.sentimentCues,
      complaintCues: item.complaintCues,
      inferenceVersion: item.inferenceVersion,
    };
  }

  @FieldResolver(() => Audience, { nullable: true })
  audience(@Root() item: Feedback, @Ctx() ctx: RequestContext): Promise<Audience | null> | null {
    if (item.audienceId === null) return null;
    return ctx.loaders.audience.load({ brandId: item.brandId, id: item.audienceId });
  }
}
