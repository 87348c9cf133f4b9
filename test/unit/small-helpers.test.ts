import { readdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations';
import { ConfigError, loadConfig } from '../../src/config';
import { slugify } from '../../src/modules/brands/brand.validation';
import { bearerToken } from '../../src/server/auth';
import { decodeCursor, encodeCursor } from '../../src/shared/connection';
import { isIanaTimeZone, isUuid } from '../../src/shared/validate';

describe('slugify', () => {
  it.each([
    ['Acme Co', 'acme-co'],
    ['Crème Brûlée & Co.', 'creme-brulee-co'],
    ['  --Hello--World--  ', 'hello-world'],
    ['신한은행', 'brand'],
    ['x'.repeat(120), 'x'.repeat(80)],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});

describe('isIanaTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['America/New_York', true],
    ['Asia/Seoul', true],
    ['EST', false],
    ['Mars/Olympus', false],
    ['', false],
  ])('%s → %s', (zone, valid) => expect(isIanaTimeZone(zone)).toBe(valid));
});

describe('isUuid', () => {
  it.each([
    ['7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5', true],
    ['7DF90FEF-1AE5-4ED3-8E0C-3C7F76AEB3F5', true],
    ['7df90fef1ae54ed38e0c3c7f76aeb3f5', false],
    ["' OR 1=1 --", false],
  ])('%s → %s', (id, valid) => expect(isUuid(id)).toBe(valid));
});

describe('cursors', () => {
  it('round-trip', () => {
    const key = ['2024-01-01T00:00:00.000Z', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
    expect(decodeCursor(null, 2)).toBeNull();
  });

  it.each(['garbage', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')])(
    'reject %s with BAD_USER_INPUT',
    (cursor) =>
      expect(() => decodeCursor(cursor, 2)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      ),
  );
});

describe('bearerToken', () => {
  it.each([
    [{ authorization: 'Bearer rk_abc' }, 'rk_abc'],
    [{ authorization: 'bearer   rk_abc  ' }, 'rk_abc'],
    [{ authorization: 'Basic xyz' }, undefined],
    [{ authorization: 'Bearer a b' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, token) => expect(bearerToken(headers)).toBe(token));
});

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

describe('migrations/index.ts', () => {
  it('lists every migration file, oldest first', () => {
    const dir = path.join(__dirname, '..', '..', 'migrations');
    const files = readdirSync(dir)
      .filter((f) => /^\d+-.+\.ts$/.test(f))
      .sort();
    const listed = migrations.map(
      (m) => `${/\d+$/.exec(m.name)![0]}-${m.name.replace(/\d+$/, '')}.ts`,
    );
    expect(listed).toEqual(files);
  });
});
