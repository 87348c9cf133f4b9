import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { ALL_SCOPES, ApiKeyService } from '../modules/api-keys/api-key.service';
import { WorkspaceService } from '../modules/workspaces/workspace.service';
import { setLogLevel } from '../shared/logger';
import { type ApiKeyScope } from '../shared/vocabulary';
import { cli } from './cli';

const USAGE = `Usage: npm run apikey -- --workspace <name> [--scopes read,write,admin] [--name <label>]

Creates the workspace if it does not exist, then a new API key in it, and
prints the key alone on the last line. Honours DATABASE_URL (unset: the
embedded PostgreSQL, which it starts, or reuses while the server runs).`;
const command = cli('apikey', USAGE);
const fail: (message: string) => never = (message) => command.fail(message);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      scopes: { type: 'string', default: 'read,write,admin' },
      name: { type: 'string', default: 'created by npm run apikey' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const workspace = values.workspace?.trim();
  if (!workspace) fail('--workspace <name> is required');
  if (workspace.length > 100) fail('--workspace must be at most 100 characters');
  const scopes = parseScopes(values.scopes);

  const config = loadConfig();
  setLogLevel('warn');
  const database = await connectDatabase(config);
  try {
    await runMigrations(database.dataSource);
    const created = await database.dataSource.transaction(async (m) => {
      const ws = await new WorkspaceService().findOrCreate(m, workspace);
      return new ApiKeyService().create({ manager: m, workspaceId: ws.id }, values.name, scopes);
    });
    process.stdout.write(
      `Created API key "${created.apiKey.name}" (${scopes.join(', ').toLowerCase()}) for workspace "${workspace}". ` +
        'It is shown only now:\n',
    );
    process.stdout.write(`${created.secret}\n`);
  } finally {
    await database.close();
  }
}

function parseScopes(raw: string): ApiKeyScope[] {
  const names = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(ALL_SCOPES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length) {
    fail(
      `--scopes takes a comma-separated list of read, write, admin${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  return [...new Set(names)] as ApiKeyScope[];
}

command.run(main);
