import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { ApiKeyScope } from '../../shared/vocabulary';
import { Audience, CreateAudienceInput, UpdateAudienceInput } from './audience.types';

@Resolver(() => Audience)
export class AudienceResolver {
  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Audience)
  createAudience(
    @Arg('input', () => CreateAudienceInput) input: CreateAudienceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Audience> {
    return ctx.uow.write((scope) => ctx.services.audiences.create(scope, input));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Audience)
  updateAudience(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAudienceInput) input: UpdateAudienceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Audience> {
    return ctx.uow.write((scope) => ctx.services.audiences.update(scope, id, input));
  }
}
