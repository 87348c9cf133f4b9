import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ValidationError } from './domain-error';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A number, or counted on first use (only when a query selects it). */
  readonly totalCount: number | Promise<number>;
}

/** One Relay connection type per node type, all shaped alike. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [node], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All items matching the filter, on every page.' })
    totalCount!: number | Promise<number>;
  }
  return ConnectionClass;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new ValidationError([{ field: 'first', reason: `must be from 0 to ${max}` }]);
  }
  return first;
}

/**
 * Builds a page from `first + 1` fetched rows. `totalCount` may be a count
 * to run only if `totalCount` is resolved (once, however often it is asked).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number | (() => Promise<number>),
  hasPrevious: boolean,
  cursorOf: (row: T) => string,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    get totalCount() {
      if (typeof totalCount === 'number') return totalCount;
      return (counted ??= totalCount());
    },
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * `first` and `after`, the paging arguments of every connection (declared
 * after → first: type-graphql lists a field's arguments last to first, and
 * schema.graphql keeps the order partners already see).
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => Int, { nullable: true })
  first?: number;
}
