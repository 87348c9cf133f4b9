import type { ApolloServerPlugin } from '@apollo/server';

/**
 * GraphQL over HTTP: a client that accepts only `application/json` gets 200
 * for parse, validation and variable-coercion failures (the errors are in the
 * body); `application/graphql-response+json` keeps Apollo's 4xx codes, and a
 * malformed request (no query, wrong parameter types) is a 400 for everyone.
 */
export const jsonClientsGet200: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        const status = response.http.status;
        if (status === undefined || status < 400 || status >= 500) return;
        if (status === 401 || status === 413 || status === 429) return;
        const accept = request.http?.headers.get('accept') ?? '';
        if (accept.includes('application/graphql-response+json')) return;
        // malformed requests (missing or non-string query, bad parameters) stay 400
        const errors =
          response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        if (errors.some((e) => e.extensions?.code === 'BAD_REQUEST')) return;
        response.http.status = 200;
      },
    };
  },
};
