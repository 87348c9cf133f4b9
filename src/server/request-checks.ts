import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

/** Caller mistakes caught before execution, with client codes: a subscription (HTTP serves none). */
export const requestChecks: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (!operation) return;
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          throw new GraphQLError(
            'Subscriptions are not served over HTTP (this API has none): send a query or a mutation',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        }
      },
    };
  },
};
