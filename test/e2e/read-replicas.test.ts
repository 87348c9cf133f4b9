import request from 'supertest';
import { DataSource } from 'typeorm';
import { runMigrations } from '../../src/db/connect';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { ALL_SCOPES } from '../../src/modules/api-keys/api-key.service';
import { createApp, type App } from '../../src/server/app';
import { DEFAULT_HTTP_OPTIONS } from '../../src/config';
import { PgCluster } from '../support/pg-cluster';

/**
 * A real streaming standby (this machine's PostgreSQL 15: initdb, then
 * pg_basebackup -R, two ports) started by the test. Reads go to the standby,
 * writes to the primary; read-your-writes: a request that wrote, or a key
 * that wrote in the last N seconds (any process: api_keys.last_write_at),
 * reads from the primary. Proven by pausing the standby's replay.
 */
const BIN = process.env.PG_REPLICA_BIN ?? '/usr/lib/postgresql/15/bin';
const READ_AFTER_WRITE_SECONDS = 2;
let primary: PgCluster;
let standby: PgCluster;
let owner: DataSource;
let onStandby: DataSource;
let requests: DataSource;
let app: App;
let reader: string;
let writer: string;

beforeAll(async () => {
  primary = await PgCluster.create(BIN);
  primary.start();
  owner = new DataSource(dataSourceOptions(primary.url, 2));
  await owner.initialize();
  await runMigrations(owner);
  standby = await PgCluster.standbyOf(primary);
  standby.start();
  onStandby = new DataSource(dataSourceOptions(standby.url, 2));
  await onStandby.initialize();
  requests = new DataSource(dataSourceOptions(primary.url, 6, true, [standby.url]));
  await requests.initialize();
  app = await createApp(
    requests,
    { migrated: true },
    { ...DEFAULT_HTTP_OPTIONS, rateLimitStore: 'memory' },
    { replicas: true, readAfterWriteSeconds: READ_AFTER_WRITE_SECONDS },
  );
  [reader, writer] = await owner.transaction(async (m) => {
    const ws = await app.services.workspaces.findOrCreate(m, 'replicas');
    const keys = [];
    for (const name of ['reader', 'writer'])
      keys.push(
        (
          await app.services.apiKeys.create({ manager: m, workspaceId: ws.id }, name, [
            ...ALL_SCOPES,
          ])
        ).secret,
      );
    return keys;
  });
  await caughtUp();
}, 120_000);
afterAll(async () => {
  await app?.stop();
  for (const ds of [requests, onStandby, owner]) if (ds?.isInitialized) await ds.destroy();
  standby?.destroy();
  primary?.destroy();
});

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const [{ lsn }] = await owner.query('SELECT pg_current_wal_lsn()::text AS lsn');
  for (let i = 0; i < 200; i++) {
    const [{ done }] = await onStandby.query(
      'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
      [lsn],
    );
    if (done) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the standby did not catch up in 10 s');
}

const gql = async (key: string, query: string, variables?: object) => {
  const res = await request(app.express)
    .post('/graphql')
    .set('authorization', `Bearer ${key}`)
    .send({ query, variables });
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};
const brandNames = async (key: string) =>
  ((await gql(key, '{ brands(first: 100) { edges { node { name } } } }')).brands.edges as any[])
    .map((e) => e.node.name)
    .sort();
const ownerInsertBrand = async (name: string) => {
  const [{ id }] = await owner.query(`SELECT id FROM workspaces WHERE name = 'replicas'`);
  await owner.query(`INSERT INTO brands (workspace_id, name, slug) VALUES ($1, $2, $3)`, [
    id,
    name,
    name.toLowerCase(),
  ]);
};

describe('read replicas', () => {
  it('runs a real hot standby', async () => {
    const [{ recovery }] = await onStandby.query('SELECT pg_is_in_recovery() AS recovery');
    expect(recovery).toBe(true);
  });

  it('serves reads from the standby, and correct results once it has caught up', async () => {
    await onStandby.query('SELECT pg_wal_replay_pause()');
    await ownerInsertBrand('Paused');
    // the standby has not replayed it: a reader does not see it yet
    expect(await brandNames(reader)).not.toContain('Paused');
    await onStandby.query('SELECT pg_wal_replay_resume()');
    await caughtUp();
    expect(await brandNames(reader)).toContain('Paused');
  });

  it('reads your writes: in the writing request, and for N seconds after, from the primary', async () => {
    await onStandby.query('SELECT pg_wal_replay_pause()');
    try {
      // a write: committed on the primary (the rest of its request reads there too)
      const data = await gql(writer, `mutation { createBrand(input: { name: "Written" }) { id } }`);
      expect(data.createBrand.id).toMatch(/^[0-9a-f-]{36}$/);
      // the next requests of this key read from the primary…
      expect(await brandNames(writer)).toContain('Written');
      // …while another key still reads the paused standby
      expect(await brandNames(reader)).not.toContain('Written');
      // after N seconds without writing, the writer is back on the standby
      await new Promise((r) => setTimeout(r, READ_AFTER_WRITE_SECONDS * 1000 + 300));
      expect(await brandNames(writer)).not.toContain('Written');
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    expect(await brandNames(reader)).toContain('Written');
    expect(await brandNames(writer)).toContain('Written');
  });

  it('reports (engagement) are read on the standby too, and equal the primary after catching up', async () => {
    const { createBrand } = await gql(
      writer,
      `mutation { createBrand(input: { name: "Scored" }) { id } }`,
    );
    await gql(
      writer,
      `mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted } }`,
      {
        i: {
          brandId: createBrand.id,
          feedback: [{ kind: 'QUESTION', receivedAt: '2024-01-01T10:00:00Z', externalId: 'q' }],
          activities: [
            { kind: 'REPLY', occurredAt: '2024-01-01T11:00:00Z', inReplyToFeedbackExternalId: 'q' },
          ],
        },
      },
    );
    await caughtUp();
    const report = `query($b: ID!) { engagement(brandId: $b, window: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) {
      score feedbackCount responseTime { respondedCount } } }`;
    const fromStandby = await gql(reader, report, { b: createBrand.id });
    const fromPrimary = await gql(writer, report, { b: createBrand.id });
    expect(fromStandby).toEqual(fromPrimary);
    expect(fromStandby.engagement.responseTime.respondedCount).toBe(1);
    // writes never reach the standby directly
    await expect(onStandby.query(`INSERT INTO workspaces (name) VALUES ('x')`)).rejects.toThrow(
      /read-only/,
    );
  });
});
