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
