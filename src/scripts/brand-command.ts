import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { connectDatabase, runMigrations } from '../db/connect';
import { setLogLevel } from '../shared/logger';
import { isUuid } from '../shared/validate';
import type { cli } from './cli';

export interface BrandRow {
  id: string;
  name: string;
  workspace_id: string;
}

/**
 * The frame of the per-brand operator commands (`--brand <id>`…, or every
 * brand; `--help`): checks the ids, opens and migrates the database, finds
 * the brands, runs `work`, closes the database.
 */
export async function runPerBrand(
  command: ReturnType<typeof cli>,
  usage: string,
  work: (dataSource: DataSource, brands: BrandRow[]) => Promise<void>,
): Promise<void> {
  const { values } = parseArgs({
    options: {
      brand: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  const invalid = values.brand.filter((id) => !isUuid(id));
  if (invalid.length) command.fail(`--brand takes a brand id (UUID); got ${invalid.join(', ')}`);

  setLogLevel('warn');
  const database = await connectDatabase(loadConfig());
  try {
    await runMigrations(database.dataSource);
    const brands: BrandRow[] = await database.dataSource.query(
      `SELECT id, name, workspace_id FROM brands WHERE cardinality($1::uuid[]) = 0 OR id = ANY($1::uuid[]) ORDER BY id`,
      [values.brand],
    );
    const missing = values.brand.filter((id) => !brands.some((b) => b.id === id));
    if (missing.length) command.fail(`no brand with id ${missing.join(', ')}`);
    await work(database.dataSource, brands);
  } finally {
    await database.close();
  }
}
