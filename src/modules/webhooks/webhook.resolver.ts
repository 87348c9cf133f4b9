import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { type Connection, ConnectionType, pageSize } from '../../shared/connection';
import { ApiKeyScope } from '../../shared/vocabulary';
import {
  CreateWebhookInput,
  CreateWebhookPayload,
  UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
} from './webhook.types';

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

/** Webhooks are the workspace's outward channel: every field needs ADMIN. */
@Resolver()
export class WebhookResolver {
  @Authorized(ApiKeyScope.ADMIN)
  @Query(() => [Webhook], { description: "The workspace's webhook endpoints (admin)." })
  webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return ctx.uow.read((scope) => ctx.services.webhooks.list(scope));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's delivery attempts, newest first (kept 30 days).",
  })
  webhookDeliveries(
    @Arg('webhookId', () => ID) webhookId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<WebhookDelivery>> {
    const size = pageSize(first);
    return ctx.uow.read((scope) => ctx.services.webhooks.deliveries(scope, webhookId, size, after));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => CreateWebhookPayload, {
    description:
      'Creates an endpoint (admin): https and public addresses only; its signing secret is shown once.',
  })
  createWebhook(
    @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateWebhookPayload> {
    return ctx.uow.write((scope) => ctx.services.webhooks.create(scope, input));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => Webhook)
  updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookInput) input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Webhook> {
    return ctx.uow.write((scope) => ctx.services.webhooks.update(scope, id, input));
  }

  @Authorized(ApiKeyScope.ADMIN)
  @Mutation(() => ID)
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.uow.write((scope) => ctx.services.webhooks.delete(scope, id));
  }
}
