import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { INFERENCE_VERSION } from '../modules/text-signals/text-model';
import { createServices } from '../server/services';
import { setLogLevel } from '../shared/logger';
import { isUuid } from '../shared/validate';

const USAGE = `Usage: npm run feedback:reinfer -- [--brand <id>]...

Applies the current text model (${INFERENCE_VERSION}) to the stored feedback of
every brand, or of the given brands, whose text another version read (or none:
items stored before the TextSignals migration). Each chunk of a brand is
re-read in its own transaction under the brand's write lock, with its rollups
brought up to date before it commits, so the server may keep running.
Corrections (reclassifyFeedback) and the callers' sentiments still win.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      brand: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const invalid = values.brand.filter((id) => !isUuid(id));
  if (invalid.length) fail(`--brand takes a brand id (UUID); got ${invalid.join(', ')}`);

  setLogLevel('warn');
  const database = await connectDatabase(loadConfig());
  try {
    await runMigrations(database.dataSource);
    const brands: { id: string; name: string; workspace_id: string }[] =
      await database.dataSource.query(
        `SELECT id, name, workspace_id FROM brands WHERE cardinality($1::uuid[]) = 0 OR id = ANY($1::uuid[]) ORDER BY id`,
        [values.brand],
      );
    const missing = values.brand.filter((id) => !brands.some((b) => b.id === id));
    if (missing.length) fail(`no brand with id ${missing.join(', ')}`);
    const services = createServices();
    const started = Date.now();
    let total = 0;
    let touched = 0;
    for (const [i, brand] of brands.entries()) {
      const uow = services.unitOfWork(database.dataSource, brand.workspace_id);
      let done = 0;
      try {
        const pending = await uow.read((scope) => services.reinference.pending(scope, brand.id));
        for (;;) {
          const n = await uow.write((scope) => services.reinference.chunk(scope, brand.id));
          if (n === 0) break;
          done += n;
          // progress in a terminal only: a log gets the one line per brand below
          if (process.stdout.isTTY)
            process.stdout.write(`[${i + 1}/${brands.length}] ${brand.name}: ${done}/${pending}\r`);
        }
      } finally {
        await uow.close();
      }
      total += done;
      if (done > 0) touched++;
      process.stdout.write(`[${i + 1}/${brands.length}] ${brand.name}: ${done} item(s) re-read\n`);
    }
    process.stdout.write(
      `Re-read ${total} feedback item(s) of ${touched} of ${brands.length} brand(s) with ${INFERENCE_VERSION} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; their rollups are up to date.\n`,
    );
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`feedback:reinfer: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`feedback:reinfer: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
