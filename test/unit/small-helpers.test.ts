import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { slugify } from '../../src/modules/brands/brand-slug';
import { bearerToken } from '../../src/server/auth';
import { CursorScope } from '../../src/shared/cursor';
import { isIanaTimeZone, isUuid } from '../../src/shared/validate';

describe('slugify', () => {
  it.each([
    ['Acme Co', 'acme-co'],
    ['Crème Brûlée & Co.', 'creme-brulee-co'],
    ['  --Hello--World--  ', 'hello-world'],
    ['신한은행', 'sinhaneunhaeng'],
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
  const scope = new CursorScope('feedback', 'brand-1', { kinds: ['QUESTION', 'COMPLAINT'] });
  const PARTS = ['time', 'uuid'] as const;

  it('round-trip', () => {
    const key = ['2024-01-01T00:00:00.000Z', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5'];
    expect(scope.decode(scope.encode(key), PARTS)).toEqual(key);
    expect(scope.decode(null, PARTS)).toBeNull();
  });

  it('belong to one scope, however its filter is spelled', () => {
    const key = ['2024-01-01T00:00:00.000Z', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5'];
    const same = new CursorScope('feedback', 'brand-1', {
      negative: null,
      kinds: ['COMPLAINT', 'QUESTION'],
    });
    expect(same.decode(scope.encode(key), PARTS)).toEqual(key);
    for (const other of [
      new CursorScope('activities', 'brand-1', { kinds: ['QUESTION', 'COMPLAINT'] }),
      new CursorScope('feedback', 'brand-2', { kinds: ['QUESTION', 'COMPLAINT'] }),
      new CursorScope('feedback', 'brand-1', { kinds: ['QUESTION'] }),
    ]) {
      expect(() => other.decode(scope.encode(key), PARTS)).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          problems: [expect.objectContaining({ field: 'after' })],
        }),
      );
    }
  });

  it.each([
    'garbage',
    scope.encode(['only-one']),
    scope.encode(['not a time', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5']),
    scope.encode(['2024-01-01T00:00:00.000Z', "' OR 1=1 --"]),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('reject %s with BAD_USER_INPUT', (cursor) =>
    expect(() => scope.decode(cursor, PARTS)).toThrow(
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
  });

  it('reads the query-analysis limits', () => {
    expect(loadConfig({}).http).toMatchObject({
      maxQueryBytes: 65_536,
      maxQueryTokens: 2_000,
      maxQueryVariables: 100,
      maxFragmentSpreads: 1_000,
      maxIntrospectionDepth: 20,
    });
    expect(
      loadConfig({ MAX_QUERY_TOKENS: '3000', MAX_QUERY_FRAGMENT_SPREADS: '50' }).http,
    ).toMatchObject({
      maxQueryTokens: 3_000,
      maxFragmentSpreads: 50,
    });
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BOOTSTRAP_API_KEY: 'short' }, /BOOTSTRAP_API_KEY/],
    [{ MAX_QUERY_TOKENS: '10' }, /MAX_QUERY_TOKENS/],
    [{ MAX_INTROSPECTION_DEPTH: '13' }, /MAX_INTROSPECTION_DEPTH/],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
