import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { logger } from '../shared/logger';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

export interface Database {
  readonly dataSource: DataSource;
  readonly url: string;
  close(): Promise<void>;
}

/** Opens the configured database (starting the embedded one when DATABASE_URL is unset). */
export async function connectDatabase(config: Config): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port);
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions(url, config.dbPoolSize));
  try {
    await initializeWithRetry(dataSource);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** An external database may still be starting (containers, failover): retry with backoff. */
async function initializeWithRetry(dataSource: DataSource, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      const delay = Math.min(10_000, 250 * 2 ** attempt);
      logger.warn('database not reachable yet, retrying', {
        attempt,
        retryInMs: delay,
        error: (error as Error).message,
      });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export async function runMigrations(dataSource: DataSource): Promise<number> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) logger.info('applied migration', { name: migration.name });
  return applied.length;
}
