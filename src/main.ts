import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { logger, setLogLevel } from './shared/logger';
import { startServer } from './server/start-server';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const starting = startServer(config);
  let stopping = false;
  const shutdown = (signal: string) => {
    // Ctrl-C under npm arrives twice (from the terminal and forwarded by npm): stop once
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: finishing in-flight requests', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    // a signal during start-up (/healthz already answers) still stops the database
    starting
      .then((server) => server.close())
      .then(
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
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // started by scripts/run-built.js --own-group (npm start): stop when that launcher is gone
  process.on('disconnect', () => shutdown('launcher gone'));
  await starting;
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
