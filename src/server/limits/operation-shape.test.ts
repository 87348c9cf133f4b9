import { getIntrospectionQuery, getVariableValues } from 'graphql';
import { appSchema } from '../../../test/support/app-schema';
import { parsedOperation } from '../../../test/support/parsed-operation';
import { INTROSPECTION_POINTS, operationShape, TooManySpreads } from './operation-shape';

const schema = appSchema();

/** The shape as the limits plugin measures it: variables coerced first. */
function shapeOf(query: string, variables: Record<string, unknown> = {}, maxSpreads?: number) {
  const { operation, fragments } = parsedOperation(query);
  const { coerced } = getVariableValues(schema(), operation.variableDefinitions ?? [], variables);
  return operationShape(schema(), operation, fragments, coerced, maxSpreads);
}

/** `fragment F0 on Viewer { ...F1 ...F1 }` … `levels` deep: 2^levels expansions in 1 KB. */
const fanOut = (levels: number) =>
  `{ viewer { ...F0 } } ` +
  Array.from({ length: levels }, (_, i) =>
    i < levels - 1
      ? `fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`
      : `fragment F${i} on Viewer { scopes workspace { id } }`,
  ).join(' ');

describe('operationShape', () => {
  it('measures fragments as if inlined', () => {
    const inlined = shapeOf(
      '{ brands(first: 5) { nodes { a: audiences { id } b: audiences { id } engagement(window: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) { phases { components { name } } } } } }',
    );
    const withFragments = shapeOf(`
      { brands(first: 5) { nodes { ...B } } }
      fragment B on Brand { ...A ...E }
      fragment A on Brand { a: audiences { ...Id } b: audiences { ...Id } }
      fragment Id on Audience { id }
      fragment E on Brand { engagement(window: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) { phases { ... on PhaseBreakdown { components { name } } } } }`);
    // 1 + 5 × (nodes 1 + audiences 1 + 1 + engagement (1 + 5 + phases (1 + 4 × components 1)))
    expect(inlined).toEqual({ depth: 5, introspectionDepth: 0, aliases: 2, spreads: 0, cost: 71 });
    expect(withFragments).toEqual({ ...inlined, spreads: 5 });
  });

  it('counts fragment fan-out without expanding it, and stops at the spread limit', () => {
    // 1 + 2 + 4 + … + 2^20 spreads, each reaching viewer { workspace }: measured, not walked
    expect(shapeOf(fanOut(21))).toEqual({
      depth: 2,
      introspectionDepth: 0,
      aliases: 0,
      spreads: 2 ** 21 - 1,
      cost: 1 + 2 ** 20,
    });
    expect(() => shapeOf(fanOut(30), {}, 1000)).toThrow(TooManySpreads);
  });

  it('prices series by the periods of their window, literal or from variables', () => {
    const days900 = { from: '2022-01-01T00:00:00Z', to: '2024-06-19T00:00:00Z' };
    const literal = shapeOf(
      `{ engagementSeries(brandId: "b", granularity: DAY, window: { from: "${days900.from}", to: "${days900.to}" }) { score phases { score } } }`,
    );
    // 1 + 10 + 2 × 901 periods, and phases once per period
    expect(literal.cost).toBe(1 + 10 + 2 * 901 + 901);
    const variables = shapeOf(
      'query($w: WindowInput!, $g: Granularity!) { classificationSeries(brandId: "b", granularity: $g, window: $w) { model } }',
      { w: days900, g: 'WEEK' },
    );
    expect(variables.cost).toBe(1 + 10 + 2 * 130);
  });

  it('prices a batch by its items', () => {
    const shape = shapeOf(
      'mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted } }',
      {
        i: {
          brandId: 'b',
          activities: Array.from({ length: 600 }, () => ({
            kind: 'POST',
            occurredAt: '2024-01-01T00:00:00Z',
          })),
          feedback: Array.from({ length: 400 }, () => ({
            kind: 'COMMENT',
            receivedAt: '2024-01-01T00:00:00Z',
          })),
        },
      },
    );
    expect(shape.cost).toBe(1 + 50 + 1000);
  });

  it('keeps introspection out of depth and cost, measuring its depth apart', () => {
    expect(shapeOf(getIntrospectionQuery())).toEqual({
      depth: 0,
      introspectionDepth: 14,
      aliases: 0,
      spreads: expect.any(Number),
      cost: INTROSPECTION_POINTS,
    });
    const nested = shapeOf(
      `{ __type(name: "Brand") { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } viewer { workspace { id } } }`,
    );
    expect(nested).toMatchObject({ depth: 2, introspectionDepth: 31 });
  });
});
