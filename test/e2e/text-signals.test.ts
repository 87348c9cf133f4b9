import { INFERENCE_VERSION, inferSignals } from '../../src/modules/text-signals/text-model';
import { TestApp } from '../support/test-app';
import {
  ANGRY,
  CRASH,
  FRENCH,
  HAPPY,
  RECLASSIFY,
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
const { byExt, expectRollupsEqualRebuild, expectReportMatchesRows } = textSignalChecks(app);

describe('precedence: corrected, else provided, else inferred', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key, { timezone: 'Europe/Paris' });
    const res = await record(
      t,
      key,
      brandId,
      [],
      [
        { externalId: 'angry', kind: 'COMMENT', receivedAt: '2024-01-10T10:00:00Z', text: ANGRY },
        {
          externalId: 'angry-provided',
          kind: 'COMMENT',
          sentiment: 0.5,
          receivedAt: '2024-01-10T11:00:00Z',
          text: ANGRY,
        },
        { externalId: 'praise', kind: 'PRAISE', receivedAt: '2024-01-11T10:00:00Z', text: CRASH },
        {
          externalId: 'complaint',
          kind: 'COMPLAINT',
          receivedAt: '2024-01-11T11:00:00Z',
          text: HAPPY,
        },
        {
          externalId: 'french',
          kind: 'QUESTION',
          receivedAt: '2024-01-12T10:00:00Z',
          text: FRENCH,
        },
        { externalId: 'silent', kind: 'QUESTION', receivedAt: '2024-01-12T11:00:00Z' },
      ],
    );
    expect(res.errors).toBeUndefined();
  });

  it('infers sentiment and complaint from the text when the caller gave none', async () => {
    const signals = inferSignals(ANGRY)!;
    expect(signals.complaint).toBe(true);
    expect(await byExt(brandId, 'angry')).toMatchObject({
      sentiment: signals.sentiment,
      sentimentSource: 'INFERRED',
      complaint: true,
      negative: true,
      signals: {
        sentimentCues: signals.sentimentCues,
        complaintCues: signals.complaintCues,
        inferenceVersion: INFERENCE_VERSION,
      },
    });
  });

  it("keeps the caller's sentiment, and still reads the complaint of a COMMENT", async () => {
    expect(await byExt(brandId, 'angry-provided')).toMatchObject({
      sentiment: 0.5,
      sentimentSource: 'PROVIDED',
      complaint: true,
      negative: true,
      signals: { sentimentCues: [], complaintCues: inferSignals(ANGRY)!.complaintCues },
    });
  });

  it('never reads a complaint into PRAISE, nor out of COMPLAINT', async () => {
    expect(inferSignals(CRASH)!.complaint).toBe(true);
    expect(await byExt(brandId, 'praise')).toMatchObject({
      sentimentSource: 'INFERRED',
      complaint: false,
      signals: { complaintCues: [] },
    });
    expect(await byExt(brandId, 'complaint')).toMatchObject({
      complaint: true,
      negative: true,
    });
  });

  it('gives no signals to unsupported languages and to items without text', async () => {
    expect(await byExt(brandId, 'french')).toMatchObject({
      sentiment: null,
      sentimentSource: 'NONE',
      complaint: false,
      negative: false,
      signals: { sentimentCues: [], complaintCues: [], inferenceVersion: INFERENCE_VERSION },
    });
    expect(await byExt(brandId, 'silent')).toMatchObject({
      sentimentSource: 'NONE',
      negative: false,
      signals: { sentimentCues: [], complaintCues: [], inferenceVersion: null },
    });
  });

  it('lets a correction beat both, and a reset restore them', async () => {
    const { id } = await byExt(brandId, 'angry-provided');
    const corrected = await t.ok(key, RECLASSIFY, {
      id,
      input: { sentiment: 0.8, complaint: false },
    });
    expect(corrected.reclassifyFeedback).toMatchObject({
      sentiment: 0.8,
      sentimentSource: 'CORRECTED',
      complaint: false,
      negative: false,
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
    // one field at a time: the other correction stays
    const partly = await t.ok(key, RECLASSIFY, { id, input: { complaint: true } });
    expect(partly.reclassifyFeedback).toMatchObject({ sentiment: 0.8, complaint: true });
    const reset = await t.ok(key, RECLASSIFY, { id, input: { reset: true } });
    expect(reset.reclassifyFeedback).toMatchObject({
      sentiment: 0.5,
      sentimentSource: 'PROVIDED',
      complaint: true,
      negative: true,
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
  });

  it('reads a replaced text again on an idempotent replay, and nothing on a plain one', async () => {
    const replay = (text: string) =>
      record(
        t,
        key,
        brandId,
        [],
        [{ externalId: 'angry', kind: 'COMMENT', receivedAt: '2024-01-10T10:00:00Z', text }],
      );
    expect((await replay(ANGRY)).data!.recordInteractions).toMatchObject({ unchanged: 1 });
    expect((await replay(HAPPY)).data!.recordInteractions).toMatchObject({ updated: 1 });
    expect(await byExt(brandId, 'angry')).toMatchObject({
      sentiment: inferSignals(HAPPY)!.sentiment,
      sentimentSource: 'INFERRED',
      complaint: false,
      negative: false,
      signals: { complaintCues: [], sentimentCues: inferSignals(HAPPY)!.sentimentCues },
    });
    await expectRollupsEqualRebuild(brandId);
    await expectReportMatchesRows(brandId);
  });
});
