import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { WindowInput } from '../../shared/window';
import { ActivityIntent, ActivityKind, EngagementPhase } from '../../shared/vocabulary';

@ObjectType({ description: 'Something the brand does: a post, a reply, a survey, an analysis…' })
export class Activity {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  brandId!: string;

  @Field(() => ID, { nullable: true })
  audienceId!: string | null;

  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => EngagementPhase, { description: 'Derived from the kind.' })
  phase!: EngagementPhase;

  @Field(() => ActivityIntent)
  intent!: ActivityIntent;

  @Field()
  occurredAt!: Date;

  @Field(() => Int, { nullable: true })
  reach!: number | null;

  @Field(() => Int, { nullable: true })
  engagements!: number | null;

  @Field(() => ID, { nullable: true, description: 'The feedback item this answers, once known.' })
  inReplyToFeedbackId!: string | null;

  @Field(() => String, { nullable: true })
  inReplyToFeedbackExternalId!: string | null;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@InputType({ description: "An item of recordInteractions: the brand is the batch's." })
export class InteractionActivityInput {
  @Field(() => ID, { nullable: true })
  audienceId?: string | null;

  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => ActivityIntent, {
    nullable: true,
    description: "Default: the kind's default intent.",
  })
  intent?: ActivityIntent | null;

  @Field()
  occurredAt!: Date;

  @Field(() => Int, { nullable: true })
  reach?: number | null;

  @Field(() => Int, { nullable: true })
  engagements?: number | null;

  @Field(() => ID, { nullable: true })
  inReplyToFeedbackId?: string | null;

  @Field(() => String, { nullable: true, description: 'May name feedback that arrives later.' })
  inReplyToFeedbackExternalId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unique per brand: makes replays idempotent.',
  })
  externalId?: string | null;
}

@InputType()
export class ActivityInput extends InteractionActivityInput {
  @Field(() => ID)
  brandId!: string;
}

@InputType()
export class ActivityFilter {
  @Field(() => WindowInput, { nullable: true, description: 'occurredAt in [from, to).' })
  window?: WindowInput | null;

  @Field(() => [ActivityKind], { nullable: true })
  kinds?: ActivityKind[] | null;

  @Field(() => [EngagementPhase], { nullable: true })
  phases?: EngagementPhase[] | null;

  @Field(() => ID, { nullable: true })
  audienceId?: string | null;
}
