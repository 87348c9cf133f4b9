import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres';

export const TEMPLATE_DB = 'rapport_test_template';

/**
 * The suite's PostgreSQL: the one in TEST_DATABASE_URL (any server, e.g. a
 * PostgreSQL 15), or a fresh embedded one in the OS temp folder.
 */
export async function startTestPostgres(): Promise<{
  adminUrl: string;
  server?: EmbeddedDatabase;
  dataDir?: string;
}> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { adminUrl: external };
  const base = mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'));
  // as root the server runs as "postgres", which must be able to enter the folder
  chmodSync(base, 0o755);
  const dataDir = path.join(base, 'data');
  const server = await startEmbeddedPostgres(dataDir);
  return { adminUrl: server.url, server, dataDir: base };
}

export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A migrated template; every test file clones it (CREATE DATABASE … TEMPLATE: milliseconds). */
export async function createTemplate(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${TEMPLATE_DB}`);
  const ds = new DataSource(dataSourceOptions(urlForDatabase(adminUrl, TEMPLATE_DB), 1));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: urlForDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
