import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { WindowInput } from '../../shared/window';
import { FeedbackKind, FeedbackOutcome } from '../../shared/vocabulary';

@ObjectType({ description: 'Something the audience says to or about the brand.' })
export class Feedback {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  brandId!: string;

  @Field(() => ID, { nullable: true })
  audienceId!: string | null;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field(() => Float, { nullable: true, description: '−1 (negative) … 1 (positive).' })
  sentiment!: number | null;

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Earliest reply (INTERACTING activity) linked to this item.',
  })
  firstResponseAt!: Date | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => FeedbackOutcome)
  outcome!: FeedbackOutcome;

  @Field(() => ID, { nullable: true })
  inReplyToActivityId!: string | null;

  @Field(() => String, { nullable: true })
  inReplyToActivityExternalId!: string | null;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => String, { nullable: true })
  authorRef!: string | null;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@InputType({ description: "An item of recordInteractions: the brand is the batch's." })
export class InteractionFeedbackInput {
  @Field(() => ID, { nullable: true })
  audienceId?: string | null;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field(() => Float, { nullable: true })
  sentiment?: number | null;

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt?: Date | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => FeedbackOutcome, { nullable: true })
  outcome?: FeedbackOutcome | null;

  @Field(() => String, { nullable: true, description: 'May name an activity that arrives later.' })
  inReplyToActivityExternalId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unique per brand: makes replays idempotent.',
  })
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  authorRef?: string | null;

  @Field(() => String, { nullable: true, description: 'Kept for people; never used in scores.' })
  text?: string | null;
}

@InputType()
export class FeedbackInput extends InteractionFeedbackInput {
  @Field(() => ID)
  brandId!: string;
}

@InputType()
export class FeedbackFilter {
  @Field(() => WindowInput, { nullable: true, description: 'receivedAt in [from, to).' })
  window?: WindowInput | null;

  @Field(() => [FeedbackKind], { nullable: true })
  kinds?: FeedbackKind[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'COMMENT, QUESTION, COMPLAINT, SUGGESTION, REVIEW.',
  })
  needsResponse?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: no reply yet (firstResponseAt unset).',
  })
  unanswered?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: COMPLAINT or sentiment below −0.2.' })
  negative?: boolean | null;

  @Field(() => FeedbackOutcome, { nullable: true })
  outcome?: FeedbackOutcome | null;

  @Field(() => ID, { nullable: true })
  audienceId?: string | null;
}
