import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import request from 'supertest';
import { INTROSPECTION_POINTS } from '../../src/server/limits/operation-shape';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';

/** What GraphiQL, Apollo Studio, GraphQL Code Generator and BI connectors send, under the default limits. */
let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('introspection', [ApiKeyScope.READ]);
});
afterAll(() => t.close());

/** Both sides printed by graphql-js: schema.graphql may come from type-graphql's printer. */
const normalised = (sdl: string) => printSchema(buildSchema(sdl));

describe('introspection', () => {
  it('answers the standard introspection query, at a fixed cost', async () => {
    const res = await request(t.http)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .send({ query: getIntrospectionQuery() });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.__schema.queryType.name).toBe('Query');
    expect(res.body.extensions.cost.requestedQueryCost).toBe(INTROSPECTION_POINTS);
    const full = await t.gql(
      key,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(full.errors).toBeUndefined();
  });

  it('lets an introspecting client rebuild exactly schema.graphql', async () => {
    const { __schema } = await t.ok<IntrospectionQuery>(key, getIntrospectionQuery());
    const rebuilt = printSchema(buildClientSchema({ __schema }));
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(rebuilt).toContain('engagementSeries(');
    expect(rebuilt).toBe(normalised(committed));
    // the comparison sees a one-word change
    expect(rebuilt).not.toBe(normalised(committed.replace('brandCount: Int!', 'brandCount: Int')));
  });

  it('still refuses introspection nested past what any client needs', async () => {
    const nested = `{ __type(name: "Brand") { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } }`;
    const res = await t.gql(key, nested);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'introspectionDepth',
      value: 26,
      max: 20,
    });
    // lists inside lists (fields of types of fields…) are refused by graphql-js itself
    const lists = await t.gql(
      key,
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    );
    expect(lists.errors?.[0]?.message).toBe('Maximum introspection depth exceeded');
  });
});
