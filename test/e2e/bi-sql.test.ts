import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { createBiRole } from '../../src/modules/bi/bi-roles';
import { createApp } from '../../src/server/app';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

/** The read-only SQL layer: a BI role sees its workspace's `bi` views and nothing else. */
let t: TestApp;
const role = `bi_test_${randomBytes(4).toString('hex')}`;
const limited = `bi_limited_${randomBytes(4).toString('hex')}`;
const appLogin = `app_login_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');
let mine: string;
let theirs: string;

beforeAll(async () => {
  t = await TestApp.start();
  const key = await t.key('bi-sql');
  const other = await t.key('bi-sql-other');
  mine = await createBrand(t, key);
  theirs = await createBrand(t, other);
  for (const [k, b] of [
    [key, mine],
    [other, theirs],
  ] as const)
    await record(
      t,
      k,
      b,
      [{ kind: 'POST', occurredAt: '2024-01-05T10:00:00Z', reach: 100, engagements: 5 }],
      [{ kind: 'QUESTION', receivedAt: '2024-01-05T09:00:00Z' }],
    );
  const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM workspaces WHERE name = 'bi-sql'`);
  await t.dataSource.transaction((m) => createBiRole(m, id!, role, password));
});
afterAll(async () => {
  for (const name of [role, limited, appLogin]) {
    await t.sql(`DROP OWNED BY "${name}"`).catch(() => undefined);
    await t.sql(`DROP ROLE IF EXISTS "${name}"`).catch(() => undefined);
  }
  await t.close();
});

function urlAs(user: string): string {
  const url = new URL(t.databaseUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

async function asBi<T>(work: (c: Client) => Promise<T>, user = role): Promise<T> {
  const client = new Client({ connectionString: urlAs(user) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('bi schema and BI roles', () => {
  it("shows the role's workspace only, whatever the session sets", async () => {
    await asBi(async (c) => {
      const brands = await c.query('SELECT brand_id FROM bi.brands');
      expect(brands.rows.map((r) => r.brand_id)).toEqual([mine]);
      const days = await c.query(
        'SELECT brand_id, day::text, feedback, broadcasting, broadcast_reach FROM bi.engagement_daily',
      );
      expect(days.rows).toEqual([
        { brand_id: mine, day: '2024-01-05', feedback: 1, broadcasting: 1, broadcast_reach: 100 },
      ]);
      // the workspace comes from the login role, not from a setting the session controls
      const [{ id }] = await t.sql<{ id: string }>(
        `SELECT id FROM workspaces WHERE name = 'bi-sql-other'`,
      );
      await c.query(`SELECT set_config('app.workspace_id', $1, false)`, [id]);
      const again = await c.query('SELECT brand_id FROM bi.brands');
      expect(again.rows.map((r) => r.brand_id)).toEqual([mine]);
    });
  });

  it('cannot read fact tables or keys, nor write anything', async () => {
    await asBi(async (c) => {
      for (const sql of [
        'SELECT * FROM feedback',
        'SELECT * FROM api_keys',
        'SELECT * FROM engagement_daily',
        'SELECT * FROM bi_access',
        `INSERT INTO bi.brands (brand_id, name) VALUES (gen_random_uuid(), 'x')`,
        `DELETE FROM bi.engagement_daily`,
        'CREATE TABLE bi.mine (x int)',
      ]) {
        await expect(c.query(sql)).rejects.toThrow(/permission denied/);
      }
    });
  });

  it('refuses unsafe role names and short passwords', async () => {
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM workspaces WHERE name = 'bi-sql'`);
    for (const [name, pw] of [
      ['Robert"; DROP TABLE brands; --', 'long-enough-password'],
      ['pg_monitor', 'long-enough-password'],
      ['rapport_app', 'long-enough-password'],
      ['bi_ok_name', 'short'],
    ])
      await expect(
        t.dataSource.transaction((m) => createBiRole(m, id!, name!, pw!)),
      ).rejects.toThrow(/role|password/);
  });
});

describe('BI roles cannot starve the API', () => {
  it('have a connection limit and a statement timeout (set by bi:role)', async () => {
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM workspaces WHERE name = 'bi-sql'`);
    await t.dataSource.transaction((m) =>
      createBiRole(m, id!, limited, password, { connectionLimit: 2, statementTimeoutSeconds: 1 }),
    );
    const sessions: Client[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const client = new Client({ connectionString: urlAs(limited) });
        await client.connect();
        sessions.push(client);
      }
      const third = new Client({ connectionString: urlAs(limited) });
      await expect(third.connect()).rejects.toMatchObject({ code: '53300' });
      await expect(sessions[0]!.query('SELECT pg_sleep(3)')).rejects.toMatchObject({
        code: '57014', // canceled by statement_timeout
      });
      // the API is unaffected
      const key = await t.key('bi-sql');
      expect((await t.gql(key, '{ brands { totalCount } }')).status).toBe(200);
    } finally {
      await Promise.all(sessions.map((c) => c.end()));
    }
    const [defaults] = await t.sql<{ rolconnlimit: number }>(
      'SELECT rolconnlimit FROM pg_roles WHERE rolname = $1',
      [role],
    );
    expect(defaults!.rolconnlimit).toBe(5);
  });

  it('"too many connections" (53300) is the retryable "database unavailable" error with Retry-After, not a 500', async () => {
    // the app logs in as a role that may hold two sessions; one is taken elsewhere
    await t.sql(`CREATE ROLE "${appLogin}" LOGIN CONNECTION LIMIT 2 PASSWORD '${password}'`);
    await t.sql(`GRANT rapport_app TO "${appLogin}"`);
    const dataSource = new DataSource(dataSourceOptions(urlAs(appLogin), 3, true));
    await dataSource.initialize();
    const app = await createApp(dataSource, { migrated: true });
    const elsewhere = new Client({ connectionString: urlAs(appLogin) });
    await elsewhere.connect();
    const held = dataSource.createQueryRunner();
    await held.connect();
    await held.query('SELECT 1');
    try {
      const key = await t.key('bi-sql');
      const res = await request(app.express)
        .post('/graphql')
        .set('authorization', `Bearer ${key}`)
        .send({ query: '{ brands { totalCount } }' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body.errors[0]).toEqual({
        message: 'The database is unavailable; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      });
    } finally {
      await held.release();
      await elsewhere.end();
      await app.stop();
      await dataSource.destroy();
    }
  });
});
