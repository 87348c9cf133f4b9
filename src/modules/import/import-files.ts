import type { Config } from '../../config';
import { connectDatabase, runMigrations } from '../../db/connect';
import { createServices } from '../../server/services';
import { ImportFileError } from './import-item';
import type { ImportEvent } from '../ingestion/interchange-event';
import { Importer, type ImportSummary } from './importer';
import { progressLine, summaryText } from './import-report';

export interface ImportJob {
  label: string;
  events: AsyncIterable<ImportEvent>;
}

/**
 * The operator commands' shared path (npm run import, npm run seed): open the
 * configured database as its owner, migrate, find the workspace (create it
 * only when told: a mistyped name must not make a new one), run each job with
 * progress on a terminal, print its summary, and return the summaries.
 */
export async function importFiles(
  config: Config,
  target: { workspace: string; create: boolean },
  jobs: ImportJob[],
  batchSize?: number,
): Promise<ImportSummary[]> {
  const database = await connectDatabase(config);
  try {
    await runMigrations(database.dataSource);
    const services = createServices();
    const workspace = await database.dataSource.transaction((m) =>
      target.create
        ? services.workspaces.findOrCreate(m, target.workspace)
        : services.workspaces.findByName(m, target.workspace),
    );
    if (!workspace)
      throw new ImportFileError(
        `there is no workspace "${target.workspace}": check the name, or add --create-workspace to create it`,
      );
    const tty = process.stdout.isTTY;
    const summaries: ImportSummary[] = [];
    for (const job of jobs) {
      process.stdout.write(`\n${job.label} → workspace "${target.workspace}"\n`);
      const importer = new Importer(database.dataSource, services, workspace.id, {
        batchSize,
        onProgress: tty ? (p) => process.stdout.write(`\r${progressLine(p)}`) : undefined,
      });
      const summary = await importer.run(job.events);
      if (tty) process.stdout.write('\n');
      process.stdout.write(summaryText(summary) + '\n');
      summaries.push(summary);
    }
    return summaries;
  } finally {
    await database.close();
  }
}
