import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Brand } from '../brands/brand.types';
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

/** Brand.audiences: the audiences module adds the field to the brand. */
@Resolver(() => Brand)
export class BrandAudiencesResolver {
  @FieldResolver(() => [Audience], { description: 'In name order.' })
  audiences(@Root() brand: Brand, @Ctx() ctx: RequestContext): Promise<Audience[]> {
    return ctx.loaders.audiencesByBrand.load(brand.id);
  }
}
