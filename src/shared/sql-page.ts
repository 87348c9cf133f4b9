import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './connection';
import { isUuid } from './validate';

/**
 * Newest-first keyset pagination over a fact table, ordered by (time, id)
 * descending: stable under inserts, and every page is one index range scan.
 */
export async function timeOrderedPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  timeColumn: string,
  timeOf: (row: T) => Date,
  first: number,
  after: string | null | undefined,
): Promise<Connection<T>> {
  const alias = query.alias;
  const total = await query.clone().getCount();
  const key = decodeCursor(after, 2);
  if (key) {
    const at = new Date(String(key[0]));
    if (Number.isNaN(at.getTime()) || !isUuid(String(key[1]))) query.andWhere('false');
    else {
      query.andWhere(`(${alias}.${timeColumn}, ${alias}.id) < (:cursorTime, :cursorId)`, {
        cursorTime: at,
        cursorId: String(key[1]),
      });
    }
  }
  const rows = await query
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(first + 1)
    .getMany();
  return toConnection(rows, first, total, key !== null, (row) =>
    encodeCursor([timeOf(row).toISOString(), row.id]),
  );
}
