import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isIntrospectionType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldCost, resolveCost, type FieldArgs, type FieldCost } from './field-costs';

export const DEFAULT_FIRST = 20;
/** Lists missing from FIELD_COSTS (the field-costs test forbids any). */
const DEFAULT_LIST_ESTIMATE = 10;
/** Points for one `__schema` or `__type`: its answer is bounded by the schema, not by data. */
export const INTROSPECTION_POINTS = 100;

export interface OperationShape {
  /** Nesting of object fields, introspection left out. */
  depth: number;
  /** Nesting below `__schema` / `__type`, counted apart (getIntrospectionQuery() needs 14). */
  introspectionDepth: number;
  aliases: number;
  /** Fragment spreads once every fragment is inlined. */
  spreads: number;
  cost: number;
}

/** Thrown as soon as inlining fragments passes the limit, before anything else is counted. */
export class TooManySpreads extends Error {
  constructor(readonly spreads: number) {
    super(`more than ${spreads - 1} fragment spreads`);
  }
}

type Summary = OperationShape;
const empty = (): Summary => ({ depth: 0, introspectionDepth: 0, aliases: 0, spreads: 0, cost: 0 });

/**
 * Depth, aliases, spreads and estimated cost of an operation, fragments
 * inlined. Each object field costs 1 plus its weight (FIELD_COSTS), times
 * the number of parents it is asked for: a connection's children count
 * `first` times (default 20), other lists what they can return; scalars are
 * free. Cost is linear in the parents, so each fragment is analysed once at
 * one parent and reused: a query that spreads fragments exponentially is
 * measured in time linear in its text.
 */
export function operationShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  /** Coerced variable values; undefined when they do not coerce (the request will fail anyway). */
  variables: Record<string, unknown> | undefined,
  maxSpreads = Infinity,
): OperationShape {
  const walker = new ShapeWalker(schema, fragments, variables ?? {}, maxSpreads);
  return walker.selectionSet(
    operation.selectionSet,
    schema.getRootType(operation.operation) ?? null,
    false,
  );
}

class ShapeWalker {
  private readonly memo = new Map<string, Summary>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly maxSpreads: number,
  ) {}

  /** `introspection`: below `__schema` / `__type`, where only depth, aliases and spreads count. */
  selectionSet(
    set: SelectionSetNode,
    parent: GraphQLObjectType | null,
    introspection: boolean,
  ): Summary {
    const sum = empty();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        this.field(selection, parent, introspection, sum);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (this.objectTypeNamed(selection.typeCondition.name.value) ?? parent)
          : parent;
        add(sum, this.selectionSet(selection.selectionSet, type, introspection), 1);
      } else {
        add(sum, this.fragment(selection.name.value, parent, introspection), 1);
        sum.spreads += 1;
        if (sum.spreads > this.maxSpreads) throw new TooManySpreads(sum.spreads);
      }
    }
    return sum;
  }

  private fragment(name: string, parent: GraphQLObjectType | null, introspection: boolean) {
    const fragment = this.fragments[name];
    if (!fragment) return empty(); // unknown fragments fail validation
    const type = this.objectTypeNamed(fragment.typeCondition.name.value) ?? parent;
    const inIntrospection = introspection || (type !== null && isIntrospectionType(type));
    const key = `${name} ${type?.name} ${inIntrospection}`;
    const known = this.memo.get(key);
    if (known) return known;
    this.memo.set(key, empty()); // a cycle (refused by validation) adds nothing
    const summary = this.selectionSet(fragment.selectionSet, type, inIntrospection);
    this.memo.set(key, summary);
    return summary;
  }

  private field(
    node: FieldNode,
    parent: GraphQLObjectType | null,
    introspection: boolean,
    sum: Summary,
  ): void {
    if (node.alias) sum.aliases++;
    const name = node.name.value;
    const field = introspection ? undefined : parent?.getFields()[name];
    const declared = parent && !introspection ? fieldCost(parent.name, name) : undefined;
    const args = declared || takesFirst(field) ? this.args(field, node) : undefined;
    const weight = declared?.weight === undefined ? 0 : resolveCost(declared.weight, args);
    if (!node.selectionSet) {
      sum.cost += weight; // scalars are free unless they do work
      return;
    }
    if (introspection || name === '__schema' || name === '__type') {
      const below = this.selectionSet(node.selectionSet, null, true);
      if (introspection) sum.depth = Math.max(sum.depth, 1 + below.depth);
      else {
        sum.introspectionDepth = Math.max(sum.introspectionDepth, 1 + below.depth);
        sum.cost += INTROSPECTION_POINTS;
      }
      sum.aliases += below.aliases;
      sum.spreads += below.spreads;
      return;
    }
    // a connection's `first` already counts its edges and nodes
    const inConnection = parent?.name.endsWith('Connection') ?? false;
    const items = inConnection ? 1 : listItems(field, declared, args);
    const below = this.selectionSet(node.selectionSet, objectType(field), false);
    sum.depth = Math.max(sum.depth, 1 + below.depth);
    add(sum, { ...below, depth: 0, cost: 0 }, 1);
    sum.cost += 1 + weight + items * below.cost;
  }

  /** Coerced arguments of one field (undefined when they do not coerce: priced at worst case). */
  private args(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode): FieldArgs {
    if (!field) return undefined;
    try {
      return getArgumentValues(field, node, this.variables);
    } catch {
      return undefined;
    }
  }

  private objectTypeNamed(name: string): GraphQLObjectType | null {
    const type = this.schema.getType(name);
    return type && isObjectType(type) ? type : null;
  }
}

function add(sum: Summary, other: Summary, times: number): void {
  sum.depth = Math.max(sum.depth, other.depth);
  sum.introspectionDepth = Math.max(sum.introspectionDepth, other.introspectionDepth);
  sum.aliases += other.aliases;
  sum.spreads += other.spreads;
  sum.cost += times * other.cost;
}

function takesFirst(field: GraphQLField<unknown, unknown> | undefined): boolean {
  return field?.args.some((a) => a.name === 'first') ?? false;
}

/** How many times a field's selection is asked for: what the list can return, 1 for an object. */
function listItems(
  field: GraphQLField<unknown, unknown> | undefined,
  declared: FieldCost | undefined,
  args: FieldArgs,
): number {
  if (declared?.items !== undefined) return Math.max(1, resolveCost(declared.items, args));
  if (!field) return 1;
  if (takesFirst(field) || objectType(field)?.name.endsWith('Connection')) {
    const first = args?.first;
    return typeof first === 'number' && Number.isFinite(first) && first > 0 ? first : DEFAULT_FIRST;
  }
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_ESTIMATE : 1;
}

function objectType(field: GraphQLField<unknown, unknown> | undefined): GraphQLObjectType | null {
  const named = field ? getNamedType(field.type) : undefined;
  return named && isObjectType(named) ? named : null;
}
