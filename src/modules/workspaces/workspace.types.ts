import { Field, ID, ObjectType } from 'type-graphql';
import { ApiKeyScope } from '../../shared/vocabulary';

@ObjectType()
export class Workspace {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'The workspace and scopes of the API key making the request.' })
export class Viewer {
  @Field(() => Workspace)
  workspace!: Workspace;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field(() => ID, { description: 'The id of the API key making the request.' })
  apiKeyId!: string;
}
