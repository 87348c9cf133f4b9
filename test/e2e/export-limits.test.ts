import 'reflect-metadata';
import type { Server } from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { DataSource, type QueryRunner } from 'typeorm';
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from '../../src/config';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { createApp, type App } from '../../src/server/app';
import { TestApp } from '../support/test-app';
import { createBrand } from '../factories/interactions';

/**
 * Exports against slow readers: sockets that ask for a large export and never
 * read must not hold database connections, writes time out, concurrent
 * exports per key are capped, and a busy pool answers a retryable error.
 */
jest.setTimeout(90_000);

const POOL = 10;
const WRITE_TIMEOUT_MS = 10_000;
const EXPORT = '/export/engagement.csv?from=2021-01-01T00:00:00Z&to=2022-01-01T00:00:00Z';

let t: TestApp;
let readers: string[];
let other: string;

interface Served {
  app: App;
  dataSource: DataSource;
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The real app on its own pool (size, acquire timeout), listening on a real port. */
async function serve(
  pool: { size: number; acquireTimeoutMs: number },
  options: Partial<HttpOptions> = {},
): Promise<Served> {
  const dataSource = new DataSource(
    dataSourceOptions(t.databaseUrl, pool.size, true, [], pool.acquireTimeoutMs),
  );
  await dataSource.initialize();
  const app = await createApp(
    dataSource,
    { migrated: true },
    { ...DEFAULT_HTTP_OPTIONS, rateLimitStore: 'memory', ...options },
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.express.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    app,
    dataSource,
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.stop();
      await dataSource.destroy();
    },
  };
}

/** A client that asks for an export and never reads a byte. */
function stalledReader(port: number, key: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.pause();
      socket.write(
        `GET ${EXPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n\r\n`,
      );
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** Request connections that sit in an open transaction: held, not working. */
async function heldConnections(): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'rapport'
        AND state LIKE 'idle in transaction%'`,
  );
  return n!;
}

/** Polls until `check` holds `times` polls in a row (or fails the test after `ms`). */
async function until(check: () => Promise<boolean>, times = 1, ms = 30_000): Promise<void> {
  let held = 0;
  for (const end = Date.now() + ms; Date.now() < end;) {
    held = (await check()) ? held + 1 : 0;
    if (held >= times) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition never held');
}

/** No request statement of the app running: the exports have filled their sockets and wait. */
const stalled = async () => {
  const [{ n }] = await t.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'rapport' AND state = 'active'
        AND pid <> pg_backend_pid()`,
  );
  return n === 0;
};

const exportsRunning = async (url: string) => {
  const n = Number(
    /^rapport_exports_in_progress (\d+)$/m.exec((await request(url).get('/metrics')).text)?.[1],
  );
  return n;
};

beforeAll(async () => {
  t = await TestApp.start();
  // six keys of one workspace; ten brands with 4,000-character names × a year of days: 3,650
  // rows, 15 MB of CSV, far more than a stalled socket's buffers take (≈ 4 MB on loopback)
  readers = [];
  for (let i = 0; i < 6; i++) readers.push(await t.key('exports'));
  for (let i = 0; i < 10; i++) await createBrand(t, readers[0]!);
  await t.sql(
    `UPDATE brands b SET name = b.name || repeat('x', 4000)
       FROM workspaces w WHERE w.id = b.workspace_id AND w.name = 'exports'`,
  );
  await t.sql(
    `INSERT INTO engagement_daily (brand_id, workspace_id, audience_key, day, feedback, acknowledged, listening, broadcasting)
     SELECT b.id, b.workspace_id, '00000000-0000-0000-0000-000000000000', d::date, 3, 2, 1, 1
       FROM brands b JOIN workspaces w ON w.id = b.workspace_id AND w.name = 'exports'
      CROSS JOIN generate_series('2021-01-01'::date, '2021-12-31'::date, '1 day') d`,
  );
  other = await t.key('someone-else');
});
afterAll(() => t.close());

describe('exports and slow readers', () => {
  it('twelve stalled readers hold no connection: GraphQL of another workspace and /readyz still answer', async () => {
    const s = await serve(
      { size: POOL, acquireTimeoutMs: 2000 },
      { exportMaxPerKey: 2, exportWriteTimeoutMs: WRITE_TIMEOUT_MS },
    );
    const sockets: net.Socket[] = [];
    try {
      for (let i = 0; i < 12; i++) sockets.push(await stalledReader(s.port, readers[i % 6]!));
      // every export fills its socket's buffers and waits for its reader
      await until(async () => (await exportsRunning(s.url)) === 12 && (await stalled()), 10);
      expect(await heldConnections()).toBe(0);

      const started = Date.now();
      const res = await request(s.url)
        .post('/graphql')
        .set('authorization', `Bearer ${other}`)
        .send({ query: '{ brands { totalCount } }' })
        .timeout(5000);
      expect(res.status).toBe(200);
      expect(res.body.data.brands.totalCount).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await request(s.url).get('/readyz').timeout(5000)).status).toBe(200);

      // the write timeout cuts the stalled exports and frees their slots
      await until(async () => (await exportsRunning(s.url)) === 0);
      const again = await request(s.url)
        .get(EXPORT.replace('2022-01-01', '2021-01-03'))
        .set('authorization', `Bearer ${readers[0]}`);
      expect(again.status).toBe(200);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await s.close();
    }
  });

  it('caps concurrent exports per key with RATE_LIMITED and Retry-After', async () => {
    const s = await serve({ size: POOL, acquireTimeoutMs: 2000 }, { exportMaxPerKey: 2 });
    const sockets: net.Socket[] = [];
    try {
      sockets.push(
        await stalledReader(s.port, readers[0]!),
        await stalledReader(s.port, readers[0]!),
      );
      await new Promise((r) => setTimeout(r, 500));
      const third = await request(s.url)
        .get(EXPORT)
        .set('authorization', `Bearer ${readers[0]}`)
        .timeout(5000);
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toMatch(/^\d+$/);
      expect(third.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      // another key is not affected
      const otherKey = await request(s.url)
        .get(EXPORT.replace('2022-01-01', '2021-01-03'))
        .set('authorization', `Bearer ${readers[1]}`)
        .timeout(5000);
      expect(otherKey.status).toBe(200);
      sockets.forEach((socket) => socket.destroy());
      await until(async () => (await exportsRunning(s.url)) === 0);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await s.close();
    }
  });

  it('answers the retryable "database unavailable" error (503, Retry-After) when no pool connection frees up in time', async () => {
    const s = await serve({ size: 2, acquireTimeoutMs: 300 });
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const runner = s.dataSource.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const res = await request(s.url)
        .post('/graphql')
        .set('authorization', `Bearer ${other}`)
        .send({ query: '{ brands { totalCount } }' })
        .timeout(5000);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body.errors[0]).toEqual({
        message: 'The database is unavailable; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      });
      const exported = await request(s.url)
        .get(EXPORT)
        .set('authorization', `Bearer ${readers[0]}`)
        .timeout(5000);
      expect(exported.status).toBe(503);
      expect(exported.headers['retry-after']).toMatch(/^\d+$/);
      // the same body as GraphQL's retryable error: one error table for every route
      expect(exported.body.errors[0]).toEqual({
        message: 'The database is unavailable; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      });
    } finally {
      await Promise.all(held.map((r) => r.release()));
      await s.close();
    }
  });
});
