import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { ImportFileError } from '../modules/import/import-item';
import { Importer } from '../modules/import/importer';
import { playReviewEvents } from '../modules/import/play-reviews-mapper';
import { progressLine, summaryText } from '../modules/import/import-report';
import { twcsEvents } from '../modules/import/twcs-mapper';
import { createServices } from '../server/services';
import { setLogLevel } from '../shared/logger';

/** Loads both shared datasets into the workspace "default" of the current database. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      workspace: { type: 'string', default: 'default' },
    },
  });
  const dir = path.resolve(values.data);
  const config = loadConfig();
  setLogLevel('warn');
  const database = await connectDatabase(config);
  try {
    await runMigrations(database.dataSource);
    const services = createServices();
    const workspace = await database.dataSource.transaction((m) =>
      services.workspaces.findOrCreate(m, values.workspace),
    );
    for (const [label, file, events] of [
      ['Customer Support on Twitter', 'twcs-sample-5k.csv', twcsEvents],
      ['Google Play bank reviews', 'google-play-bank-reviews.csv', playReviewEvents],
    ] as const) {
      process.stdout.write(`\n${label} (${path.join(dir, file)})\n`);
      const importer = new Importer(database.dataSource, services, workspace.id, {
        onProgress: process.stdout.isTTY
          ? (p) => process.stdout.write(`\r${progressLine(p)}`)
          : undefined,
      });
      const summary = await importer.run(events(path.join(dir, file)));
      if (process.stdout.isTTY) process.stdout.write('\n');
      process.stdout.write(summaryText(summary) + '\n');
    }
    process.stdout.write(
      `\nSeeded the workspace "${values.workspace}". Start the server (npm start) and try the query in the README:\n` +
        'which bank answers its reviewers best, and how fast.\n',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof ImportFileError ||
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError;
  process.stderr.write(`seed: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
