import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { setLogLevel } from '../../src/shared/logger';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { PgCluster } from '../support/pg-cluster';

jest.setTimeout(120_000);

const KEY = 'outage-test-key-0123456789';
let cluster: PgCluster;
let server: RunningServer;

beforeAll(async () => {
  setLogLevel('error');
  cluster = await PgCluster.create();
});
afterAll(async () => {
  await server?.close();
  cluster.destroy();
  setLogLevel('info');
});

const gql = (query: string, variables?: unknown) =>
  request(server.url)
    .post('/graphql')
    .set('authorization', `Bearer ${KEY}`)
    .set('content-type', 'application/json')
    .send({ query, variables });

async function waitReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await request(server.url).get('/readyz')).status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('never ready');
}

describe('the database is unreachable at start', () => {
  it('serves /healthz, answers 503 on /readyz and GraphQL, and serves as soon as the database is up', async () => {
    server = await startServer(
      loadConfig({
        DATABASE_URL: cluster.url,
        PORT: '0',
        HOST: '127.0.0.1',
        BOOTSTRAP_API_KEY: KEY,
        LOG_LEVEL: 'error',
      }),
    );
    expect((await request(server.url).get('/healthz')).status).toBe(200);
    expect((await request(server.url).get('/readyz')).status).toBe(503);
    const early = await gql('{ viewer { scopes } }');
    expect(early.status).toBe(503);
    expect(early.headers['retry-after']).toBe('5');
    expect(early.body.errors[0]).toEqual({
      message: 'The database is unavailable; retry shortly',
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    });

    cluster.start();
    await waitReady();
    const ok = await gql('{ viewer { scopes } }');
    expect(ok.body.data.viewer.scopes).toEqual(['READ', 'WRITE', 'ADMIN']);
  });
});

describe('the database crashes while batches are written', () => {
  it('fails requests clearly during the outage, recovers without a restart, and loses no acknowledged write', async () => {
    const brand = await gql('mutation { createBrand(input: { name: "Crash" }) { id } }');
    const brandId = brand.body.data.createBrand.id;
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let batch = 0;
    let crashed = false;
    const writer = async (client: number) => {
      for (let i = 0; i < 40; i++) {
        const id = `c${client}-b${batch++}`;
        const items = Array.from({ length: 50 }, (_, j) => ({
          kind: 'COMMENT',
          receivedAt: '2024-01-01T00:00:00Z',
          externalId: `${id}-${j}`,
        }));
        const res = await gql(
          'mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted unchanged } }',
          { i: { brandId, feedback: items } },
        );
        if (res.body?.data?.recordInteractions) acknowledged.push(id);
        else {
          const error = res.body?.errors?.[0];
          failures.push(JSON.stringify(error));
          expect(res.status).toBeLessThan(600);
          expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
          expect(error.message).toBe('The database is unavailable; retry shortly');
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const writers = Promise.all([0, 1, 2].map(writer));
    await new Promise((r) => setTimeout(r, 300));
    cluster.crash();
    crashed = true;
    await new Promise((r) => setTimeout(r, 500));
    cluster.start();
    await writers;
    expect(crashed).toBe(true);
    expect(failures.length).toBeGreaterThan(0); // the outage was seen
    // after the restart, requests succeed again without restarting the server
    const after = await gql('{ brands { totalCount } }');
    expect(after.body.data.brands.totalCount).toBe(1);

    const db = new Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const rows = await db.query<{ batch: string; n: number }>(
        `SELECT split_part(external_id, '-', 1) || '-' || split_part(external_id, '-', 2) AS batch, count(*)::int AS n
           FROM feedback WHERE brand_id = $1 GROUP BY 1`,
        [brandId],
      );
      const stored = new Map(rows.rows.map((r) => [r.batch, r.n]));
      for (const id of acknowledged) expect([id, stored.get(id)]).toEqual([id, 50]); // every acknowledged batch, whole
      for (const [id, n] of stored) expect([id, n]).toEqual([id, 50]); // nothing half-written
    } finally {
      await db.end();
    }
  });
});

describe('shutting down (what SIGTERM and Ctrl-C call)', () => {
  it('finishes in-flight requests, then refuses new ones and closes the pool', async () => {
    const brand = await gql('mutation { createBrand(input: { name: "Shutdown" }) { id } }');
    const brandId = brand.body.data.createBrand.id;
    const items = Array.from({ length: 1000 }, (_, j) => ({
      kind: 'COMMENT',
      receivedAt: '2024-01-01T00:00:00Z',
      externalId: `s-${j}`,
    }));
    const inFlight = gql(
      'mutation($i: RecordInteractionsInput!) { recordInteractions(input: $i) { inserted } }',
      { i: { brandId, feedback: items } },
    ).then((r) => r); // supertest sends on then()
    await new Promise((r) => setTimeout(r, 20));
    const closing = server.close();
    const res = await inFlight;
    await closing;
    expect(res.body.data.recordInteractions.inserted).toBe(1000);
    await expect(request(server.url).get('/healthz')).rejects.toThrow(/ECONNREFUSED/);
    const db = new Client({ connectionString: cluster.url });
    await db.connect();
    try {
      // a backend leaves pg_stat_activity a moment after its client hung up: wait up to 3 s
      const open = async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'rapport'`,
          )
        ).rows[0]!.n;
      let n = await open();
      for (let i = 0; i < 30 && n > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        n = await open();
      }
      expect(n).toBe(0);
    } finally {
      await db.end();
    }
  });
});
