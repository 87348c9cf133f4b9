import request from 'supertest';
import { CONFLICT_REASON } from '../../src/modules/ingestion/interaction-merge';
import { INFERENCE_VERSION } from '../../src/modules/text-signals/text-model';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { createBrand } from '../factories/interactions';
import { TestApp } from '../support/test-app';
import { textSignalChecks, type TextSignalApp } from '../support/text-signal-checks';
import { at, fb, ndjson, reply } from '../factories/ndjson-lines';

/**
 * POST /ingest: the rules of recordInteractions line by line, in chunks of
 * 3 lines here (so that "a later chunk" needs only a few lines).
 */
const app = {} as TextSignalApp;
const { expectRollupsEqualRebuild } = textSignalChecks(app);
let t: TestApp;
let key: string;

async function ingest(body: string, withKey: string | null = key, type = 'application/x-ndjson') {
  const req = request(t.http).post('/ingest').set('content-type', type);
  if (withKey !== null) req.set('authorization', `Bearer ${withKey}`);
  return req.send(body);
}

async function newBrand(slug: string, withKey = key): Promise<string> {
  return createBrand(t, withKey, { slug, name: slug });
}

const rows = (brandId: string) =>
  t.sql(
    `SELECT 'f' AS t, id, external_id, updated_at, first_response_at::text, in_reply_to_activity_id AS link
       FROM feedback WHERE brand_id = $1
     UNION ALL
     SELECT 'a', id, external_id, updated_at, NULL, in_reply_to_feedback_id
       FROM activities WHERE brand_id = $1 ORDER BY 1, 3`,
    [brandId],
  );

beforeAll(async () => {
  t = await TestApp.start({ ingestChunkLines: 3 });
  key = await t.key('bulk-a');
  Object.assign(app, { t, key });
});
afterAll(() => t.close());

