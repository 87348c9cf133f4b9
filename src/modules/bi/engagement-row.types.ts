import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../shared/connection';
import { Channel } from '../../shared/vocabulary';
import { WindowInput } from '../../shared/window';
import { Granularity } from '../scoring/granularity';
import { COMPONENT_NAMES, PHASE_SCORE_COLUMNS } from './engagement-row-columns';

@ObjectType({
  description:
    'One flat row for BI tools: a brand × audience × period (audienceId null: items recorded without an audience). Scalars only.',
})
export class EngagementRow {
  @Field(() => ID)
  brandId!: string;

  @Field()
  brandName!: string;

  @Field(() => ID, { nullable: true })
  audienceId!: string | null;

  @Field(() => String, { nullable: true })
  audienceName!: string | null;

  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Field({ description: "Start of the period (local midnight in the brand's time zone)." })
  periodStart!: Date;

  @Field(() => Granularity)
  granularity!: Granularity;

  @Field(() => Float, { description: 'Engagement score 0–100 of this row alone.' })
  score!: number;

  @Field(() => Int)
  feedbackCount!: number;

  @Field(() => Int)
  activityCount!: number;

  @Field({ description: 'When one of the sums behind this row last changed.' })
  updatedAt!: Date;
}

// one Float field per phase score and per component numerator and denominator
for (const column of [
  ...PHASE_SCORE_COLUMNS,
  ...COMPONENT_NAMES.flatMap((name) => [`${name}Numerator`, `${name}Denominator`]),
]) {
  Field(() => Float)(EngagementRow.prototype, column);
}

@ObjectType()
export class EngagementRowConnection extends ConnectionType(EngagementRow, 'EngagementRow') {}

@InputType()
export class EngagementRowFilter {
  @Field(() => [ID], { nullable: true, description: 'Default: every brand of the workspace.' })
  brandIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these audiences (rows without an audience are then left out).',
  })
  audienceIds?: string[] | null;

  @Field(() => WindowInput, {
    description:
      'Local days of each brand that start within [from, to) (at most 3,660 days); align to local midnight for whole days.',
  })
  window!: WindowInput;

  @Field(() => Granularity, { defaultValue: Granularity.DAY })
  granularity!: Granularity;

  @Field(() => Date, {
    nullable: true,
    description:
      'Only rows whose sums changed after this time (late acknowledgements and answers change past periods); rows emptied by deletions are included, with zeros.',
  })
  updatedSince?: Date | null;
}
