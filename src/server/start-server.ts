import type { Server } from 'node:http';
import type { Config } from '../config';
import { DataSource } from 'typeorm';
import { connectDatabase, runMigrations, type Database } from '../db/connect';
import { dataSourceOptions } from '../db/data-source-options';
import { bootstrapKeys } from '../modules/api-keys/bootstrap-keys';
import { logger } from '../shared/logger';
import { createApp, type App } from './app';
import { createServices } from './services';

export interface RunningServer {
  readonly url: string;
  readonly database: Database;
  /** Stops accepting, finishes in-flight requests, closes the pool, stops the embedded database. */
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const started = Date.now();
  const database = await connectDatabase(config);
  const readiness = { migrated: false };
  // requests run as the restricted role, subject to row-level security
  const requests = new DataSource(dataSourceOptions(database.url, config.dbPoolSize, true));
  let app: App | undefined;
  let server: Server | undefined;
  try {
    await runMigrations(database.dataSource);
    readiness.migrated = true;
    await bootstrapKeys(database.dataSource, createServices().apiKeys, {
      bootstrapApiKey: config.bootstrapApiKey,
      embedded: config.databaseUrl === undefined,
      port: config.port,
    });
    await requests.initialize();
    app = await createApp(requests, readiness, config.http);
    const express = app.express;
    server = await new Promise<Server>((resolve, reject) => {
      const s = express.listen(config.port, config.host ?? '0.0.0.0', (error?: Error) =>
        error ? reject(error) : resolve(s),
      );
    });
  } catch (error) {
    await app?.stop();
    if (requests.isInitialized) await requests.destroy();
    await database.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host ?? 'localhost'}:${port}`;
  logger.info('Rapport is serving', {
    graphql: `${url}/graphql`,
    database: config.databaseUrl
      ? 'external (DATABASE_URL)'
      : `embedded (${config.embedded.dataDir})`,
    startupMs: Date.now() - started,
  });
  const httpServer = server;
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeIdleConnections();
        });
        await app?.stop();
        if (requests.isInitialized) await requests.destroy();
        await database.close();
      })();
      return closing;
    },
  };
}
