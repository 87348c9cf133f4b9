import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { IMPORT_FORMATS } from '../modules/import/import-formats';
import { ImportFileError } from '../modules/import/import-item';
import { importFiles } from '../modules/import/import-files';
import { setLogLevel } from '../shared/logger';

const USAGE = `Usage: npm run import -- <format> <file> [--workspace <name>] [--batch-size <n>]

Formats: ${Object.keys(IMPORT_FORMATS).join(', ')} (see the README).
Imports into the workspace (default "default", created if needed) through the
same validation, idempotency and linking as recordInteractions, in atomic
batches of up to 1,000 items per brand. Running it twice changes nothing.
Honours DATABASE_URL (unset: the embedded PostgreSQL).`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      workspace: { type: 'string', default: 'default' },
      'batch-size': { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const [format, file] = positionals;
  if (!format || !file || positionals.length > 2) fail('a format and a file are required');
  const events = IMPORT_FORMATS[format];
  if (!events) fail(`unknown format "${format}"`);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
    fail('--batch-size must be 1 to 1000');

  const config = loadConfig();
  setLogLevel('warn');
  await importFiles(
    config,
    values.workspace,
    [{ label: `Importing ${file} (${format})`, events: events(file) }],
    batchSize,
  );
}

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ImportFileError ||
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError;
  process.stderr.write(`import: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
