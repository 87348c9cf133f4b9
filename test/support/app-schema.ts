import type { GraphQLSchema } from 'graphql';
import { createSchema } from '../../src/server/schema';

/**
 * The app's executable schema for one test file: built once in `beforeAll`;
 * call the returned function inside tests.
 */
export function appSchema(): () => GraphQLSchema {
  let schema: GraphQLSchema | undefined;
  beforeAll(async () => {
    schema = await createSchema();
  });
  return () => {
    if (!schema) throw new Error('the schema is built in beforeAll: use it inside a test');
    return schema;
  };
}
