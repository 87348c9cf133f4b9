import request from 'supertest';
import { fb, ndjson } from '../factories/ndjson-lines';
import { TestApp } from '../support/test-app';

describe('POST /ingest rate limit', () => {
  let small: TestApp;
  afterAll(() => small?.close());

  it('costs points by lines: a load stops when the bucket is empty, and says where to resume', async () => {
    // 20 lines a chunk cost 1 point; a bucket of 2 points takes 2 chunks
    small = await TestApp.start({
      ingestChunkLines: 20,
      rateLimitStore: 'memory',
      rateLimitPoints: 2,
      rateLimitRefillPerSecond: 0.001,
    });
    const smallKey = await small.key('bulk-limited');
    // created directly: a GraphQL mutation would draw on the same bucket
    await small.sql(
      `INSERT INTO brands (workspace_id, name, slug)
       SELECT id, 'limited', 'limited' FROM workspaces WHERE name = 'bulk-limited'`,
    );
    const lines = Array.from({ length: 50 }, (_, i) => fb('limited', `l${i}`));
    const res = await request(small.http)
      .post('/ingest')
      .set('content-type', 'application/x-ndjson')
      .set('authorization', `Bearer ${smallKey}`)
      .send(ndjson(lines));
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      inserted: 40,
      nextLine: 41,
    });
    const [{ n }] = await small.sql<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
    expect(n).toBe(40);
  });
});
