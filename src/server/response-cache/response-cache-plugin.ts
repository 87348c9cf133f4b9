import type { ApolloServerPlugin } from '@apollo/server';
import { dataFingerprintStatement } from '../../modules/scoring/data-version';
import type { RequestContext } from '../context';
import { cacheableOperation } from './cacheable-operation';
import type { ResponseCache } from './response-cache';

/**
 * Serves a cacheable query (cacheable-operation.ts) from the response cache
 * when the workspace's data fingerprint, read in the round trip that opens
 * the request's snapshot, is the one the response was computed at:
 * no execution, no report statements. Otherwise the query runs as usual in
 * the same snapshot, and an answer without errors is kept under that
 * fingerprint. Exact as the report cache is, and for the same reason (every
 * write bumps what the fingerprint reads in its own transaction); another
 * process's writes are seen at the next request's snapshot. A hit is
 * authenticated, priced and charged like a miss (the limits plugin decides
 * before any response is chosen).
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let pending: { key: string; fingerprint: string } | undefined;
      let fingerprintRows: (() => Promise<Record<string, unknown>[]>) | undefined;
      return {
        // before the limits plugin opens the snapshot (with the rate-limit take): rides along
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (
            operation &&
            cache.enabled &&
            cacheableOperation(schema, document, operation, request.variables)
          )
            fingerprintRows = contextValue.uow.readAtOpening(
              dataFingerprintStatement(contextValue.caller.workspaceId),
            );
        },
        async responseForOperation({ request, source, contextValue, response }) {
          if (!fingerprintRows) return null;
          const { caller } = contextValue;
          const key = cache.key({
            workspaceId: caller.workspaceId,
            scopes: caller.scopes,
            query: source,
            operationName: request.operationName,
            variables: request.variables,
          });
          const [row] = await fingerprintRows();
          const fingerprint = String(row!.fingerprint);
          const data = cache.get(key, fingerprint);
          if (data)
            return { http: response.http, body: { kind: 'single', singleResult: { data } } };
          pending = { key, fingerprint };
          return null;
        },
        async willSendResponse({ response }) {
          if (!pending || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data && !errors?.length) cache.set(pending.key, pending.fingerprint, data);
        },
      };
    },
  };
}