describe('POST /ingest', () => {
  it('writes good lines, rejects bad ones by line with their problems, and replays change nothing', async () => {
    const brandId = await newBrand('bulk-main');
    const body = ndjson([
      fb('bulk-main', 'f1'),
      '{not json',
      { ...fb('bulk-main', 'f2'), kind: undefined },
      '',
      fb('bulk-main', 'f3', { sentiment: 5 }),
      fb('bulk-main', 'f4', { kind: 'PRAISE' }),
      reply('bulk-main', 'a1', 'f1'),
      fb('no-such-brand', 'f5'),
    ]);
    const first = await ingest(body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejectedCount: 4,
      rejected: [
        { line: 2, problems: [{ field: 'line', reason: 'not valid JSON' }] },
        { line: 3, problems: [{ field: 'kind', reason: 'required' }] },
        { line: 5, problems: [{ field: 'sentiment', reason: 'must be from -1 to 1' }] },
        {
          line: 8,
          problems: [
            { field: 'brand', reason: 'no brand with the slug "no-such-brand" in this workspace' },
          ],
        },
      ],
    });
    const before = await rows(brandId);
    expect(before.map((r) => r.external_id)).toEqual(['a1', 'f1', 'f4']);
    const before2 = await t.counts();

    const again = await ingest(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejectedCount: 4 });
    expect(await rows(brandId)).toEqual(before);
    expect(await t.counts()).toEqual(before2);
  });

  it('links replies sent before their feedback, in the same chunk and in a later one', async () => {
    const brandId = await newBrand('bulk-links');
    const res = await ingest(
      ndjson([
        reply('bulk-links', 'r-same', 'q-same', 20), // chunk 1
        fb('bulk-links', 'q-same'), // chunk 1
        reply('bulk-links', 'r-later', 'q-later', 45), // chunk 1
        {
          type: 'feedback',
          brand: 'bulk-links',
          kind: 'COMMENT',
          receivedAt: at(50),
          inReplyToActivityExternalId: 'post-1',
          externalId: 'c1',
        },
        fb('bulk-links', 'filler-1'),
        fb('bulk-links', 'filler-2'),
        fb('bulk-links', 'q-later'), // chunk 3
        {
          type: 'activity',
          brand: 'bulk-links',
          kind: 'POST',
          occurredAt: at(40),
          externalId: 'post-1',
        },
      ]),
    );
    expect(res.body).toMatchObject({ inserted: 8, rejectedCount: 0 });
    const [links] = await t.sql(
      `SELECT
         (SELECT f.id FROM feedback f WHERE f.brand_id = $1 AND f.external_id = 'q-same') =
         (SELECT a.in_reply_to_feedback_id FROM activities a WHERE a.brand_id = $1 AND a.external_id = 'r-same') AS same_chunk,
         (SELECT f.id FROM feedback f WHERE f.brand_id = $1 AND f.external_id = 'q-later') =
         (SELECT a.in_reply_to_feedback_id FROM activities a WHERE a.brand_id = $1 AND a.external_id = 'r-later') AS later_chunk,
         (SELECT a.id FROM activities a WHERE a.brand_id = $1 AND a.external_id = 'post-1') =
         (SELECT f.in_reply_to_activity_id FROM feedback f WHERE f.brand_id = $1 AND f.external_id = 'c1') AS comment,
         (SELECT first_response_at FROM feedback WHERE brand_id = $1 AND external_id = 'q-same') = $2::timestamptz AS first_same,
         (SELECT first_response_at FROM feedback WHERE brand_id = $1 AND external_id = 'q-later') = $3::timestamptz AS first_later`,
      [brandId, at(20), at(45)],
    );
    expect(links).toEqual({
      same_chunk: true,
      later_chunk: true,
      comment: true,
      first_same: true,
      first_later: true,
    });
    await expectRollupsEqualRebuild(brandId);
  });

  it('rejects a line that changes an immutable field and writes the others; a repeat in one chunk is a replay', async () => {
    const brandId = await newBrand('bulk-conflicts');
    await ingest(ndjson([fb('bulk-conflicts', 'k1')]));
    const res = await ingest(
      ndjson([
        fb('bulk-conflicts', 'k1', { kind: 'COMPLAINT', receivedAt: at(5) }),
        fb('bulk-conflicts', 'k2'),
        fb('bulk-conflicts', 'k2', { category: 'shipping' }),
      ]),
    );
    expect(res.body).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
      rejectedCount: 1,
      rejected: [
        {
          line: 1,
          problems: [
            { field: 'kind', reason: CONFLICT_REASON },
            { field: 'receivedAt', reason: CONFLICT_REASON },
          ],
        },
      ],
    });
    const stored = await t.sql(
      `SELECT external_id, kind::text, category FROM feedback WHERE brand_id = $1 ORDER BY 1`,
      [brandId],
    );
    expect(stored).toEqual([
      { external_id: 'k1', kind: 'QUESTION', category: null },
      { external_id: 'k2', kind: 'QUESTION', category: 'shipping' },
    ]);
  });

  it('reads texts given without a sentiment and keeps the rollups exact', async () => {
    const brandId = await newBrand('bulk-texts');
    const text = 'My order still has not arrived after two weeks, this is terrible service';
    const lines = Array.from({ length: 10 }, (_, i) =>
      fb('bulk-texts', `t${i}`, {
        sentiment: i % 2 ? 0.5 : null,
        text,
        kind: 'COMMENT',
        receivedAt: new Date(Date.UTC(2024, 0, 1 + i, 23, 30)).toISOString(),
      }),
    );
    const res = await ingest(ndjson([...lines, reply('bulk-texts', 'rt', 't0', 24 * 60)]));
    expect(res.body).toMatchObject({ inserted: 11, rejectedCount: 0 });
    const inferred = await t.sql(
      `SELECT external_id, inferred_sentiment IS NOT NULL AS has, inferred_complaint, inference_version
         FROM feedback WHERE brand_id = $1 ORDER BY received_at LIMIT 2`,
      [brandId],
    );
    expect(inferred).toEqual([
      {
        external_id: 't0',
        has: true,
        inferred_complaint: true,
        inference_version: INFERENCE_VERSION,
      },
      {
        external_id: 't1',
        has: false,
        inferred_complaint: true,
        inference_version: INFERENCE_VERSION,
      },
    ]);
    await expectRollupsEqualRebuild(brandId);
  });

  it('moves the data version, so cached reports stay exact', async () => {
    const brandId = await newBrand('bulk-cache');
    const REPORT = `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { feedbackCount } }`;
    const w = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };
    const version = async () =>
      (await t.sql(`SELECT data_version::text AS v FROM brands WHERE id = $1`, [brandId]))[0]!.v;
    const v0 = await version();
    expect((await t.ok(key, REPORT, { b: brandId, w })).engagement.feedbackCount).toBe(0);
    await ingest(ndjson([fb('bulk-cache', 'c1'), fb('bulk-cache', 'c2')]));
    expect(await version()).not.toBe(v0);
    expect((await t.ok(key, REPORT, { b: brandId, w })).engagement.feedbackCount).toBe(2);
  });

  it("cannot write into another workspace's brand: the line is rejected, nothing is written", async () => {
    const brandId = await newBrand('bulk-owned');
    const other = await t.key('bulk-b');
    const before = await t.counts();
    const res = await ingest(ndjson([fb('bulk-owned', 'x1')]), other);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inserted: 0, rejectedCount: 1 });
    expect(res.body.rejected[0].problems[0].field).toBe('brand');
    expect(await t.counts()).toEqual(before);
    expect(await rows(brandId)).toEqual([]);
  });

  it('answers errors with a code: 401, 403 for a READ key, 415 for another content type', async () => {
    const none = await ingest(ndjson([fb('bulk-main', 'z')]), null);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const reader = await t.key('bulk-a', [ApiKeyScope.READ]);
    const read = await ingest(ndjson([fb('bulk-main', 'z')]), reader);
    expect(read.status).toBe(403);
    expect(read.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const json = await ingest(JSON.stringify(fb('bulk-main', 'z')), key, 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
