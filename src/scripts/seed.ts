import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { ImportFileError } from '../modules/import/import-item';
import { importFiles } from '../modules/import/import-files';
import { playReviewEvents } from '../modules/import/play-reviews-mapper';
import { twcsEvents } from '../modules/import/twcs-mapper';
import { setLogLevel } from '../shared/logger';

/** Loads both shared datasets into the workspace "default" of the current database. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      workspace: { type: 'string' },
      'create-workspace': { type: 'boolean', default: false },
    },
  });
  const workspace = values.workspace?.trim() || 'default';
  const dir = path.resolve(values.data);
  const config = loadConfig();
  setLogLevel('warn');
  // "default" (the server's first workspace) is created when missing; a named one must exist
  const create = values['create-workspace'] || values.workspace === undefined;
  await importFiles(config, { workspace, create }, [
    {
      label: `Customer Support on Twitter (${path.join(dir, 'twcs-sample-5k.csv')})`,
      events: twcsEvents(path.join(dir, 'twcs-sample-5k.csv')),
    },
    {
      label: `Google Play bank reviews (${path.join(dir, 'google-play-bank-reviews.csv')})`,
      events: playReviewEvents(path.join(dir, 'google-play-bank-reviews.csv')),
    },
  ]);
  process.stdout.write(
    `\nSeeded the workspace "${workspace}". Start the server (npm start) and try the query in the README:\n` +
      'which bank answers its reviewers best, and how fast.\n',
  );
}

main().catch((error: unknown) => {
  const known =
    error instanceof ImportFileError ||
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError;
  process.stderr.write(`seed: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
