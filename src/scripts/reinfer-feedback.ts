import 'reflect-metadata';
import { INFERENCE_VERSION } from '../modules/text-signals/text-model';
import { createServices } from '../server/services';
import { runPerBrand } from './brand-command';
import { cli } from './cli';

const USAGE = `Usage: npm run feedback:reinfer -- [--brand <id>]...

Applies the current text model (${INFERENCE_VERSION}) to the stored feedback of
every brand, or of the given brands, whose text another version read (or none:
items stored before the TextSignals migration). Each chunk of a brand is
re-read in its own transaction under the brand's write lock, with its rollups
brought up to date before it commits, so the server may keep running.
Corrections (reclassifyFeedback) and the callers' sentiments still win.`;
const command = cli('feedback:reinfer', USAGE);

async function main(): Promise<void> {
  await runPerBrand(command, USAGE, async (dataSource, brands) => {
    const services = createServices();
    const started = Date.now();
    let total = 0;
    let touched = 0;
    for (const [i, brand] of brands.entries()) {
      const uow = services.unitOfWork(dataSource, brand.workspace_id);
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
  });
}

command.run(main);
