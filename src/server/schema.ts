import { DateTimeResolver } from 'graphql-scalars';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ActivityResolver } from '../modules/activities/activity.resolver';
import { ApiKeyResolver } from '../modules/api-keys/api-key.resolver';
import { AudienceResolver, BrandAudiencesResolver } from '../modules/audiences/audience.resolver';
import { BrandResolver } from '../modules/brands/brand.resolver';
import { FeedbackResolver } from '../modules/feedback/feedback.resolver';
import { IngestionResolver } from '../modules/ingestion/ingestion.resolver';
import {
  BrandEngagementResolver,
  EngagementResolver,
  WorkspaceWeightsResolver,
} from '../modules/scoring/engagement.resolver';
import {
  BrandClassificationResolver,
  ClassificationResolver,
} from '../modules/classification/classification.resolver';
import { EngagementRowsResolver } from '../modules/bi/engagement-rows.resolver';
import { BrandDataWindowResolver } from '../modules/scoring/data-window.resolver';
import { ViewerResolver } from '../modules/workspaces/viewer.resolver';
import { LiveResolver } from '../modules/live/live.resolver';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver';
import { authChecker } from './auth-checker';

export const resolvers = [
  ViewerResolver,
  ApiKeyResolver,
  BrandResolver,
  AudienceResolver,
  BrandAudiencesResolver,
  ActivityResolver,
  FeedbackResolver,
  IngestionResolver,
  EngagementResolver,
  BrandEngagementResolver,
  BrandDataWindowResolver,
  WorkspaceWeightsResolver,
  ClassificationResolver,
  BrandClassificationResolver,
  EngagementRowsResolver,
  LiveResolver,
  WebhookResolver,
] as const;

/** Every subscription brings its own event stream (src/modules/live): no topics to publish to. */
const noTopics = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions use their own streams');
  },
};

/** The schema as served; `schema.graphql` is printed from this. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    authChecker,
    authMode: 'error',
    pubSub: noTopics,
    validate: false,
  });
}
