import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/db/connect';
import { dataSourceOptions } from '../src/db/data-source-options';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ALL_SCOPES, ApiKeyService } from '../src/modules/api-keys/api-key.service';
import { setLogLevel } from '../src/shared/logger';
import { ServerProcess } from './server-process';

/** What a benchmark writes to: the database, the server's port, a key with every scope, its workspace. */
export interface BenchTarget {
  ds: DataSource;
  databaseUrl: string;
  port: number;
  apiKey: string;
  workspaceId: string;
}

/**
 * For a benchmark run on its own: PostgreSQL (embedded in a temporary folder,
 * or BENCH_DATABASE_URL), migrated, a workspace with a key, the server as its
 * own process; `work` gets the target, and everything is stopped afterwards.
 */
export async function withStandaloneTarget(
  work: (target: BenchTarget) => Promise<void>,
): Promise<void> {
  setLogLevel('warn');
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let stopDatabase = async () => undefined as void;
  let dir: string | undefined;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-one-'));
    chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres(path.join(dir, 'data'));
    databaseUrl = embedded.url;
    stopDatabase = () => embedded.stop();
  }
  const ds = new DataSource(dataSourceOptions(databaseUrl, 4));
  await ds.initialize();
  let server: ServerProcess | undefined;
  try {
    await runMigrations(ds);
    const [{ id: workspaceId }] = await ds.query(
      `INSERT INTO workspaces (name) VALUES ('bench one brand ' || gen_random_uuid()) RETURNING id`,
    );
    const { secret } = await ds.transaction((m) =>
      new ApiKeyService().create({ manager: m, workspaceId }, 'bench', [...ALL_SCOPES]),
    );
    server = await ServerProcess.start(databaseUrl);
    await work({ ds, databaseUrl, port: server.port, apiKey: secret, workspaceId });
  } finally {
    await server?.stop();
    await ds.destroy();
    await stopDatabase();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `main` when this file is the one node was started with (directly or through scripts/run-built.js). */
export function runIfMain(file: string, main: () => Promise<void>): void {
  if (path.resolve(process.argv[1] ?? '') !== file) return;
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
