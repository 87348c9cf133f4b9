import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { nodeFields } from '../../shared/selection';
import type { RequestContext } from '../../server/context';
import { type Connection, ConnectionType, pageSize, ConnectionArgs } from '../../shared/connection';
import { ApiKeyScope } from '../../shared/vocabulary';
import {
  Brand,
  BrandFilter,
  BrandOrder,
  BrandOrderField,
  CreateBrandInput,
  OrderDirection,
  UpdateBrandInput,
} from './brand.types';
import { ValidationError } from '../../shared/domain-error';
import { assertOneBrandKey } from './brand.validation';

export const BrandConnection = ConnectionType(Brand, 'Brand');

@Resolver(() => Brand)
export class BrandResolver {
  @Authorized(ApiKeyScope.READ)
  @Query(() => Brand, {
    nullable: true,
    description: "A brand of the caller's workspace by id or by slug (exactly one), or null.",
  })
  brand(
    @Ctx() ctx: RequestContext,
    // declared in reverse: the schema lists them as brand(id, slug)
    @Arg('slug', () => String, { nullable: true }) slug?: string,
    @Arg('id', () => ID, { nullable: true }) id?: string,
  ): Promise<Brand | null> {
    assertOneBrandKey(id, slug);
    const { brands } = ctx.services;
    return ctx.uow.read((scope) =>
      id != null ? brands.find(scope, id) : brands.findBySlug(scope, slug!),
    );
  }

  @Authorized(ApiKeyScope.READ)
  @Query(() => BrandConnection, {
    description: "The workspace's brands, 100 at most a page; `filter.search` narrows every order.",
  })
  brands(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg('orderBy', () => BrandOrder, { nullable: true }) orderBy?: BrandOrder,
    @Arg('filter', () => BrandFilter, { nullable: true }) filter?: BrandFilter,
  ): Promise<Connection<Brand>> {
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
        ctx.services.engagement.ranking(scope, window, descending, size, after, filter),
      );
    }
    const { brands } = ctx.services;
    // the columns the nodes need; the total only if `totalCount` is resolved, in the same snapshot
    const count = () => ctx.uow.read((scope) => brands.count(scope, filter));
    return ctx.uow.read((scope) =>
      brands.list(scope, size, after, orderBy, filter, nodeFields(info), count),
    );
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
}
