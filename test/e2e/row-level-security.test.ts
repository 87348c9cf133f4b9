import { UnitOfWork } from '../../src/db/unit-of-work';
import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

/** Isolation in depth: even SQL that forgets its workspace filter sees only the caller's rows. */
let t: TestApp;
const ws: Record<string, string> = {};

beforeAll(async () => {
  t = await TestApp.start();
  for (const name of ['a', 'b']) {
    const key = await t.key(`rls-${name}`);
    ws[name] = (await t.ok(key, '{ viewer { workspace { id } } }')).viewer.workspace.id;
    const brandId = await createBrand(t, key);
    await record(
      t,
      key,
      brandId,
      [{ kind: 'POST', occurredAt: '2024-01-01T00:00:00Z' }],
      [{ kind: 'COMMENT', receivedAt: '2024-01-01T00:00:00Z' }],
    );
  }
});
afterAll(() => t.close());

const unfiltered = `SELECT (SELECT count(*)::int FROM workspaces) AS workspaces, (SELECT count(*)::int FROM brands) AS brands,
  (SELECT count(*)::int FROM activities) AS activities, (SELECT count(*)::int FROM feedback) AS feedback,
  (SELECT count(*)::int FROM api_keys) AS api_keys`;

describe('row-level security', () => {
  it('requests run as rapport_app: not a superuser, not the owner, subject to RLS', async () => {
    const [row] = await t.appDataSource.query(
      `SELECT current_user AS role, r.rolsuper, r.rolbypassrls, (SELECT tableowner FROM pg_tables WHERE tablename = 'brands') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(row).toMatchObject({ role: 'rapport_app', rolsuper: false, rolbypassrls: false });
    expect(row.owner).not.toBe('rapport_app');
  });

  it("a query without a workspace filter sees only the transaction's workspace", async () => {
    for (const name of ['a', 'b']) {
      const uow = new UnitOfWork(t.appDataSource, ws[name]!);
      try {
        const [counts] = await uow.read(({ manager }) => manager.query(unfiltered));
        expect(counts).toEqual({
          workspaces: 1,
          brands: 1,
          activities: 1,
          feedback: 1,
          api_keys: 1,
        });
      } finally {
        await uow.close();
      }
    }
  });

  it('without a workspace, nothing is visible', async () => {
    const [counts] = await t.appDataSource.query(unfiltered);
    expect(counts).toEqual({ workspaces: 0, brands: 0, activities: 0, feedback: 0, api_keys: 0 });
  });

  it('cannot write into another workspace, whatever the SQL says', async () => {
    const uow = new UnitOfWork(t.appDataSource, ws.a!);
    try {
      await expect(
        uow.write(({ manager }) =>
          manager.query(
            `INSERT INTO brands (workspace_id, name, slug) VALUES ($1, 'intruder', 'intruder')`,
            [ws.b],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
      const changed = await uow.write(({ manager }) =>
        manager.query(`UPDATE brands SET name = 'pwned' WHERE workspace_id = $1 RETURNING id`, [
          ws.b,
        ]),
      );
      expect(changed[0]).toEqual([]);
    } finally {
      await uow.close();
    }
    const [names] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM brands WHERE name IN ('intruder', 'pwned')`,
    );
    expect(names!.n).toBe(0);
  });

  it('the owner (migrations, operator commands) is not restricted', async () => {
    const [counts] = await t.dataSource.query(unfiltered);
    expect(counts.brands).toBe(2);
  });
});
