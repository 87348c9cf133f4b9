import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { runMigrations } from '../db/connect';
import { dataSourceOptions } from '../db/data-source-options';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { bootstrapKeys } from '../modules/api-keys/bootstrap-keys';
import { logger } from '../shared/logger';
import { createApp } from './app';
import type { Readiness } from './health';
import { createServices } from './services';
import { startLiveServer } from './live-server';
import { WebhookWorker } from '../modules/webhooks/webhook-worker';

export interface RunningServer {
  readonly url: string;
  /** Resolves once the database is migrated and requests are served. */
  readonly ready: Promise<void>;
  /** Stops accepting, finishes in-flight requests, closes the pool, stops the embedded database. */
  close(): Promise<void>;
}

/**
 * Listens at once; the database is prepared (migrations, bootstrap key) in the
 * background, retried with backoff for as long as it is unreachable, while
 * /readyz answers 503 and GraphQL a clear "unavailable" error.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  if (config.databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port);
  }
  const url = config.databaseUrl ?? embedded!.url;
  const requests = new DataSource(
    dataSourceOptions(
      url,
      config.dbPoolSize,
      true,
      config.databaseReplicaUrls,
      config.dbAcquireTimeoutMs,
    ),
  );
  const readiness: Readiness = { migrated: false };
  const app = await createApp(
    requests,
    readiness,
    config.http,
    {
      replicas: config.databaseReplicaUrls.length > 0,
      readAfterWriteSeconds: config.replicaReadAfterWriteSeconds,
    },
    config.webhooks,
    { reports: config.reportCache, responses: config.responseCache },
    config.keyCache,
    config.textModelThreads,
  );
  const webhookWorker = new WebhookWorker(
    requests,
    app.services,
    app.services.webhookSecrets,
    config.webhooks,
  );
  if (config.production && !config.webhooks.secretKey)
    logger.warn(
      'WEBHOOK_SECRET_KEY is unset: webhook secrets are encrypted with the development key',
    );
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.express.listen(config.port, config.host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(s),
    );
  });
  const live = startLiveServer({
    httpServer: server,
    schema: app.schema,
    dataSource: requests,
    primaryUrl: url,
    services: app.services,
    rateLimiter: app.rateLimiter,
    readiness,
    http: config.http,
    live: config.live,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const publicUrl = `http://${config.host ?? 'localhost'}:${port}`;
  let closing = false;
  const ready = prepareDatabase(
    url,
    requests,
    readiness,
    config,
    port,
    () => closing,
    () => webhookWorker.start(),
  ).then(() => {
    logger.info('Rapport is serving', {
      graphql: `${publicUrl}/graphql`,
      database: config.databaseUrl
        ? 'external (DATABASE_URL)'
        : `embedded (${config.embedded.dataDir})`,
      startupMs: Date.now() - started,
    });
  });
  if (embedded) {
    try {
      await ready; // a local database that cannot be prepared is a fatal start-up error
    } catch (error) {
      await live.close();
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
      await embedded.stop();
      throw error;
    }
  } else {
    ready.catch(() => undefined);
    logger.info('listening; preparing the database', { url: publicUrl });
  }
  let closed: Promise<void> | undefined;
  return {
    url: publicUrl,
    ready,
    close() {
      closing = true;
      closed ??= (async () => {
        await live.close(); // subscribers are told 1001 (going away) and may reconnect elsewhere
        await webhookWorker.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await app.stop();
        if (requests.isInitialized) await requests.destroy();
        await embedded?.stop();
      })();
      return closed;
    },
  };
}

async function prepareDatabase(
  url: string,
  requests: DataSource,
  readiness: Readiness,
  config: Config,
  port: number,
  closing: () => boolean,
  onReady: () => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const owner = new DataSource(dataSourceOptions(url, 2));
    try {
      await owner.initialize();
      await runMigrations(owner);
      await bootstrapKeys(owner, createServices().apiKeys, {
        bootstrapApiKey: config.bootstrapApiKey,
        embedded: config.databaseUrl === undefined,
        port,
      });
      if (!requests.isInitialized) await requests.initialize();
      readiness.migrated = true;
      onReady();
      return;
    } catch (error) {
      if (closing()) throw error;
      if (config.databaseUrl === undefined) throw error;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
      logger.warn('database not reachable yet, retrying', {
        attempt,
        retryInMs: delay,
        error: (error as Error).message,
      });
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (closing()) throw error;
    } finally {
      if (owner.isInitialized) await owner.destroy();
    }
  }
}
