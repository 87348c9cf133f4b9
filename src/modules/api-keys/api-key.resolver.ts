import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { ApiKeyScope } from '../../shared/vocabulary';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './api-key.types';

@Resolver()
export class ApiKeyResolver {
  @Authorized(ApiKeyScope.ADMIN)
  @Query(() => [ApiKey], { description: "The workspace's API keys (admin)." })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return ctx.uow.read((scope) => ctx.services.apiKeys.list(scope));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key (admin); its secret is shown once.',
  })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiKey> {
    return ctx.uow.write((scope) => ctx.services.apiKeys.create(scope, input.name, input.scopes));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => ApiKey, { description: 'Revokes a key (admin) at once; idempotent.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    const key = await ctx.uow.write((scope) => ctx.services.apiKeys.revoke(scope, id));
    // again once committed: a request between revoke() and the commit may have looked it up
    ctx.services.apiKeys.forget(key.id);
    return key;
  }
}
