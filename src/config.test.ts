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
