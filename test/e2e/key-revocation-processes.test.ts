import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';
import { type ServerProcess, startTwoServers } from '../support/server-processes';

/**
 * Two server processes that remember known keys for an hour: a key revoked
 * through one is refused by the other once the revocation's NOTIFY arrives,
 * not when its cache entry ages out.
 */
let t: TestApp;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  t = await TestApp.start();
  const env = {
    DATABASE_URL: t.databaseUrl,
    API_KEY_CACHE_SECONDS: '3600',
    API_KEY_CACHE_FALLBACK_MS: '3600000',
  };
  [a, b] = await startTwoServers(env);
  // both listeners are up (they connect after /readyz may already answer)
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'rapport-listener'
          AND query LIKE 'LISTEN%rapport_keys%'`,
    );
    if (n >= 2) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the listeners did not start');
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await t?.close();
});

describe('a key revoked through one process', () => {
  it('is refused by the other process without waiting for its cache to expire', async () => {
    const admin = await t.key('revoke-across');
    const reader = await t.key('revoke-across', [ApiKeyScope.READ]);
    const viewer = await b.gql(reader, '{ viewer { apiKeyId } }');
    expect(viewer.status).toBe(200);
    expect((await a.gql(reader, '{ __typename }')).status).toBe(200);
    const revoked = await a.gql(admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: viewer.body.data.viewer.apiKeyId,
    });
    expect(revoked.body.errors).toBeUndefined();
    expect((await a.gql(reader, '{ __typename }')).status).toBe(401);
    let status = 200;
    for (let i = 0; i < 200 && status === 200; i++) {
      status = (await b.gql(reader, '{ __typename }')).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(401);
  });

  it('leaves the other keys of the workspace known', async () => {
    const other = await t.key('revoke-across', [ApiKeyScope.READ]);
    expect((await b.gql(other, '{ __typename }')).status).toBe(200);
    expect((await a.gql(other, '{ viewer { scopes } }')).status).toBe(200);
  });
});
