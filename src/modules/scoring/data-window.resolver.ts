import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { Window } from '../../shared/window';
import { Brand } from '../brands/brand.types';

@Resolver(() => Brand)
export class BrandDataWindowResolver {
  @FieldResolver(() => Window, {
    nullable: true,
    description:
      "From the start of the brand's first local day with feedback or activities to the end of its last; null without data. Batched across a list.",
  })
  dataWindow(@Root() brand: Brand, @Ctx() ctx: RequestContext): Promise<Window | null> {
    return ctx.loaders.dataWindows.load(brand.id);
  }
}
