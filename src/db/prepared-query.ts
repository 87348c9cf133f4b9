import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement as a named prepared statement on the request's
 * connection: PostgreSQL parses and plans it once per connection (request
 * connections use plan_cache_mode=force_generic_plan, see
 * data-source-options.ts), instead of re-planning a large report statement
 * on every call — planning cost several times its execution. Without a
 * connection of its own (an owner manager), it falls back to a plain query.
 */
export async function preparedQuery<T>(
  m: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = (m.queryRunner as unknown as { databaseConnection?: PgClient } | undefined)
    ?.databaseConnection;
  if (!client) return m.query(text, values);
  m.connection.logger.logQuery(text, values, m.queryRunner);
  const name = `rapport_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
