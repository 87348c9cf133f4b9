import type { DataSource, QueryRunner } from 'typeorm';

/**
 * How the benchmark loads a big synthetic history the way PostgreSQL loads
 * fast (its "populating a database" advice): on `SESSIONS` sessions at once,
 * with foreign-key triggers off (`session_replication_role = replica`; the
 * generator writes consistent rows by construction), and, for a load at
 * least as big as what is there, with the secondary indexes of the fact
 * tables dropped and built again afterwards (one sort per index instead of a
 * random insert per row). Unique keys and primary keys stay.
 */
export interface BulkLoad {
  sessions: QueryRunner[];
  /** What was turned off, for the log. */
  shortcuts: string[];
  finish: (log: (message: string) => void) => Promise<void>;
}

/** One session per core of this 2-core machine. */
export const SESSIONS = 2;
const FACT_TABLES = ['feedback', 'activities'];

export async function startBulkLoad(
  ds: DataSource,
  adding: number,
  existing: number,
): Promise<BulkLoad> {
  const sessions: QueryRunner[] = [];
  const shortcuts: string[] = [];
  let triggersOff = true;
  for (let i = 0; i < SESSIONS; i++) {
    const session = ds.createQueryRunner();
    await session.connect();
    sessions.push(session);
    await session.query(`SET synchronous_commit = off`);
    await session.query(`SET maintenance_work_mem = '1GB'`);
    try {
      await session.query(`SET session_replication_role = replica`);
    } catch {
      triggersOff = false; // not a superuser (BENCH_DATABASE_URL): the triggers run, slower
    }
  }
  if (triggersOff) shortcuts.push('foreign-key triggers off');
  const [first] = sessions as [QueryRunner];
  const dropped: { name: string; definition: string }[] =
    adding >= Math.max(existing, 1_000_000)
      ? await first.query(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
             FROM pg_index i
            WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
          [FACT_TABLES],
        )
      : [];
  for (const index of dropped) await first.query(`DROP INDEX ${index.name}`);
  if (dropped.length > 0) shortcuts.push(`${dropped.length} secondary indexes dropped`);
  shortcuts.push(`${SESSIONS} sessions`);
  return {
    sessions,
    shortcuts,
    finish: async (log) => {
      try {
        for (const [i, index] of dropped.entries()) {
          log(`  building index ${i + 1}/${dropped.length}: ${index.name}`);
          await first.query(index.definition);
        }
      } finally {
        for (const session of sessions) {
          await session.query('RESET ALL'); // the connection goes back to the pool
          await session.release();
        }
      }
    },
  };
}
