import { Field, Float, InputType, ObjectType } from 'type-graphql';

/** The four weights: the weights a report used (output) and those a workspace sets (input). */
@ObjectType({ description: 'Phase weights summing to 1.' })
@InputType('PhaseWeightsInput', { description: 'Four non-negative weights summing to 1.' })
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

/** What setPhaseWeights takes: the same four numbers. */
export { PhaseWeights as PhaseWeightsInput };
