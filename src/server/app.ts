import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import { UnitOfWork } from '../db/unit-of-work';
import type { RequestContext } from './context';
import { bearerToken, unauthenticated } from './auth';
import { formatError } from './errors';
import { jsonClientsGet200 } from './http-status';
import { healthRoutes, type Readiness } from './health';
import { createLoaders } from './loaders';
import { createSchema } from './schema';
import { createServices, type Services } from './services';

export interface App {
  readonly express: Express;
  readonly services: Services;
  stop(): Promise<void>;
}

const MAX_BODY = '5mb';

/** Express + Apollo: routes, authentication and the per-request unit of work. */
export async function createApp(dataSource: DataSource, readiness: Readiness): Promise<App> {
  const services = createServices();
  const apollo = new ApolloServer<RequestContext>({
    schema: await createSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    stopOnTerminationSignals: false, // shutdown is ours: see main.ts
    plugins: [ApolloServerPluginLandingPageDisabled(), closeUnitOfWork, jsonClientsGet200],
    // Every request must carry a bearer key (never a cookie), so a forged cross-site
    // request cannot act for a user: Apollo's CSRF guard would only block plain GETs.
    csrfPrevention: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(dataSource, readiness));
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => {
        const secret = bearerToken(req.headers);
        if (!secret) throw unauthenticated('Missing API key: send "Authorization: Bearer <key>"');
        const caller = await services.apiKeys.authenticate(dataSource, secret);
        if (!caller) throw unauthenticated('Unknown or revoked API key');
        const uow = new UnitOfWork(dataSource, caller.workspaceId);
        return {
          caller,
          uow,
          services,
          loaders: createLoaders(uow, services),
          requestTime: new Date(),
        };
      },
    }),
  );
  return { express: app, services, stop: () => apollo.stop() };
}

/** Every request returns its connection, whatever happened. */
const closeUnitOfWork: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        await (contextValue as Partial<RequestContext> | undefined)?.uow?.close();
      },
    };
  },
};
