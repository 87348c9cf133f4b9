import type { Config } from '../../config';
import { connectDatabase, runMigrations } from '../../db/connect';
import { createServices } from '../../server/services';
import type { ImportEvent } from './import-item';
import { Importer } from './importer';
import { progressLine, summaryText } from './import-report';

export interface ImportJob {
  label: string;
  events: AsyncIterable<ImportEvent>;
}

/**
 * The operator commands' shared path (npm run import, npm run seed): open the
 * configured database as its owner, migrate, find or create the workspace,
 * run each job with progress on a terminal, and print its summary.
 */
export async function importFiles(
  config: Config,
  workspaceName: string,
  jobs: ImportJob[],
  batchSize?: number,
): Promise<void> {
  const database = await connectDatabase(config);
  try {
    await runMigrations(database.dataSource);
    const services = createServices();
    const workspace = await database.dataSource.transaction((m) =>
      services.workspaces.findOrCreate(m, workspaceName),
    );
    const tty = process.stdout.isTTY;
    for (const job of jobs) {
      process.stdout.write(`\n${job.label} → workspace "${workspaceName}"\n`);
      const importer = new Importer(database.dataSource, services, workspace.id, {
        batchSize,
        onProgress: tty ? (p) => process.stdout.write(`\r${progressLine(p)}`) : undefined,
      });
      const summary = await importer.run(job.events);
      if (tty) process.stdout.write('\n');
      process.stdout.write(summaryText(summary) + '\n');
    }
  } finally {
    await database.close();
  }
}
