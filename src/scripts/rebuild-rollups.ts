import 'reflect-metadata';
import { createServices } from '../server/services';
import { runPerBrand } from './brand-command';
import { cli } from './cli';

const USAGE = `Usage: npm run rollups:rebuild -- [--brand <id>]...

Recomputes the daily rollups (engagement_daily) of every brand, or of the
given brands, from the raw rows. Each brand is rebuilt in its own transaction
under the brand's write lock, so the server may keep running. Rollups are
rebuilt automatically when a brand's time zone or response target changes;
this command is for repairs and after restoring raw rows by hand.`;
const command = cli('rollups:rebuild', USAGE);

async function main(): Promise<void> {
  await runPerBrand(command, USAGE, async (dataSource, brands) => {
    const services = createServices();
    const started = Date.now();
    for (const [i, brand] of brands.entries()) {
      const uow = services.unitOfWork(dataSource, brand.workspace_id);
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
  });
}

command.run(main);
