import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Channel } from '../../shared/vocabulary';

@ObjectType({ description: 'A public the brand talks with, usually a channel.' })
export class Audience {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  brandId!: string;

  @Field()
  name!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Int, { description: 'Followers or members.' })
  size!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@InputType()
export class CreateAudienceInput {
  @Field(() => ID)
  brandId!: string;

  @Field()
  name!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Int, { nullable: true, description: 'Default 0.' })
  size?: number | null;
}

@InputType()
export class UpdateAudienceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;

  @Field(() => Int, { nullable: true })
  size?: number | null;
}
