import { ArgsType, Field, ID } from 'type-graphql';
import { WindowInput } from '../../shared/window';
import { Granularity } from './granularity';

/**
 * The arguments of every per-period series (engagement and classification),
 * declared in the order the schema has always printed them.
 */
@ArgsType()
export class SeriesArgs {
  @Field(() => ID, { nullable: true })
  audienceId?: string | null;

  @Field(() => Granularity)
  granularity!: Granularity;

  @Field(() => WindowInput)
  window!: WindowInput;

  @Field(() => ID)
  brandId!: string;
}
