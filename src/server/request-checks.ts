import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';
import { ValidationError, type FieldProblem } from '../shared/domain-error';
import { variableProblems } from './variable-problems';

/**
 * Caller mistakes, with client codes: a subscription (HTTP serves none) is
 * BAD_REQUEST; ill-formed text in the variables is refused before anything
 * runs; and when GraphQL's own variable coercion fails, its errors become one
 * BAD_USER_INPUT listing every problem at its path, like the services' own.
 */
export const requestChecks: ApolloServerPlugin = {
  async requestDidStart() {
    let coercion: FieldProblem[] = [];
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          throw new GraphQLError(
            'Subscriptions are not served over HTTP (this API has none): send a query or a mutation',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        }
        const variables = request.variables ?? {};
        if (variableProblems(schema, document, operation, variables, false).length) {
          // something is wrong: now list everything, coercion included
          const error = new ValidationError(
            variableProblems(schema, document, operation, variables, true),
          );
          throw new GraphQLError(error.message, {
            originalError: error,
            extensions: { http: { status: 400 } },
          });
        }
      },
      async didEncounterErrors({ errors, schema, document, operation, request }) {
        if (operation && document && errors.every(isVariableError))
          coercion = variableProblems(schema, document, operation, request.variables ?? {}, true);
      },
      async willSendResponse({ response }) {
        if (!coercion.length || response.body.kind !== 'single') return;
        const error = new ValidationError(coercion);
        response.body.singleResult.errors = [
          { message: error.message, extensions: { code: error.code, ...error.details } },
        ];
      },
    };
  },
};

/** graphql-js's variable coercion errors (Apollo codes them) point at the variable's definition, or say it gave up. */
function isVariableError(error: GraphQLError): boolean {
  if (error.message.startsWith('Too many errors processing variables')) return true;
  return (
    error.extensions.code === 'BAD_USER_INPUT' &&
    error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION
  );
}
