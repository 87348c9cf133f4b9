import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  valueFromASTUntyped,
} from 'graphql';

/** Page sizes assumed for list fields that take no `first` (their real sizes are small and bounded). */
const LIST_ESTIMATES: Record<string, number> = {
  audiences: 10,
  apiKeys: 10,
  phases: 4,
  components: 4,
  evidence: 7,
  scores: 4,
  brandsByModel: 4,
  brandsByStage: 3,
  engagementSeries: 31,
  classificationSeries: 31,
};
const DEFAULT_LIST_ESTIMATE = 10;
const DEFAULT_FIRST = 20;

/** Extra cost of fields that aggregate or write (on top of 1 per object field). */
const FIELD_WEIGHTS: Record<string, number> = {
  engagement: 5,
  classification: 5,
  engagementSeries: 10,
  classificationSeries: 10,
  workspaceOverview: 20,
  recordInteractions: 50,
  recordActivity: 5,
  recordFeedback: 5,
};

export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Depth, alias count and estimated cost of an operation, fragments inlined:
 * every object field costs 1 (plus its weight) times the number of parents
 * it is asked for; a connection's children count `first` times (default 20),
 * other lists their estimate; scalars are free.
 */
export function operationShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationShape {
  const root = schema.getRootType(operation.operation);
  let aliases = 0;
  const walk = (
    set: SelectionSetNode,
    type: GraphQLObjectType | null,
    depth: number,
    multiplier: number,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    const visit = (selections: SelectionSetNode, parent: GraphQLObjectType | null) => {
      for (const selection of selections.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments[selection.name.value];
          if (fragment)
            visit(
              fragment.selectionSet,
              typeNamed(schema, fragment.typeCondition.name.value) ?? parent,
            );
          continue;
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(
            selection.selectionSet,
            selection.typeCondition
              ? (typeNamed(schema, selection.typeCondition.name.value) ?? parent)
              : parent,
          );
          continue;
        }
        if (selection.alias) aliases++;
        const field = parent?.getFields()[selection.name.value];
        if (!selection.selectionSet) continue; // scalars are free
        // a connection's `first` already counts its nodes and edges
        const inConnection = parent?.name.endsWith('Connection') ?? false;
        const child = inConnection
          ? { type: objectType(field), multiplier }
          : fieldChild(field, selection, variables, multiplier);
        cost += multiplier * (1 + (FIELD_WEIGHTS[selection.name.value] ?? 0));
        const below = walk(selection.selectionSet, child.type, depth + 1, child.multiplier);
        cost += below.cost;
        maxDepth = Math.max(maxDepth, below.depth);
      }
    };
    visit(set, type);
    return { depth: maxDepth, cost };
  };
  const { depth, cost } = walk(operation.selectionSet, root ?? null, 0, 1);
  return { depth, aliases, cost };
}

function typeNamed(schema: GraphQLSchema, name: string): GraphQLObjectType | null {
  const type = schema.getType(name);
  return type && isObjectType(type) ? type : null;
}

function objectType(field: GraphQLField<unknown, unknown> | undefined): GraphQLObjectType | null {
  const named = field ? getNamedType(field.type) : undefined;
  return named && isObjectType(named) ? named : null;
}

function fieldChild(
  field: GraphQLField<unknown, unknown> | undefined,
  node: FieldNode,
  variables: Record<string, unknown>,
  multiplier: number,
): { type: GraphQLObjectType | null; multiplier: number } {
  if (!field) return { type: null, multiplier };
  const named = getNamedType(field.type);
  const type = isObjectType(named) ? named : null;
  const firstArg = node.arguments?.find((a) => a.name.value === 'first');
  if (firstArg || type?.name.endsWith('Connection')) {
    const first = firstArg ? Number(valueFromASTUntyped(firstArg.value, variables)) : DEFAULT_FIRST;
    return {
      type,
      multiplier: multiplier * (Number.isFinite(first) && first > 0 ? first : DEFAULT_FIRST),
    };
  }
  if (isListType(getNullableType(field.type))) {
    return {
      type,
      multiplier: multiplier * (LIST_ESTIMATES[node.name.value] ?? DEFAULT_LIST_ESTIMATE),
    };
  }
  return { type, multiplier };
}
