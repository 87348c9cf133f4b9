import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { createBiRole, DEFAULT_BI_ROLE_LIMITS } from '../modules/bi/bi-roles';
import { setLogLevel } from '../shared/logger';
import { cli } from './cli';

const USAGE = `Usage: npm run bi:role -- --workspace <name> --role <role name>
         [--connection-limit <n, default ${DEFAULT_BI_ROLE_LIMITS.connectionLimit}>]
         [--statement-timeout <seconds, default ${DEFAULT_BI_ROLE_LIMITS.statementTimeoutSeconds}>]

Creates (or resets) a read-only PostgreSQL login for BI tools that speak SQL:
it sees the views of schema "bi" (brands, audiences, engagement_daily) for this
workspace only, with at most that many sessions and statements cut after the
timeout. The password is BI_ROLE_PASSWORD, or a new one printed once.
See docs/bi.md.`;
const command = cli('bi:role', USAGE);
const fail: (message: string) => never = (message) => command.fail(message);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      role: { type: 'string' },
      'connection-limit': { type: 'string' },
      'statement-timeout': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  if (!values.workspace || !values.role) fail('--workspace and --role are required');
  const limits = {
    connectionLimit: Number(values['connection-limit'] ?? DEFAULT_BI_ROLE_LIMITS.connectionLimit),
    statementTimeoutSeconds: Number(
      values['statement-timeout'] ?? DEFAULT_BI_ROLE_LIMITS.statementTimeoutSeconds,
    ),
  };
  const password = process.env.BI_ROLE_PASSWORD || randomBytes(18).toString('base64url');
  setLogLevel('warn');
  const database = await connectDatabase(loadConfig());
  try {
    await runMigrations(database.dataSource);
    await database.dataSource.transaction(async (m) => {
      const [ws] = await m.query('SELECT id FROM workspaces WHERE name = $1', [values.workspace]);
      if (!ws) fail(`no workspace named "${values.workspace}"`);
      await createBiRole(m, ws.id, values.role!, password, limits);
    });
    const url = new URL(database.url);
    process.stdout.write(
      `BI role "${values.role}" can read schema bi of workspace "${values.workspace}"` +
        ` (${limits.connectionLimit} sessions, statements ≤ ${limits.statementTimeoutSeconds} s):\n` +
        `  host ${url.hostname} port ${url.port || 5432} database ${url.pathname.slice(1)} user ${values.role}\n` +
        (process.env.BI_ROLE_PASSWORD ? '' : `  password (shown only now):\n${password}\n`),
    );
  } finally {
    await database.close();
  }
}

command.run(main);
