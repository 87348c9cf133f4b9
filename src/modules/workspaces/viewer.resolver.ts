import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { Viewer } from './workspace.types';

@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who is calling: the workspace and scopes of the API key.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const workspace = await ctx.uow.read((scope) => ctx.services.workspaces.get(scope));
    return { workspace, scopes: [...ctx.caller.scopes], apiKeyId: ctx.caller.keyId };
  }
}
