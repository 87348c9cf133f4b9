import request from 'supertest';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await TestApp.start();
  admin = await t.key('acme');
});
afterAll(() => t.close());

const VIEWER = '{ viewer { workspace { name } scopes } }';

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown key', 'Bearer rk_not-a-real-key-at-all-000000000'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_case, header) => {
    const req = request(t.http).post('/graphql').set('content-type', 'application/json');
    if (header) req.set('authorization', header);
    const res = await req.send({ query: VIEWER });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('tells the caller its workspace and scopes', async () => {
    const data = await t.ok(admin, VIEWER);
    expect(data.viewer).toEqual({
      workspace: { name: 'acme' },
      scopes: ['READ', 'WRITE', 'ADMIN'],
    });
  });

  it('stores keys hashed, never in clear', async () => {
    const rows = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM api_keys WHERE encode(secret_hash, 'escape') LIKE '%' || $1 || '%'`,
      [admin.slice(3)],
    );
    expect(Number(rows[0]!.n)).toBe(0);
    const hashed = await t.sql(
      `SELECT 1 FROM api_keys WHERE secret_hash = sha256(convert_to($1, 'UTF8'))`,
      [admin],
    );
    expect(hashed).toHaveLength(1);
  });
});

describe('scopes', () => {
  it('refuses writes to a read-only key with FORBIDDEN, and writes nothing', async () => {
    const reader = await t.key('acme', [ApiKeyScope.READ]);
    const before = await t.counts();
    const res = await t.gql(reader, 'mutation { createBrand(input: { name: "X" }) { id } }');
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.counts()).toEqual(before);
    // but it may read
    await t.ok(reader, '{ brands { totalCount } }');
  });

  it('refuses reads to a write-only key', async () => {
    const writer = await t.key('acme', [ApiKeyScope.WRITE]);
    const res = await t.gql(writer, '{ brands { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps key management to admin keys', async () => {
    const writer = await t.key('acme', [ApiKeyScope.READ, ApiKeyScope.WRITE]);
    for (const query of [
      '{ apiKeys { id } }',
      'mutation { createApiKey(input: { name: "k", scopes: [READ] }) { secret } }',
    ]) {
      const res = await t.gql(writer, query);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('API keys', () => {
  it('shows a new secret once; the key works; revoking it locks it out at once', async () => {
    const created = await t.ok(
      admin,
      'mutation { createApiKey(input: { name: "partner", scopes: [READ] }) { secret apiKey { id name scopes revokedAt } } }',
    );
    const { secret, apiKey } = created.createApiKey;
    expect(secret).toMatch(/^rk_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: 'partner', scopes: ['READ'], revokedAt: null });

    const viewer = await t.ok(secret, '{ viewer { scopes } }');
    expect(viewer.viewer.scopes).toEqual(['READ']);

    const listed = await t.ok(admin, '{ apiKeys { id name secretPrefix } }');
    const entry = listed.apiKeys.find((k: { id: string }) => k.id === apiKey.id);
    expect(entry.secretPrefix).toBe(secret.slice(0, 9));
    expect(JSON.stringify(listed)).not.toContain(secret);

    const revoked = await t.ok(
      admin,
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: apiKey.id },
    );
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    const after = await t.gql(secret, '{ viewer { scopes } }');
    expect(after.status).toBe(401);
  });

  it('rejects a key without scopes or name with BAD_USER_INPUT', async () => {
    const before = await t.counts();
    const res = await t.gql(
      admin,
      'mutation { createApiKey(input: { name: " ", scopes: [] }) { secret } }',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0]?.extensions?.problems as { field: string }[]).map(
      (p) => p.field,
    );
    expect(fields.sort()).toEqual(['name', 'scopes']);
    expect(await t.counts()).toEqual(before);
  });

  it("cannot revoke another workspace's key (NOT_FOUND) ", async () => {
    const other = await t.key('globex');
    const otherId = (await t.ok(other, '{ viewer { apiKeyId } }')).viewer.apiKeyId;
    const res = await t.gql(admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: otherId,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await t.ok(other, '{ viewer { scopes } }');
  });
});
