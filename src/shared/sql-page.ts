import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toConnection, type Connection } from './connection';
import type { CursorScope } from './cursor';

/**
 * Newest-first keyset pagination over a fact table, ordered by (time, id)
 * descending: stable under inserts, and every page is one index range scan.
 * Cursors are bound to `scope` (the connection and its filter).
 */
export async function timeOrderedPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  timeColumn: string,
  timeOf: (row: T) => Date,
  first: number,
  after: string | null | undefined,
  scope: CursorScope,
): Promise<Connection<T>> {
  const alias = query.alias;
  const key = scope.decode(after, ['time', 'uuid']);
  const total = await query.clone().getCount();
  if (key) {
    query.andWhere(`(${alias}.${timeColumn}, ${alias}.id) < (:cursorTime, :cursorId)`, {
      cursorTime: new Date(key[0] as string),
      cursorId: key[1],
    });
  }
  const rows = await query
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(first + 1)
    .getMany();
  return toConnection(rows, first, total, key !== null, (row) =>
    scope.encode([timeOf(row).toISOString(), row.id]),
  );
}
