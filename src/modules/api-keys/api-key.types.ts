import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiKeyScope } from '../../shared/vocabulary';

@ObjectType()
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field({ description: 'The first characters of the secret, to tell keys apart.' })
  secretPrefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field({ description: 'The key itself. Shown only now: store it, it cannot be read again.' })
  secret!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];
}
