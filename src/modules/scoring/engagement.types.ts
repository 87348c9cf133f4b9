import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EngagementPhase, SentimentSource } from '../../shared/vocabulary';
import { CountType } from '../../shared/count-type';
import { Window } from '../../shared/window';
import { PhaseWeights } from './phase-weights.types';
import { EngagementStage } from './engagement-report';

registerEnumType(EngagementStage, {
  name: 'EngagementStage',
  description: 'BROADCAST → INTERACTION → ENGAGEMENT (engagement-model.md §5).',
});

@ObjectType({ description: 'One explained part of a score: value = f(numerator, denominator).' })
export class ScoreComponent {
  @Field()
  name!: string;

  @Field(() => Float)
  weight!: number;

  @Field({ description: 'False when the denominator is 0: the component then counts nowhere.' })
  applicable!: boolean;

  @Field(() => Float, { nullable: true, description: 'In [0, 1]; null when not applicable.' })
  value!: number | null;

  @Field(() => Float)
  numerator!: number;

  @Field(() => Float)
  denominator!: number;
}

@ObjectType()
export class PhaseBreakdown {
  @Field(() => EngagementPhase)
  phase!: EngagementPhase;

  @Field(() => Float, {
    description: '0–100: 100 × Σ wᵢ·vᵢ / Σ wᵢ over the applicable components.',
  })
  score!: number;

  @Field()
  applicable!: boolean;

  @Field(() => Float, { description: 'The phase weight this report used.' })
  weight!: number;

  @Field(() => Float, { description: 'weight × score; the contributions sum to the score.' })
  contribution!: number;

  @Field(() => Float, {
    nullable: true,
    description: "This phase's share of all activities; null with none.",
  })
  activityShare!: number | null;

  @Field(() => Float, { description: 'The share the model aims at: the phase weight.' })
  targetShare!: number;

  @Field(() => [ScoreComponent])
  components!: ScoreComponent[];
}

@ObjectType({ description: 'First-response delays of answered feedback needing a response.' })
export class ResponseTime {
  @Field(() => Int)
  respondedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Minutes (negative delays count as 0), interpolated.',
  })
  medianMinutes!: number | null;

  @Field(() => Float, { nullable: true, description: 'Minutes, interpolated (percentile_cont).' })
  p90Minutes!: number | null;
}

export const SentimentSourceCount = CountType<SentimentSource, 'source', 'feedback'>(
  'SentimentSourceCount',
  SentimentSource,
  { key: 'source', count: 'feedback' },
  'How many feedback items take their sentiment from one source.',
);
export type SentimentSourceCount = InstanceType<typeof SentimentSourceCount>;

@ObjectType({
  description:
    'Feedback of the window by its effective sentiment (engagement-model.md, "Text signals"); the four counts add up to feedbackCount.',
})
export class SentimentMix {
  @Field(() => Int, { description: 'Not negative, effective sentiment above 0.2.' })
  positive!: number;

  @Field(() => Int, { description: 'Not negative, effective sentiment from −0.2 to 0.2.' })
  neutral!: number;

  @Field(() => Int, {
    description: 'A complaint or effective sentiment below −0.2 (the filter `negative: true`).',
  })
  negative!: number;

  @Field(() => Int, { description: 'Not negative and no effective sentiment.' })
  unknown!: number;
}

/** What every per-brand report starts with: whose, of which audience, over which window. */
@ObjectType()
export abstract class BrandReport {
  @Field(() => ID)
  brandId!: string;

  @Field(() => ID, { nullable: true })
  audienceId!: string | null;

  @Field(() => Window)
  window!: Window;
}

@ObjectType()
export class EngagementReport extends BrandReport {
  @Field(() => Float, { description: '0–100: Σ phase weight × phase score.' })
  score!: number;

  @Field(() => EngagementStage)
  stage!: EngagementStage;

  @Field(() => Float, {
    nullable: true,
    description: '100 when effort is spread as the weights say; null with no activities.',
  })
  mixAlignment!: number | null;

  @Field(() => [PhaseBreakdown], { description: 'Always the four phases, in the enum order.' })
  phases!: PhaseBreakdown[];

  @Field(() => Int)
  activityCount!: number;

  @Field(() => Int)
  feedbackCount!: number;

  @Field()
  algorithmVersion!: string;

  @Field(() => PhaseWeights)
  weights!: PhaseWeights;

  @Field(() => ResponseTime)
  responseTime!: ResponseTime;

  @Field(() => [SentimentSourceCount], {
    description: 'Feedback of the window per sentiment source, every source in the enum order.',
  })
  sentimentSources!: SentimentSourceCount[];

  @Field(() => SentimentMix)
  sentimentMix!: SentimentMix;
}

@ObjectType()
export class EngagementPoint {
  @Field({ description: "The period's local start (midnight in the brand's time zone)." })
  periodStart!: Date;

  @Field(() => Window, { description: 'The part of the period inside the window.' })
  window!: Window;

  @Field(() => Float)
  score!: number;

  @Field(() => EngagementStage)
  stage!: EngagementStage;

  @Field(() => Float, { nullable: true })
  mixAlignment!: number | null;

  @Field(() => [PhaseBreakdown])
  phases!: PhaseBreakdown[];

  @Field(() => Int)
  activityCount!: number;

  @Field(() => Int)
  feedbackCount!: number;
}
