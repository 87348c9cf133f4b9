import 'reflect-metadata';
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createSchema } from '../schema';
import { BRAND_LIST_FIELDS, cacheableOperation, REPORT_TYPES } from './cacheable-operation';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const W = '{ from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }';
const B = '"00000000-0000-4000-8000-000000000001"';

function cacheable(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  )!;
  return cacheableOperation(schema, document, operation, variables);
}

describe('cacheableOperation', () => {
  it.each([
    [
      'the overview',
      `{ brands(first: 20, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: ${W} }) { nodes { id name engagement(window: ${W}) { score phases { phase score } responseTime { p90Minutes } } classification(window: ${W}) { model } } totalCount pageInfo { hasNextPage } } }`,
      true,
    ],
    [
      'a report with every part',
      `{ engagement(brandId: ${B}, window: ${W}) { __typename score weights { listening } phases { components { name value } } sentimentMix { positive } sentimentSources { source } window { from } } }`,
      true,
    ],
    [
      'a series',
      `{ engagementSeries(brandId: ${B}, granularity: WEEK, window: ${W}) { periodStart score } }`,
      true,
    ],
    [
      'a classification with its window',
      `{ classification(brandId: ${B}, window: ${W}) { model evidence { name } scores { model } } }`,
      true,
    ],
    [
      'the workspace overview with its window',
      `{ workspaceOverview(window: ${W}) { brandCount brandsByModel { model brands } } }`,
      true,
    ],
    [
      'brands ranked by score, without a report',
      `{ brands(first: 5, orderBy: { field: ENGAGEMENT_SCORE, window: ${W} }) { nodes { id } } }`,
      true,
    ],
    ['just __typename (nothing to keep)', `{ __typename }`, false],
    [
      'brands without a report (as cheap as the fingerprint)',
      `{ brands(first: 20) { totalCount nodes { id name } } }`,
      false,
    ],
    ['a classification ending now', `{ classification(brandId: ${B}) { model } }`, false],
    [
      "a brand's classification ending now",
      `{ brand(id: ${B}) { classification { model } } }`,
      false,
    ],
    ['the workspace overview ending now', `{ workspaceOverview { brandCount } }`, false],
    [
      'one audience',
      `{ engagement(brandId: ${B}, audienceId: ${B}, window: ${W}) { score } }`,
      false,
    ],
    [
      'audiences of the brands (not in the fingerprint)',
      `{ brands(first: 5) { nodes { id audiences { id } } } }`,
      false,
    ],
    ['feedback', `{ feedback(brandId: ${B}) { nodes { id } } }`, false],
    ['the viewer', `{ viewer { scopes } }`, false],
    ['introspection', `{ __schema { queryType { name } } }`, false],
    [
      'a report beside something else',
      `{ engagement(brandId: ${B}, window: ${W}) { score } apiKeys { id } }`,
      false,
    ],
    ['a mutation', `mutation { deleteBrand(id: ${B}) }`, false],
  ])('%s: %s', (_, query, expected) => {
    expect(cacheable(query)).toBe(expected);
  });

  it('reads windows and audiences through variables and fragments', () => {
    const query = `query($w: WindowInput, $a: ID) {
      brands(first: 3) { nodes { ...f } } }
      fragment f on Brand { classification(window: $w, audienceId: $a) { model } }`;
    expect(
      cacheable(query, { w: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' } }),
    ).toBe(true);
    expect(cacheable(query, {})).toBe(false);
    expect(
      cacheable(query, { w: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' }, a: 'x' }),
    ).toBe(false);
    // variables that do not coerce: left to execution, which says why
    expect(cacheable(query, { w: { from: 'yesterday' } })).toBe(false);
  });

  it('judges only the operation that runs', () => {
    const query = `query A { viewer { scopes } } query B { engagement(brandId: ${B}, window: ${W}) { score } }`;
    expect(cacheable(query, undefined, 'B')).toBe(true);
    expect(cacheable(query, undefined, 'A')).toBe(false);
  });
});

describe('the lists hold the schema', () => {
  it('every field of a report type takes no arguments and returns scalars or report types', () => {
    for (const name of REPORT_TYPES) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
      for (const field of Object.values(type.getFields())) {
        const returned = getNamedType(field.type);
        expect({ field: `${name}.${field.name}`, args: field.args.length }).toEqual({
          field: `${name}.${field.name}`,
          args: 0,
        });
        if (isCompositeType(returned))
          expect({ field: `${name}.${field.name}`, type: REPORT_TYPES.has(returned.name) }).toEqual(
            { field: `${name}.${field.name}`, type: true },
          );
      }
    }
  });

  it('every brand-list field exists, and what it returns is listed or a report type', () => {
    for (const coordinate of BRAND_LIST_FIELDS) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect({ coordinate, exists: field !== undefined }).toEqual({ coordinate, exists: true });
      const returned = getNamedType(field!.type);
      if (!isCompositeType(returned)) continue;
      const listed =
        REPORT_TYPES.has(returned.name) ||
        [...BRAND_LIST_FIELDS].some((c) => c.startsWith(`${returned.name}.`));
      expect({ coordinate, listed }).toEqual({ coordinate, listed: true });
    }
  });
});
