import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { ConnectionType, pageSize } from '../../shared/connection';
import { ApiKeyScope } from '../../shared/vocabulary';
import { Audience } from '../audiences/audience.types';
import {
  Brand,
  BrandOrder,
  BrandOrderField,
  CreateBrandInput,
  OrderDirection,
  UpdateBrandInput,
} from './brand.types';
import { ValidationError } from '../../shared/domain-error';

export const BrandConnection = ConnectionType(Brand, 'Brand');
type BrandConnection = InstanceType<typeof BrandConnection>;

@Resolver(() => Brand)
export class BrandResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => Brand, {
    nullable: true,
    description: "A brand of the caller's workspace, or null.",
  })
  brand(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Brand | null> {
    return ctx.uow.read((scope) => ctx.services.brands.find(scope, id));
  }

  @Authorized(ApiKeyScope.READ)
  @Query(() => BrandConnection, { description: "The workspace's brands, 100 at most a page." })
  brands(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => BrandOrder, { nullable: true }) orderBy?: BrandOrder,
  ): Promise<BrandConnection> {
    const size = pageSize(first);
    if (orderBy?.field === BrandOrderField.ENGAGEMENT_SCORE) {
      const window = orderBy.window;
      if (!window) {
        throw new ValidationError([
          { field: 'orderBy.window', reason: 'is required to order by ENGAGEMENT_SCORE' },
        ]);
      }
      const descending = orderBy.direction === OrderDirection.DESC;
      return ctx.uow.read((scope) =>
        ctx.services.engagement.ranking(scope, window, descending, size, after),
      );
    }
    return ctx.uow.read((scope) => ctx.services.brands.list(scope, size, after, orderBy));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Brand)
  createBrand(
    @Arg('input', () => CreateBrandInput) input: CreateBrandInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Brand> {
    return ctx.uow.write((scope) => ctx.services.brands.create(scope, input));
  }

  @Authorized(ApiKeyScope.WRITE)
  @Mutation(() => Brand)
  updateBrand(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateBrandInput) input: UpdateBrandInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Brand> {
    return ctx.uow.write((scope) => ctx.services.brands.update(scope, id, input));
  }

  @FieldResolver(() => [Audience], { description: 'In name order.' })
  audiences(@Root() brand: Brand, @Ctx() ctx: RequestContext): Promise<Audience[]> {
    return ctx.loaders.audiencesByBrand.load(brand.id);
  }
}
