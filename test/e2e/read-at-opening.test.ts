import { UnitOfWork } from '../../src/db/unit-of-work';
import { dataFingerprintStatement } from '../../src/modules/scoring/data-version';
import { TestApp } from '../support/test-app';
import { createBrand } from '../factories/interactions';

// a statement registered before the read snapshot opens rides in the round trip that opens it
let t: TestApp;
let workspaceId: string;
let other: string;

beforeAll(async () => {
  t = await TestApp.start();
  const key = await t.key('read-at-opening');
  workspaceId = (await t.ok(key, '{ viewer { workspace { id } } }')).viewer.workspace.id;
  await createBrand(t, key, { name: 'Fingerprinted' });
  const otherKey = await t.key('read-at-opening-other');
  other = (await t.ok(otherKey, '{ viewer { workspace { id } } }')).viewer.workspace.id;
  await createBrand(t, otherKey);
});
afterAll(() => t.close());

/** The statements `work` sends (one simple query of several statements counts once). */
async function sent<T>(work: (uow: UnitOfWork) => Promise<T>) {
  const uow = new UnitOfWork(t.appDataSource, workspaceId);
  t.statements.recording = true;
  const before = t.statements.recorded.length;
  try {
    const result = await work(uow);
    return { result, texts: t.statements.recorded.slice(before).map((s) => s.text) };
  } finally {
    t.statements.recording = false;
    await uow.close();
  }
}

const statement = () => dataFingerprintStatement(workspaceId);
const expected = async () =>
  (
    await t.sql<{ fingerprint: string }>(
      `SELECT md5(concat((SELECT w::text FROM workspaces w WHERE w.id = $1), '|',
              (SELECT string_agg(b::text, '|' ORDER BY b.id) FROM brands b WHERE b.workspace_id = $1))) AS fingerprint`,
      [workspaceId],
    )
  )[0]!.fingerprint;

describe('UnitOfWork.readAtOpening', () => {
  it('rides in the round trip of openReadWith, after the snapshot opens', async () => {
    const { result, texts } = await sent(async (uow) => {
      const rows = uow.readAtOpening(statement());
      // statements that commit on their own, as the rate-limit take is
      const opened = await uow.openReadWith('BEGIN; SELECT 41 + 1 AS answer; COMMIT');
      return { opened: opened?.[1]?.rows, rows: await rows() };
    });
    expect(result.opened).toEqual([{ answer: 42 }]);
    expect(result.rows).toEqual([{ fingerprint: await expected() }]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/SELECT 41 \+ 1.*START TRANSACTION.*set_config.*md5/s);
  });

  it('opens the snapshot with it when nothing else does', async () => {
    const { result, texts } = await sent(async (uow) => uow.readAtOpening(statement())());
    expect(result).toEqual([{ fingerprint: await expected() }]);
    expect(texts).toHaveLength(1);
  });

  it('runs alone when the snapshot was already open, and sees that snapshot', async () => {
    const { result, texts } = await sent(async (uow) => {
      await uow.read((scope) => scope.manager.query('SELECT 1'));
      const rows = uow.readAtOpening(statement());
      return rows();
    });
    expect(result).toEqual([{ fingerprint: await expected() }]);
    expect(texts).toHaveLength(3);
  });

  it("reads only the caller's workspace, and another workspace's fingerprint differs", async () => {
    expect(() => dataFingerprintStatement("x'; DROP TABLE brands; --")).toThrow(
      'invalid workspace id',
    );
    const uow = new UnitOfWork(t.appDataSource, workspaceId);
    // row-level security: asked for another workspace's rows, the snapshot sees none of them
    const [foreign] = await uow.readAtOpening(dataFingerprintStatement(other))();
    await uow.close();
    const [own] = await t.sql<{ fingerprint: string }>(
      `SELECT md5(concat(NULL::text, '|', NULL::text)) AS fingerprint`,
    );
    expect(foreign).toEqual(own);
    expect(await expected()).not.toBe(foreign!.fingerprint);
  });

  it('fails the read, not the process, when the opening fails', async () => {
    const uow = new UnitOfWork(t.appDataSource, workspaceId);
    const rows = uow.readAtOpening('SELECT no_such_column FROM brands');
    await expect(rows()).rejects.toThrow(/no_such_column/);
    // the request goes on: the next read opens a fresh snapshot
    expect(await uow.read((scope) => scope.manager.query('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
    await uow.close();
  });
});
