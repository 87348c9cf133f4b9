import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createBiRole } from '../../src/modules/bi/bi-roles';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

/** The read-only SQL layer: a BI role sees its workspace's `bi` views and nothing else. */
let t: TestApp;
const role = `bi_test_${randomBytes(4).toString('hex')}`;
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
  await t.sql(`DROP OWNED BY "${role}"`).catch(() => undefined);
  await t.sql(`DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
  await t.close();
});

async function asBi<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(t.databaseUrl);
  url.username = role;
  url.password = password;
  const client = new Client({ connectionString: url.toString() });
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
