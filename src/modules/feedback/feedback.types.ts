import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { WindowInput } from '../../shared/window';
import { FeedbackKind, FeedbackOutcome, SentimentSource } from '../../shared/vocabulary';

@ObjectType({ description: "What Rapport's text model read from the item's text." })
export class FeedbackSignals {
  @Field(() => [String], { description: 'The cues of the inferred sentiment ([] when none).' })
  sentimentCues!: string[];

  @Field(() => [String], { description: 'The cues that made the text a complaint ([] when none).' })
  complaintCues!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'The text model version that read the text; null without text.',
  })
  inferenceVersion!: string | null;
}

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

  @Field(() => Float, {
    name: 'sentiment',
    nullable: true,
    description:
      '−1 (negative) … 1 (positive). Effective: corrected, else provided, else inferred (see sentimentSource).',
  })
  effectiveSentiment!: number | null;

  @Field(() => SentimentSource)
  sentimentSource!: SentimentSource;

  @Field(() => Boolean, {
    name: 'complaint',
    description: 'Effective: corrected, else kind COMPLAINT or read from the text.',
  })
  effectiveComplaint!: boolean;

  @Field({
    description: 'The one "negative" predicate of the model: a complaint, or sentiment below −0.2.',
  })
  negative!: boolean;

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

  // read by the `signals` field resolver
  sentimentCues!: string[];
  complaintCues!: string[];
  inferenceVersion!: string | null;
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

  @Field(() => String, {
    nullable: true,
    description:
      'Kept for people, and read by the text model (sentiment when none is given, complaint).',
  })
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

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: a complaint or sentiment below −0.2 (effective values).',
  })
  negative?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The effective complaint flag.' })
  complaint?: boolean | null;

  @Field(() => [SentimentSource], { nullable: true })
  sentimentSources?: SentimentSource[] | null;

  @Field(() => [String], { nullable: true, description: 'At most 100.' })
  externalIds?: string[] | null;

  @Field(() => FeedbackOutcome, { nullable: true })
  outcome?: FeedbackOutcome | null;

  @Field(() => ID, { nullable: true })
  audienceId?: string | null;
}

@InputType({
  description:
    "An analyst's correction: sentiment and/or complaint, or reset: true alone to drop the corrections.",
})
export class ReclassifyFeedbackInput {
  @Field(() => Float, { nullable: true, description: 'In [−1, 1].' })
  sentiment?: number | null;

  @Field(() => Boolean, { nullable: true })
  complaint?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  reset?: boolean | null;
}
