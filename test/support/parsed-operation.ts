import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** The first operation of `query` and its fragments by name, as the server sees them. */
export function parsedOperation(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { operation, fragments };
}
