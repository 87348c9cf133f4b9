import type { EntityManager } from 'typeorm';
import { ValidationError } from '../../shared/domain-error';

/** PostgreSQL role names we create: lower-case, safe to quote, not a reserved prefix. */
const ROLE_NAME = /^[a-z][a-z0-9_]{2,62}$/;

/**
 * Creates (or updates) a login role for a BI tool: member of rapport_bi
 * (SELECT on the `bi` views only), mapped to one workspace in bi_access.
 */
export async function createBiRole(
  m: EntityManager,
  workspaceId: string,
  role: string,
  password: string,
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
  const [{ exists }] = await m.query(
    'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists',
    [role],
  );
  const [{ literal }] = await m.query('SELECT quote_literal($1) AS literal', [password]);
  await m.query(
    `${exists ? 'ALTER' : 'CREATE'} ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`,
  );
  await m.query(`GRANT rapport_bi TO "${role}"`);
  await m.query(
    `INSERT INTO bi_access (role_name, workspace_id) VALUES ($1, $2)
     ON CONFLICT (role_name) DO UPDATE SET workspace_id = EXCLUDED.workspace_id`,
    [role, workspaceId],
  );
}
