import { type FieldNode } from 'graphql';
import { parsedOperation } from '../../test/support/parsed-operation';
import { nodeFields, selectedFields } from './selection';

/** The info of the first root field of `query`. */
function infoOf(query: string) {
  const { operation, fragments } = parsedOperation(query);
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFields', () => {
  it.each([
    ['{ brands { totalCount edges { node { id } } } }', [], ['totalCount', 'edges']],
    ['{ brands { edges { node { id name } } } }', ['edges', 'node'], ['id', 'name']],
    ['{ brands { ...C } } fragment C on BrandConnection { totalCount }', [], ['totalCount']],
    ['{ brands { ... on BrandConnection { pageInfo { endCursor } } } }', [], ['pageInfo']],
    [
      '{ brands { edges { node { ...B } } } } fragment B on Brand { slug ... on Brand { timezone } }',
      ['edges', 'node'],
      ['slug', 'timezone'],
    ],
    ['{ brands { totalCount @skip(if: true) } }', [], ['totalCount']],
    [
      '{ brands { a: edges { node { id } } b: edges { node { name } } } }',
      ['edges', 'node'],
      ['id', 'name'],
    ],
    ['{ brands { nodes { id } } }', ['edges', 'node'], []],
  ])('%s at %p → %p', (query, path, fields) => {
    expect([...selectedFields(infoOf(query), path)].sort()).toEqual([...fields].sort());
  });
});

describe('nodeFields', () => {
  it('joins edges.node and nodes', () => {
    const info = infoOf('{ brands { nodes { id } edges { cursor node { name } } } }');
    expect([...nodeFields(info)].sort()).toEqual(['id', 'name']);
  });
});
