import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

/** The role requests run as: subject to row-level security (see the RowLevelSecurity migration). */
export const APP_ROLE = 'rapport_app';

/**
 * Options for the owner (migrations, operator commands) or, with
 * `asAppRole`, for serving requests: every connection then starts with
 * `SET ROLE rapport_app`, so one DATABASE_URL serves both.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  asAppRole = false,
  replicaUrls: readonly string[] = [],
  acquireTimeoutMs = 5000,
): DataSourceOptions {
  return {
    type: 'postgres',
    // with replicas: queryRunner('slave') reads from one of them (TypeORM picks at random)
    ...(replicaUrls.length
      ? {
          replication: {
            master: { url },
            slaves: replicaUrls.map((replica) => ({ url: replica })),
          },
        }
      : { url }),
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      // waiting for a free connection (or a new one) ends with an error, never hangs:
      // "timeout exceeded when trying to connect" is the retryable 503 (errors.ts)
      connectionTimeoutMillis: acquireTimeoutMs,
      application_name: 'rapport',
      // request connections: the app role, and generic plans for the named
      // statements of the read models (prepared-query.ts; unnamed ones are unaffected)
      ...(asAppRole
        ? { options: `-c role=${APP_ROLE} -c plan_cache_mode=force_generic_plan` }
        : {}),
    },
  };
}
