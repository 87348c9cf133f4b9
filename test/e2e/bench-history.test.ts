import type { DataSource } from 'typeorm';
import { startBulkLoad } from '../../bench/bulk-load';
import {
  addEvents,
  type BenchWorkspace,
  createBenchWorkspace,
  HISTORY_DAYS,
  HISTORY_END,
  rebuildRollups,
} from '../../bench/synthetic-history';
import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { roundedRow } from '../support/rounded-rows';
import { TestApp } from '../support/test-app';

// the benchmark's history loads with the foreign-key triggers off and without
// its secondary indexes: what it writes must still be what the API would have
let t: TestApp;
let ds: DataSource;
let bench: BenchWorkspace;
const EVENTS = 20_000;

beforeAll(async () => {
  t = await TestApp.start();
  ds = t.dataSource;
  bench = await createBenchWorkspace(ds);
  const progress: number[] = [];
  await addEvents(ds, 0, EVENTS, (done) => progress.push(done));
  expect(progress.at(-1)).toBe(EVENTS);
});
afterAll(() => t.close());

const count = async (sql: string) => Number((await ds.query(sql))[0].n);

it('writes as many events as asked, in the history, consistent as the foreign keys require', async () => {
  expect(
    (await count(`SELECT count(*) AS n FROM feedback`)) +
      (await count(`SELECT count(*) AS n FROM activities`)),
  ).toBe(EVENTS);
  const [span] = await ds.query(
    `SELECT min(t) AS first, max(t) AS last FROM (
       SELECT received_at AS t FROM feedback UNION ALL SELECT occurred_at FROM activities) x`,
  );
  expect(span.first.getTime()).toBeGreaterThanOrEqual(HISTORY_END.getTime() - HISTORY_DAYS * 864e5);
  expect(span.last.getTime()).toBeLessThanOrEqual(HISTORY_END.getTime());
  // every audience is its brand's, every reply answers a feedback item of its brand at its first response
  expect(
    await count(`SELECT count(*) AS n FROM feedback f
                  WHERE f.audience_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM audiences a WHERE a.brand_id = f.brand_id AND a.id = f.audience_id)`),
  ).toBe(0);
  expect(
    await count(`SELECT count(*) AS n FROM activities r
                  WHERE r.kind = 'REPLY' AND NOT EXISTS (
                    SELECT 1 FROM feedback f WHERE f.brand_id = r.brand_id AND f.id = r.in_reply_to_feedback_id
                       AND f.first_response_at = r.occurred_at AND f.external_id = r.in_reply_to_feedback_external_id)`),
  ).toBe(0);
  expect(
    await count(`SELECT count(*) AS n FROM feedback f WHERE f.first_response_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM activities r
                                   WHERE r.brand_id = f.brand_id AND r.in_reply_to_feedback_id = f.id)`),
  ).toBe(0);
  expect(await count(`SELECT count(*) AS n FROM activities WHERE kind = 'REPLY'`)).toBeGreaterThan(
    EVENTS * 0.1,
  );
});

it('rebuilds the rollups brand by brand exactly as one rebuild of everything', async () => {
  const snapshot = async () =>
    (
      (await ds.query(
        `SELECT brand_id, audience_key, day::text, to_jsonb(d) - 'updated_at' - 'created_at' AS row
           FROM engagement_daily d ORDER BY 1, 2, 3`,
      )) as { row: Record<string, unknown> }[]
    ).map((r) => ({ ...r, row: roundedRow(r.row) }));
  await ds.transaction((m) => new RollupWriter().rebuild(m, null));
  const whole = await snapshot();
  await ds.query('DELETE FROM engagement_daily');
  await rebuildRollups(ds, bench.brandIds);
  expect(whole.length).toBeGreaterThan(1_000);
  expect(await snapshot()).toEqual(whole);
});

it('builds the secondary indexes it dropped again, and hands back connections as it found them', async () => {
  const indexes = () =>
    ds.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename IN ('feedback', 'activities') ORDER BY indexname`,
    );
  const before = await indexes();
  const secondary = before.filter((i: { indexdef: string }) => !/UNIQUE/.test(i.indexdef)).length;
  expect(secondary).toBeGreaterThanOrEqual(8);
  const load = await startBulkLoad(ds, 1_000_000, 0);
  expect(load.shortcuts).toContain(`${secondary} secondary indexes dropped`);
  expect((await indexes()).length).toBe(before.length - secondary);
  await load.finish(() => undefined);
  expect(await indexes()).toEqual(before);
  // every pooled connection (held at once, so each is a different one) is back to normal
  const settings = await Promise.all(
    Array.from({ length: 5 }, () =>
      ds.transaction(async (m) => {
        const [row] = await m.query(
          `SELECT current_setting('session_replication_role') AS role,
                  current_setting('synchronous_commit') AS sync, pg_sleep(0.2)::text`,
        );
        return `${row.role}/${row.sync}`;
      }),
    ),
  );
  expect(new Set(settings)).toEqual(new Set(['origin/on']));
});
