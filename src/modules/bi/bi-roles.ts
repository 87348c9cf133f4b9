import type { EntityManager } from 'typeorm';
import { ValidationError } from '../../shared/domain-error';

/** PostgreSQL role names we create: lower-case, safe to quote, not a reserved prefix. */
const ROLE_NAME = /^[a-z][a-z0-9_]{2,62}$/;

/** What one BI login may take from the database, so a BI tool cannot starve the API. */
export interface BiRoleLimits {
  /** Sessions at once (PostgreSQL's role CONNECTION LIMIT). */
  readonly connectionLimit: number;
  /** Longest statement, and longest idle time inside a transaction. */
  readonly statementTimeoutSeconds: number;
}

export const DEFAULT_BI_ROLE_LIMITS: BiRoleLimits = {
  connectionLimit: 5,
  statementTimeoutSeconds: 60,
};

/**
 * Creates (or updates) a login role for a BI tool: member of rapport_bi
 * (SELECT on the `bi` views only), mapped to one workspace in bi_access,
 * with a connection limit and a statement timeout.
 */
export async function createBiRole(
  m: EntityManager,
  workspaceId: string,
  role: string,
  password: string,
  limits: BiRoleLimits = DEFAULT_BI_ROLE_LIMITS,
): Promise<void> {
  if (!ROLE_NAME.test(role) || role.startsWith('pg_') || role.startsWith('rapport'))
    throw new ValidationError([
      {
        field: 'role',
        reason: 'lower-case letters, digits and _, 3–63 characters, not pg_/rapport…',
      },
    ]);
  if (password.length < 12)
    throw new ValidationError([{ field: 'password', reason: 'at least 12 characters' }]);
  const { connectionLimit, statementTimeoutSeconds } = limits;
  if (!Number.isInteger(connectionLimit) || connectionLimit < 1 || connectionLimit > 100)
    throw new ValidationError([
      { field: 'connectionLimit', reason: 'a whole number from 1 to 100' },
    ]);
  if (
    !Number.isInteger(statementTimeoutSeconds) ||
    statementTimeoutSeconds < 1 ||
    statementTimeoutSeconds > 86_400
  )
    throw new ValidationError([
      { field: 'statementTimeoutSeconds', reason: 'a whole number from 1 to 86,400' },
    ]);
  const [{ exists }] = await m.query(
    'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists',
    [role],
  );
  const [{ literal }] = await m.query('SELECT quote_literal($1) AS literal', [password]);
  await m.query(
    `${exists ? 'ALTER' : 'CREATE'} ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS CONNECTION LIMIT ${connectionLimit} PASSWORD ${literal}`,
  );
  // per-role settings apply at every login of the role (validated integers above)
  for (const setting of ['statement_timeout', 'idle_in_transaction_session_timeout'])
    await m.query(`ALTER ROLE "${role}" SET ${setting} = '${statementTimeoutSeconds}s'`);
  await m.query(`GRANT rapport_bi TO "${role}"`);
  await m.query(
    `INSERT INTO bi_access (role_name, workspace_id) VALUES ($1, $2)
     ON CONFLICT (role_name) DO UPDATE SET workspace_id = EXCLUDED.workspace_id`,
    [role, workspaceId],
  );
}
