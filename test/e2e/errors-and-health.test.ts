import { createHash } from 'node:crypto';
import request from 'supertest';
import { TestApp } from '../support/test-app';
import { createBrand } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

describe('internal errors', () => {
  it('are masked: no stack, SQL or driver text reaches the caller', async () => {
    await createBrand(t, key);
    // break the database under the app, as a bad deploy or a crash might
    await t.sql('ALTER TABLE brands RENAME COLUMN slug TO slug_gone');
    try {
      const res = await t.gql(key, '{ brands { nodes { id slug } } }');
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toEqual({
        message: 'Internal server error',
        path: ['brands'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      const body = JSON.stringify(res);
      for (const leak of ['slug_gone', 'column', 'SELECT', 'at ', 'QueryFailedError'])
        expect(body).not.toContain(leak);
    } finally {
      await t.sql('ALTER TABLE brands RENAME COLUMN slug_gone TO slug');
    }
    // and the next request works: the failed transaction did not poison the pool
    await t.ok(key, '{ brands { totalCount } }');
  });

  it('gives syntax errors a code and no stack', async () => {
    const res = await t.gql(key, '{ brands { ');
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_PARSE_FAILED',
    });
  });

  it('gives a bad DateTime variable BAD_USER_INPUT', async () => {
    const res = await t.gql(key, 'query($w: WindowInput) { brands { totalCount } __typename }', {
      w: { from: 'yesterday', to: 'x' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('caller mistakes of the transport', () => {
  const sha = (query: string) => createHash('sha256').update(query).digest('hex');
  const post = (body: object) =>
    request(t.http)
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .set('accept', 'application/graphql-response+json')
      .send(body);

  /** Runs `act` and returns the error-level log lines it wrote. */
  async function errorLines(act: () => Promise<void>): Promise<string[]> {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await act();
    } finally {
      spy.mockRestore();
    }
    return lines.filter((line) => line.includes('"level":"error"'));
  }

  it('a subscription over POST or GET is BAD_REQUEST, not an internal error', async () => {
    // a valid subscription of the schema: only the transport is wrong
    const query =
      'subscription { classificationChanged(brandId: "00000000-0000-0000-0000-000000000000") { model } }';
    const logged = await errorLines(async () => {
      const viaPost = await post({ query });
      expect(viaPost.status).toBe(400);
      expect(viaPost.body.errors).toEqual([
        { message: expect.stringMatching(/subscription/i), extensions: { code: 'BAD_REQUEST' } },
      ]);
      const viaGet = await request(t.http)
        .get('/graphql')
        .query({ query })
        .set('authorization', `Bearer ${key}`);
      expect(viaGet.status).toBe(405);
      expect(viaGet.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    });
    expect(logged).toEqual([]);
  });

  it('automatic persisted queries answer the codes Apollo clients expect', async () => {
    const query = '{ viewer { scopes } }';
    const logged = await errorLines(async () => {
      const unknown = await post({
        extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ __typename }x') } },
      });
      expect(unknown.body.errors).toEqual([
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
      for (const persistedQuery of [
        { version: 1, sha256Hash: sha('{ somethingElse }') },
        { version: 1, sha256Hash: 'not a hash' },
        { version: 2, sha256Hash: sha(query) },
        'junk',
      ]) {
        const bad = await post({ query, extensions: { persistedQuery } });
        expect(bad.status).toBe(400);
        expect(bad.body.errors).toEqual([
          { message: expect.any(String), extensions: { code: 'BAD_REQUEST' } },
        ]);
        expect(bad.body.errors[0].message).not.toBe('Internal server error');
      }
    });
    expect(logged).toEqual([]);
    // and the protocol works: register with the full query, then send the hash alone
    const persistedQuery = { version: 1, sha256Hash: sha(query) };
    expect((await post({ query, extensions: { persistedQuery } })).body.errors).toBeUndefined();
    const byHash = await post({ extensions: { persistedQuery } });
    expect(byHash.body).toEqual({
      data: { viewer: { scopes: expect.any(Array) } },
      extensions: expect.anything(),
    });
  });
});

describe('bad values carry problems naming their field', () => {
  it('a bad enum written in the query', async () => {
    const res = await t.gql(key, 'mutation { setFeedbackOutcome(id: "x", outcome: MAYBE) { id } }');
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
      problems: [{ field: 'outcome', reason: expect.stringMatching(/MAYBE/) }],
    });
  });

  it('a bad date in a window variable', async () => {
    const res = await t.gql(
      key,
      'query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { score } }',
      { b: crypto.randomUUID(), w: { from: 'yesterday', to: '2024-01-01T00:00:00Z' } },
    );
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'window.from', reason: expect.any(String) }],
    });
  });
});

describe('health', () => {
  it('/healthz answers 200', async () => {
    const res = await request(t.http).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 while the database answers', async () => {
    const res = await request(t.http).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', database: 'up', migrations: 'applied' });
  });
});
