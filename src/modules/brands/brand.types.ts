import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WindowInput } from '../../shared/window';

@ObjectType({ description: 'An organization whose communication is measured.' })
export class Brand {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Unique within the workspace.' })
  slug!: string;

  @Field({ description: 'IANA time zone: daily buckets are local days.' })
  timezone!: string;

  @Field(() => Int)
  responseTargetMinutes!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@InputType()
export class CreateBrandInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Default: derived from the name.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone; default UTC.' })
  timezone?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 10080; default 60.' })
  responseTargetMinutes?: number | null;
}

@InputType()
export class UpdateBrandInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => Int, { nullable: true })
  responseTargetMinutes?: number | null;
}

@InputType()
export class BrandFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Brands whose name or slug contains this text, ignoring case (at most 100 characters).',
  })
  search?: string | null;
}

export enum BrandOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  ENGAGEMENT_SCORE = 'ENGAGEMENT_SCORE',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(BrandOrderField, { name: 'BrandOrderField' });
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class BrandOrder {
  @Field(() => BrandOrderField)
  field!: BrandOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;

  @Field(() => WindowInput, {
    nullable: true,
    description: 'Required for ENGAGEMENT_SCORE: the window scored.',
  })
  window?: WindowInput | null;
}
