import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { InteractionActivityInput } from '../activities/activity.types';
import { InteractionFeedbackInput } from '../feedback/feedback.types';

@InputType({
  description: 'Up to 1,000 items of one brand, validated whole and written atomically.',
})
export class RecordInteractionsInput {
  @Field(() => ID)
  brandId!: string;

  @Field(() => [InteractionActivityInput], { defaultValue: [] })
  activities!: InteractionActivityInput[];

  @Field(() => [InteractionFeedbackInput], { defaultValue: [] })
  feedback!: InteractionFeedbackInput[];
}

@ObjectType()
export class RecordInteractionsPayload {
  @Field(() => Int, { description: 'Items stored for the first time.' })
  inserted!: number;

  @Field(() => Int, { description: 'Replays (same externalId) that changed a mutable field.' })
  updated!: number;

  @Field(() => Int, { description: 'Replays that changed nothing.' })
  unchanged!: number;

  @Field(() => [ID], { description: 'The stored id of each activity, in the order sent.' })
  activityIds!: string[];

  @Field(() => [ID], { description: 'The stored id of each feedback item, in the order sent.' })
  feedbackIds!: string[];
}
