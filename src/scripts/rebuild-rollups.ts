import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { createServices } from '../server/services';
import { setLogLevel } from '../shared/logger';
import { isUuid } from '../shared/validate';
import { cli } from './cli';

const USAGE = `Usage: npm run rollups:rebuild -- [--brand <id>]...

Recomputes the daily rollups (engagement_daily) of every brand, or of the
given brands, from the raw rows. Each brand is rebuilt in its own transaction
under the brand's write lock, so the server may keep running. Rollups are
rebuilt automatically when a brand's time zone or response target changes;
this command is for repairs and after restoring raw rows by hand.`;
const command = cli('rollups:rebuild', USAGE);
const fail: (message: string) => never = (message) => command.fail(message);

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
    for (const [i, brand] of brands.entries()) {
      const uow = services.unitOfWork(database.dataSource, brand.workspace_id);
      let rows: number;
      try {
        // under the brand's write lock, like every writer; rebuilt before commit
        await uow.write(async (scope) => {
          await services.brands.require(scope, brand.id, true);
          scope.changes.rebuild(brand.id);
        });
        [{ n: rows }] = await uow.read(({ manager }) =>
          manager.query('SELECT count(*)::int AS n FROM engagement_daily WHERE brand_id = $1', [
            brand.id,
          ]),
        );
      } finally {
        await uow.close();
      }
      process.stdout.write(`[${i + 1}/${brands.length}] ${brand.name}: ${rows} rollup rows\n`);
    }
    process.stdout.write(
      `Rebuilt the rollups of ${brands.length} brand(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } finally {
    await database.close();
  }
}

command.run(main);
