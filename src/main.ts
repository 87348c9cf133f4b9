import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { logger, setLogLevel } from './shared/logger';
import { startServer } from './server/start-server';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const server = await startServer(config);
  const shutdown = (signal: string) => {
    logger.info('shutting down: finishing in-flight requests', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    server.close().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    process.stderr.write(`\nRapport cannot start: ${error.message}\n\n`);
  } else {
    logger.error('Rapport failed to start', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  process.exit(1);
});
