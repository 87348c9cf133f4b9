import { SentimentMix1795540000000 } from '../../migrations/1795540000000-SentimentMix';
import { RollupWriter } from '../../src/modules/rollups/rollup-writer';
import { INFERENCE_VERSION } from '../../src/modules/text-signals/text-model';
import { TestApp } from '../support/test-app';
import {
  ANGRY,
  CRASH,
  FRENCH,
  HAPPY,
  textSignalChecks,
  type TextSignalApp,
} from '../support/text-signal-checks';
import { createBrand, record } from '../factories/interactions';

/**
 * Text signals in storage, rollups and the API (engagement-model.md, "Text
 * signals"): CORRECTED beats PROVIDED beats INFERRED; every number is computed
 * from the effective values, and the rollups stay equal to a rebuild through
 * inference, replays, reclassification and re-inference.
 */
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('text-signals');
});
afterAll(() => t.close());

const app = {} as TextSignalApp;
beforeAll(() => Object.assign(app, { t, key }));
const { items, expectRollupsEqualRebuild, rawCounts, expectReportMatchesRows } =
  textSignalChecks(app);

describe('rollups and re-inference', () => {
  it('count inferred values in the rollups, and re-infer stale items exactly', async () => {
    const brandId = await createBrand(t, key, { timezone: 'America/New_York' });
    const texts = [ANGRY, HAPPY, CRASH, FRENCH, 'ok', null];
    const kinds = ['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE', 'REVIEW', 'MENTION'];
    const feedback = Array.from({ length: 60 }, (_, i) => ({
      externalId: `r${i}`,
      kind: kinds[i % kinds.length],
      text: texts[(i * 7) % texts.length],
      sentiment: i % 5 === 0 ? -0.5 : null,
      receivedAt: new Date(Date.UTC(2024, 0, 2 + (i % 40), i % 24)).toISOString(),
    }));
    const activities = feedback
      .filter((_, i) => i % 3 === 0)
      .map((f, i) => ({
        kind: 'REPLY',
        occurredAt: new Date(Date.parse(f.receivedAt) + 3_600_000).toISOString(),
        inReplyToFeedbackExternalId: f.externalId,
        externalId: `reply${i}`,
      }));
    expect((await record(t, key, brandId, activities, feedback)).errors).toBeUndefined();
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    expect((await rawCounts(brandId)).INFERRED).toBeGreaterThan(10);

    // an older model read these texts (here: nothing in them) ...
    await t.sql(
      `UPDATE feedback SET inference_version = 'en-0', inferred_sentiment = NULL, inferred_complaint = NULL,
              sentiment_cues = '{}', complaint_cues = '{}'
        WHERE brand_id = $1 AND text IS NOT NULL`,
      [brandId],
    );
    // ... and the rollups counted what it read (nothing inferred); SQL behind the writers' back must
    // also move the brand's data version, as every writer does, or cached reports would not see it
    await t.dataSource.transaction(async (m) => {
      await new RollupWriter().rebuild(m, brandId);
      await m.query('UPDATE brands SET data_version = data_version + 1 WHERE id = $1', [brandId]);
    });
    await expectReportMatchesRows(brandId);
    expect((await rawCounts(brandId)).INFERRED).toBe(0);
    const [{ workspace_id: workspaceId }] = await t.sql<{ workspace_id: string }>(
      'SELECT workspace_id FROM brands WHERE id = $1',
      [brandId],
    );
    const services = t.app.services;
    const uow = services.unitOfWork(t.appDataSource, workspaceId!);
    try {
      const pending = await uow.read((scope) => services.reinference.pending(scope, brandId));
      expect(pending).toBe(feedback.filter((f) => f.text).length);
      const chunks: number[] = [];
      for (;;) {
        const n = await uow.write((scope) => services.reinference.chunk(scope, brandId, 17));
        if (n === 0) break;
        chunks.push(n);
      }
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(pending);
      expect(await uow.read((scope) => services.reinference.pending(scope, brandId))).toBe(0);
    } finally {
      await uow.close();
    }
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    const angry = await items(brandId, { externalIds: ['r0'] });
    expect(angry[0]).toMatchObject({ signals: { inferenceVersion: INFERENCE_VERSION } });
  });
});

describe('the SentimentMix migration', () => {
  it('fills positive and neutral of existing rollups as a rebuild would', async () => {
    const brandId = await createBrand(t, key, { timezone: 'Asia/Seoul' });
    const texts = [ANGRY, HAPPY, CRASH, FRENCH, 'ok', null];
    const sentiments = [null, 0.9, 0.1, -0.2, 0.2, 0.21, -0.6];
    const feedback = Array.from({ length: 42 }, (_, i) => ({
      externalId: `m${i}`,
      kind: i % 4 === 0 ? 'COMPLAINT' : 'COMMENT',
      text: texts[i % texts.length],
      sentiment: sentiments[i % sentiments.length],
      receivedAt: new Date(Date.UTC(2024, 0, 3 + (i % 45), (i * 5) % 24)).toISOString(),
    }));
    expect((await record(t, key, brandId, [], feedback)).errors).toBeUndefined();
    const mix = (q: (sql: string, p: unknown[]) => Promise<Record<string, unknown>[]>) =>
      Promise.all(
        ['engagement_daily', 'engagement_monthly'].map((table) =>
          q(
            `SELECT audience_key, ${table === 'engagement_daily' ? 'day' : 'month'}::text AS at, positive, neutral
               FROM ${table} WHERE brand_id = $1 ORDER BY 1, 2`,
            [brandId],
          ),
        ),
      );
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const migration = new SentimentMix1795540000000();
      await migration.down(runner);
      await migration.up(runner);
      const migrated = await mix((sql, p) => runner.query(sql, p));
      await new RollupWriter().rebuild(runner.manager, brandId);
      const rebuilt = await mix((sql, p) => runner.query(sql, p));
      expect(migrated).toEqual(rebuilt);
      const totals = rebuilt[0]!.reduce(
        (a, r) => [a[0]! + Number(r.positive), a[1]! + Number(r.neutral)],
        [0, 0],
      );
      expect(totals[0]).toBeGreaterThan(0);
      expect(totals[1]).toBeGreaterThan(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
  });
});
