import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import type { HttpOptions, LiveOptions } from '../config';
import type { Caller } from '../modules/api-keys/caller';
import { ChangeListener } from '../modules/live/change-listener';
import { LiveContext } from '../modules/live/live-context';
import { LiveHub } from '../modules/live/live-hub';
import { DomainError, UnauthenticatedError, ValidationError } from '../shared/domain-error';
import { logger } from '../shared/logger';
import { bearerToken } from './auth';
import { authenticateRequest } from './authenticate-request';
import { formatError } from './errors';
import type { Readiness } from './health';
import { priceOperation } from './limits/limits-plugin';
import { queryTextExcess } from './limits/query-text-limits';
import type { PointsLimiter } from './limits/rate-limiter';
import { refuse } from './limits/refusals';
import type { Services } from './services';
import { variableProblems } from './variable-problems';

export interface LiveServer {
  readonly hub: LiveHub;
  readonly listener: ChangeListener;
  /** Closes every socket with 1001 (going away) and stops listening for changes. */
  close(): Promise<void>;
}

interface LiveExtra extends Record<PropertyKey, unknown> {
  caller: Caller;
  /** This connection's operations, by id: their contexts and subscription slots. */
  operations: Map<string, { context: LiveContext | undefined; slot: boolean }>;
}

export interface LiveServerOptions {
  readonly httpServer: Server;
  readonly schema: GraphQLSchema;
  readonly dataSource: DataSource;
  /** The primary, where the listener connects (standbys deliver no notifications). */
  readonly primaryUrl: string;
  readonly services: Services;
  readonly rateLimiter: PointsLimiter;
  readonly readiness: Readiness;
  readonly http: HttpOptions;
  readonly live: LiveOptions;
}

const errorOf = (error: DomainError) => new GraphQLError(error.message, { originalError: error });
const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));

/**
 * graphql-ws at /graphql on the HTTP server: the key in connectionParams,
 * then every subscription checked, priced and limited like a query, at most
 * `maxSubscriptionsPerKey` at once per key in this process.
 */
export function startLiveServer(options: LiveServerOptions): LiveServer {
  const { schema, services, rateLimiter, http, live } = options;
  const hub = new LiveHub();
  const listener = new ChangeListener(options.primaryUrl, {
    notice: (n) => hub.notice(n),
    resync: () => hub.resync(),
    // known keys are trusted for long only while revocations can be heard (api-key-cache.ts)
    key: (n) => services.apiKeys.cache.notice(n),
    up: () => services.apiKeys.cache.listening(),
    down: () => services.apiKeys.cache.notListening(),
  });
  listener.start();
  const slots = new Map<string, number>();
  const release = (extra: LiveExtra, id: string) => {
    const op = extra.operations.get(id);
    if (!op) return;
    extra.operations.delete(id);
    void op.context?.endPush();
    if (op.slot) slots.set(extra.caller.keyId, (slots.get(extra.caller.keyId) ?? 1) - 1);
  };
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: http.maxBodyBytes,
  });
  const disposable = useServer<Record<string, unknown>, LiveExtra>(
    {
      schema,
      async onConnect(ctx) {
        if (!options.readiness.migrated) {
          ctx.extra.socket.close(1013, 'The database is not ready yet');
          return false;
        }
        const header = ctx.connectionParams?.authorization;
        const headers = { authorization: typeof header === 'string' ? header : undefined };
        let caller: Caller;
        try {
          // the same authentication as every HTTP route, on the connection's parameters
          caller = await authenticateRequest(headers, services.apiKeys, options.dataSource);
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
          if (!bearerToken(headers)) {
            ctx.extra.socket.close(CloseCode.Unauthorized, 'Missing API key');
            return false;
          }
          return false; // 4403 Forbidden: a key, but unknown or revoked
        }
        ctx.extra.caller = caller;
        ctx.extra.operations = new Map();
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const { caller, operations } = ctx.extra as LiveExtra;
        try {
          const excess = queryTextExcess(payload.query, http);
          if (excess) await refuse(excess, rateLimiter, caller.keyId);
          let document: DocumentNode;
          try {
            document = parse(payload.query, { maxTokens: http.maxQueryTokens });
          } catch (error) {
            if (error instanceof GraphQLError) return [error];
            throw error;
          }
          const invalid = validate(schema, document);
          if (invalid.length) return invalid;
          const operation = getOperationAST(document, payload.operationName);
          if (!operation) return [new GraphQLError('Unable to identify the operation')];
          // variables as over HTTP (request-checks.ts): every problem at its path, BAD_USER_INPUT
          const variables = payload.variables ?? {};
          const problems = variableProblems(schema, document, operation, variables, true);
          if (problems.length) return [errorOf(new ValidationError(problems))];
          const subscription = operation.operation === 'subscription';
          const used = slots.get(caller.keyId) ?? 0;
          if (subscription && used >= live.maxSubscriptionsPerKey)
            return [
              errorOf(
                new DomainError(
                  'RATE_LIMITED',
                  `This API key already holds ${used} subscriptions; at most ${live.maxSubscriptionsPerKey}`,
                  { limit: 'subscriptions', max: live.maxSubscriptionsPerKey },
                ),
              ),
            ];
          // the slot is taken before anything is awaited: concurrent subscribes count too
          if (subscription) slots.set(caller.keyId, used + 1);
          operations.set(id, { context: undefined, slot: subscription });
          const priced = await priceOperation(
            { schema, document, operation, variables },
            http,
            rateLimiter,
            caller.keyId,
          ).catch((error: unknown) => {
            release(ctx.extra as LiveExtra, id);
            throw error;
          });
          if (priced.refusal) {
            release(ctx.extra as LiveExtra, id);
            return [priced.refusal];
          }
          const context = new LiveContext(caller, services, hub, live, options.dataSource);
          operations.set(id, { context, slot: subscription });
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: context,
          };
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      async onNext(_ctx, _id, _payload, args, result) {
        // the event's fields are resolved: give back its connection before it is sent
        await (args.contextValue as LiveContext).endPush();
        return result.errors ? { ...result, errors: format(result.errors) } : undefined;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onComplete(ctx, id) {
        release(ctx.extra as LiveExtra, id);
      },
      onClose(ctx) {
        const extra = ctx.extra as Partial<LiveExtra>;
        for (const id of [...(extra.operations?.keys() ?? [])]) release(extra as LiveExtra, id);
      },
    },
    wss,
  );
  wss.on('error', (error) => logger.warn('websocket server error', { error: error.message }));
  return {
    hub,
    listener,
    async close() {
      await disposable.dispose();
      await listener.stop();
    },
  };
}
