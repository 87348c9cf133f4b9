import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from '../server/schema';

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');
const HEADER =
  '# Generated from the code by `npm run schema:emit`. Do not edit: CI fails when it is stale.\n\n';

/** Writes schema.graphql, or with --check fails when the committed file differs. */
async function main(): Promise<void> {
  const printed = HEADER + printSchema(await createSchema()) + '\n';
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== printed) {
      process.stderr.write(
        'schema.graphql is stale: run `npm run schema:emit` and commit the result\n',
      );
      process.exit(1);
    }
    process.stdout.write('schema.graphql is up to date\n');
    return;
  }
  writeFileSync(SCHEMA_FILE, printed);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
