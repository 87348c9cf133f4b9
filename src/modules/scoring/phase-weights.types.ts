import { Field, Float, InputType, ObjectType } from 'type-graphql';

/** The weights a report used (GraphQL output). */
@ObjectType({ description: 'Phase weights summing to 1.' })
export class PhaseWeights {
  @Field(() => Float)
  listening!: number;

  @Field(() => Float)
  processing!: number;

  @Field(() => Float)
  interacting!: number;

  @Field(() => Float)
  broadcasting!: number;
}

/** The weights a workspace sets (GraphQL input). */
@InputType({ description: 'Four non-negative weights summing to 1.' })
export class PhaseWeightsInput {
  @Field(() => Float)
  listening!: number;

  @Field(() => Float)
  processing!: number;

  @Field(() => Float)
  interacting!: number;

  @Field(() => Float)
  broadcasting!: number;
}
