import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      bootstrapApiKey: undefined,
      logLevel: 'info',
    });
    expect(config.embedded.dataDir).toBe(path.resolve('.data/postgres'));
    expect(config.dbAcquireTimeoutMs).toBe(5000);
    expect(config.http).toMatchObject({
      exportMaxPerKey: 2,
      exportWriteTimeoutMs: 30_000,
      metricsToken: undefined,
      metricsOperations: [],
    });
  });

  it('reads the export, pool and metrics limits', () => {
    const config = loadConfig({
      DB_ACQUIRE_TIMEOUT_MS: '1500',
      EXPORT_MAX_PER_KEY: '4',
      EXPORT_WRITE_TIMEOUT_MS: '10000',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      METRICS_OPERATIONS: 'NightlyLoad, Sync',
    });
    expect(config.dbAcquireTimeoutMs).toBe(1500);
    expect(config.http).toMatchObject({
      exportMaxPerKey: 4,
      exportWriteTimeoutMs: 10_000,
      metricsToken: 'a-long-enough-metrics-token',
      metricsOperations: ['NightlyLoad', 'Sync'],
    });
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BOOTSTRAP_API_KEY: 'short' }, /BOOTSTRAP_API_KEY/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN/],
    [{ EXPORT_MAX_PER_KEY: '0' }, /EXPORT_MAX_PER_KEY/],
    [{ DB_ACQUIRE_TIMEOUT_MS: '10' }, /DB_ACQUIRE_TIMEOUT_MS/],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
