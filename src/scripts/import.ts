import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { IMPORT_FORMATS } from '../modules/import/import-formats';
import { ImportFileError } from '../modules/import/import-item';
import { importFiles } from '../modules/import/import-files';
import { IMPORT_CHUNK_LINES } from '../modules/import/importer';
import { MAX_CHUNK_LINES } from '../modules/ingestion/bulk-ingestion';
import { IMPORT_EXIT as EXIT, importOutcome } from '../modules/import/import-report';
import { setLogLevel } from '../shared/logger';
import { cli } from './cli';

const USAGE = `Usage: npm run import -- <format> <file> [--workspace <name> [--create-workspace]] [--batch-size <n>]

Formats: ${Object.keys(IMPORT_FORMATS).join(', ')} (see the README).
Imports into the workspace (default "default", created if needed; a named one
must exist unless --create-workspace) through the bulk path of POST /ingest
(the validation, idempotency and linking of recordInteractions, set-based), in
chunks of up to 5,000 lines per brand, one transaction each: a bad line is
reported, the others are written. Running it twice changes nothing. Honours DATABASE_URL (unset: the
embedded PostgreSQL).
Exit status: 0 every line imported, 3 some lines rejected, 4 nothing imported,
2 bad arguments, 1 could not run.`;
const command = cli('import', USAGE);
const fail: (message: string) => never = (message) => command.fail(message, EXIT.usage);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      'create-workspace': { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: String(IMPORT_CHUNK_LINES) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const [format, file] = positionals;
  if (!format || !file || positionals.length > 2) fail('a format and a file are required');
  const events = IMPORT_FORMATS[format];
  if (!events) fail(`unknown format "${format}"`);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_CHUNK_LINES)
    fail(`--batch-size must be 1 to ${MAX_CHUNK_LINES}`);
  const workspace = values.workspace?.trim() ?? 'default';
  if (workspace === '') fail('--workspace must not be empty');

  const config = loadConfig();
  setLogLevel('warn');
  const summaries = await importFiles(
    config,
    // "default" is the workspace the server creates on its first start
    { workspace, create: values['create-workspace'] || values.workspace === undefined },
    [{ label: `Importing ${file} (${format})`, events: events(file) }],
    batchSize,
  );
  process.exitCode = EXIT[importOutcome(summaries)];
}

command.run(main, (error) => (error instanceof ImportFileError ? EXIT.nothing : EXIT.failed));
