import {
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../src/server/schema';
import { ILL_FORMED } from '../../src/server/variable-problems';
import { problemAt } from '../../src/server/input-paths';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

/**
 * A lone UTF-16 surrogate in any string the schema accepts is BAD_USER_INPUT
 * with the field's path, and nothing is written (PostgreSQL would store it
 * as U+FFFD). The cases are read from the schema, so a new field is covered.
 */
const BAD = 'a\udc00b';

let t: TestApp;
let key: string;
let schema: GraphQLSchema;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
  schema = await createSchema();
  await createBrand(t, key, { slug: 'kept' });
});
afterAll(() => t.close());

interface Case {
  operation: 'query' | 'mutation';
  field: string;
  argument: string;
  type: string;
  value: unknown;
  path: (string | number)[];
  others: { name: string; type: string }[];
}

/** Values that put BAD at each String/ID leaf of an input type, with the leaf's path. */
function leaves(
  type: GraphQLInputType,
  depth = 0,
): { value: unknown; path: (string | number)[] }[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner))
    return leaves(inner.ofType, depth).map(({ value, path }) => ({
      value: [value],
      path: [0, ...path],
    }));
  if (isInputObjectType(inner)) {
    if (depth > 3) return [];
    return Object.values(inner.getFields()).flatMap((f) =>
      leaves(f.type, depth + 1).map(({ value, path }) => ({
        value: { [f.name]: value },
        path: [f.name, ...path],
      })),
    );
  }
  return ['String', 'ID'].includes(getNamedType(inner).name) ? [{ value: BAD, path: [] }] : [];
}

function cases(): Case[] {
  const found: Case[] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root!.getFields())) {
      for (const argument of field.args) {
        for (const { value, path } of leaves(argument.type)) {
          found.push({
            operation,
            field: field.name,
            argument: argument.name,
            type: String(argument.type),
            value,
            path: [argument.name, ...path],
            others: field.args
              .filter((a) => a !== argument && isNonNullType(a.type))
              .map((a) => ({ name: a.name, type: String(a.type) })),
          });
        }
      }
    }
  }
  return found;
}

describe('lone surrogates', () => {
  it('are refused in every string input of the schema, at the field’s path, writing nothing', async () => {
    await record(
      t,
      key,
      await createBrand(t, key),
      [],
      [{ kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' }],
    );
    const all = cases();
    expect(all.length).toBeGreaterThan(40);
    const before = await t.snapshot();
    const failures: string[] = [];
    for (const c of all) {
      const field = schema.getType(c.operation === 'query' ? 'Query' : 'Mutation');
      const returns = (
        field as { getFields(): Record<string, { type: GraphQLInputType }> }
      ).getFields()[c.field]!.type;
      const selection = isLeafType(getNamedType(returns)) ? '' : ' { __typename }';
      const vars = [`$v: ${c.type}`, ...c.others.map((o) => `$${o.name}: ${o.type}`)].join(', ');
      const args = [`${c.argument}: $v`, ...c.others.map((o) => `${o.name}: $${o.name}`)].join(
        ', ',
      );
      const query = `${c.operation}(${vars}) { ${c.field}(${args})${selection} }`;
      const res = await t.gql(key, query, { v: c.value });
      const expected = problemAt(c.path, ILL_FORMED);
      const error = res.errors?.[0];
      const problems = (error?.extensions?.problems ?? []) as unknown[];
      if (
        res.errors?.length !== 1 ||
        error?.extensions?.code !== 'BAD_USER_INPUT' ||
        !problems.some((p) => JSON.stringify(p) === JSON.stringify(expected)) ||
        res.data
      )
        failures.push(
          `${query} ${JSON.stringify(c.value)} → ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`,
        );
    }
    expect(failures).toEqual([]);
    expect(await t.snapshot()).toBe(before);
  });

  it('name the item and field inside a batch, with every other bad item', async () => {
    const brandId = await createBrand(t, key);
    const before = await t.snapshot();
    const ok = { kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' };
    const res = await record(
      t,
      key,
      brandId,
      [
        { kind: 'POST', occurredAt: '2024-01-01T00:00:00Z' },
        { kind: 'POST', occurredAt: '2024-01-01T00:00:00Z', externalId: BAD },
      ],
      [
        ok,
        ok,
        { ...ok, text: BAD },
        { ...ok, authorRef: BAD, category: BAD },
        { ...ok, receivedAt: 'last tuesday' },
      ],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.problems).toEqual([
      { index: 1, field: 'activities[1].externalId', reason: ILL_FORMED },
      { index: 2, field: 'feedback[2].text', reason: ILL_FORMED },
      { index: 3, field: 'feedback[3].authorRef', reason: ILL_FORMED },
      { index: 3, field: 'feedback[3].category', reason: ILL_FORMED },
      { index: 4, field: 'feedback[4].receivedAt', reason: expect.any(String) },
    ]);
    expect(await t.snapshot()).toBe(before);
  });

  it('are a syntax error when written in the query itself', async () => {
    for (const query of [
      'mutation { eraseAuthor(authorRef: "a\\udc00b") { erasedFeedback } }',
      `mutation { eraseAuthor(authorRef: "${BAD}") { erasedFeedback } }`,
      `mutation { eraseAuthor(authorRef: """${BAD}""") { erasedFeedback } }`,
    ]) {
      const res = await t.gql(key, query);
      expect(res.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'GRAPHQL_PARSE_FAILED',
      });
    }
  });

  it('leave well-formed text alone: emoji and other astral characters are stored as sent', async () => {
    const name = 'Café 🙂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢';
    const data = await t.ok(
      key,
      'mutation($i: CreateBrandInput!) { createBrand(input: $i) { name } }',
      {
        i: { name },
      },
    );
    expect(data.createBrand.name).toBe(name);
    expect(await t.sql('SELECT 1 FROM brands WHERE name = $1', [name])).toHaveLength(1);
  });
});
