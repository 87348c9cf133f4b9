import 'reflect-metadata';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { DEFAULT_HTTP_OPTIONS } from '../config';
import { runMigrations } from '../db/connect';
import { dataSourceOptions } from '../db/data-source-options';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { ALL_SCOPES } from '../modules/api-keys/api-key.service';
import { Importer } from '../modules/import/importer';
import { playReviewEvents } from '../modules/import/play-reviews-mapper';
import type { ImportEvent } from '../modules/ingestion/interchange-event';
import { twcsEvents } from '../modules/import/twcs-mapper';
import { createApp } from '../server/app';
import { createServices } from '../server/services';
import { setLogLevel } from '../shared/logger';
import { bankFiguresTable, withFiguresTable, type Gql } from './readme-bank-figures';
import { twitterFiguresTable } from './readme-twitter-figures';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

/**
 * Regenerates the README's figures from the code that computes them: a fresh
 * embedded PostgreSQL in a temporary folder, the shared Google Play reviews
 * and Twitter sample imported (one workspace each), the README's queries
 * asked over HTTP, the tables rewritten.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: process.env.SHARED_DATA_DIR ?? '../shared/data' } },
  });
  const file = path.resolve(values.data, 'google-play-bank-reviews.csv');
  const tweets = path.resolve(values.data, 'twcs-sample-5k.csv');
  setLogLevel('warn');
  const base = mkdtempSync(path.join(os.tmpdir(), 'rapport-figures-'));
  chmodSync(base, 0o755); // as root the server runs as "postgres", which must enter the folder
  const postgres = await startEmbeddedPostgres(path.join(base, 'data'));
  const owner = new DataSource(dataSourceOptions(postgres.url, 2));
  const requests = new DataSource(dataSourceOptions(postgres.url, 4, true));
  try {
    await owner.initialize();
    await runMigrations(owner);
    const services = createServices();
    const load = async (workspace: string, events: AsyncIterable<ImportEvent>) => {
      const { workspaceId, secret } = await owner.transaction(async (m) => {
        const ws = await services.workspaces.findOrCreate(m, workspace);
        const key = await services.apiKeys.create(
          { manager: m, workspaceId: ws.id },
          'docs:figures',
          ALL_SCOPES,
        );
        return { workspaceId: ws.id, secret: key.secret };
      });
      await new Importer(owner, services, workspaceId).run(events);
      return secret;
    };
    const banks = await load('default', playReviewEvents(file));
    const twitter = await load('twitter', twcsEvents(tweets));
    await requests.initialize();
    const app = await createApp(requests, { migrated: true }, DEFAULT_HTTP_OPTIONS);
    const server = app.express.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const gql =
        (secret: string): Gql =>
        async (query, variables) => {
          const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
          if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
          return body.data;
        };
      const bankTable = await bankFiguresTable(gql(banks));
      const twitterTable = await twitterFiguresTable(gql(twitter));
      const readme = withFiguresTable(
        withFiguresTable(readFileSync(README, 'utf8'), bankTable),
        twitterTable,
        'twitter',
      );
      writeFileSync(README, readme);
      process.stdout.write(`${bankTable}\n\n${twitterTable}\n\nwrote ${README}\n`);
    } finally {
      await new Promise((r) => server.close(r));
      await app.stop();
    }
  } finally {
    if (requests.isInitialized) await requests.destroy();
    if (owner.isInitialized) await owner.destroy();
    await postgres.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`docs:figures: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
