import { TestApp } from '../support/test-app';
import { createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('grunig');
});
afterAll(() => t.close());

const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-01-29T00:00:00Z' }; // 4 weeks
const day = (d: number, h = 10) => new Date(Date.UTC(2024, 0, d, h)).toISOString();
const CLASSIFY = `query($b: ID!, $w: WindowInput) {
  classification(brandId: $b, window: $w) {
    model insufficientData confidence mixedMotive direction symmetry promotion algorithmVersion
    window { from to } scores { model score } evidence { name weight applicable value numerator denominator }
  }
}`;

/** The brand profiles of the issue, recorded through the API. */
const PROFILES: Record<
  string,
  { activities: Record<string, unknown>[]; feedback: Record<string, unknown>[] }
> = {
  advertiser: {
    activities: Array.from({ length: 12 }, (_, i) => ({ kind: 'AD', occurredAt: day(1 + 2 * i) })),
    feedback: [],
  },
  informer: {
    activities: Array.from({ length: 12 }, (_, i) => ({
      kind: i % 2 ? 'ARTICLE' : 'NEWSLETTER',
      occurredAt: day(1 + 2 * i),
    })),
    feedback: [],
  },
  persuader: {
    // answers everyone and surveys, but to promote; never adopts anything
    feedback: Array.from({ length: 10 }, (_, i) => ({
      kind: 'QUESTION',
      receivedAt: day(1 + i),
      externalId: `q${i}`,
    })),
    activities: [
      ...Array.from({ length: 10 }, (_, i) => ({
        kind: 'REPLY',
        intent: 'PROMOTE',
        occurredAt: day(1 + i, 11),
        inReplyToFeedbackExternalId: `q${i}`,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        kind: 'SURVEY',
        intent: 'PROMOTE',
        occurredAt: day(2 + 7 * i),
      })),
      ...Array.from({ length: 3 }, (_, i) => ({ kind: 'CAMPAIGN', occurredAt: day(3 + 7 * i) })),
    ],
  },
  listener: {
    // answers, asks to understand, adopts suggestions
    feedback: Array.from({ length: 10 }, (_, i) => ({
      kind: 'SUGGESTION',
      receivedAt: day(1 + i),
      externalId: `s${i}`,
      outcome: i < 2 ? 'ADOPTED' : 'ANSWERED',
    })),
    activities: [
      ...Array.from({ length: 10 }, (_, i) => ({
        kind: 'REPLY',
        occurredAt: day(1 + i, 12),
        inReplyToFeedbackExternalId: `s${i}`,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ kind: 'SURVEY', occurredAt: day(2 + 7 * i) })),
      { kind: 'POLICY_CHANGE', occurredAt: day(20) },
      { kind: 'POST', occurredAt: day(5) },
    ],
  },
  mixed: {
    // answers and listens, but adopts nothing: S = 0.5, TWA = TWS
    feedback: Array.from({ length: 10 }, (_, i) => ({
      kind: 'COMMENT',
      receivedAt: day(1 + i),
      externalId: `m${i}`,
    })),
    activities: [
      ...Array.from({ length: 10 }, (_, i) => ({
        kind: 'REPLY',
        occurredAt: day(1 + i, 12),
        inReplyToFeedbackExternalId: `m${i}`,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ kind: 'MONITORING', occurredAt: day(2 + 7 * i) })),
    ],
  },
  silent: { activities: [], feedback: [] },
};

const EXPECTED: Record<string, { model: string | null; mixedMotive: boolean }> = {
  advertiser: { model: 'PRESS_AGENTRY', mixedMotive: false },
  informer: { model: 'PUBLIC_INFORMATION', mixedMotive: false },
  persuader: { model: 'TWO_WAY_ASYMMETRICAL', mixedMotive: false },
  listener: { model: 'TWO_WAY_SYMMETRICAL', mixedMotive: false },
  mixed: { model: 'TWO_WAY_SYMMETRICAL', mixedMotive: true },
  silent: { model: null, mixedMotive: false },
};

const ids: Record<string, string> = {};
beforeAll(async () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    ids[name] = await createBrand(t, key, { name });
    if (profile.activities.length || profile.feedback.length) {
      const res = await record(t, key, ids[name]!, profile.activities, profile.feedback);
      expect(res.errors).toBeUndefined();
    }
  }
});

describe('classification through the API', () => {
  it.each(Object.keys(PROFILES))('classifies the %s', async (name) => {
    const c = (await t.ok(key, CLASSIFY, { b: ids[name], w: WINDOW })).classification;
    expect({ model: c.model, mixedMotive: c.mixedMotive }).toEqual(EXPECTED[name]);
    expect(c.scores.map((s: any) => s.model)).toEqual([
      'PRESS_AGENTRY',
      'PUBLIC_INFORMATION',
      'TWO_WAY_ASYMMETRICAL',
      'TWO_WAY_SYMMETRICAL',
    ]);
    expect(c.scores.reduce((a: number, s: any) => a + s.score, 0)).toBeCloseTo(1, 12);
    expect(c.insufficientData).toBe(name === 'silent');
  });

  it('shows its evidence: the persuader in numbers', async () => {
    const c = (await t.ok(key, CLASSIFY, { b: ids.persuader, w: WINDOW })).classification;
    const e = Object.fromEntries(c.evidence.map((x: any) => [x.name, x]));
    expect(e.twoWayShare).toMatchObject({ numerator: 14, denominator: 17, weight: 0.4 });
    expect(e.responseRate).toMatchObject({ numerator: 10, denominator: 10, value: 1 });
    expect(e.listeningCadence).toMatchObject({ numerator: 4, denominator: 4, value: 1 });
    expect(e.adoption).toMatchObject({ numerator: 0, denominator: 10, value: 0 });
    expect(e.understandingShare).toMatchObject({ numerator: 0, denominator: 4, value: 0 });
    expect(e.accommodativeReplyShare).toMatchObject({ numerator: 0, denominator: 10, value: 0 });
    expect(e.promotionShare).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
    const D = 0.4 * (14 / 17) + 0.4 + 0.2;
    expect(c.direction).toBeCloseTo(D, 12);
    expect(c.symmetry).toBe(0);
    expect(c.promotion).toBe(1);
    const n = 17 + 10;
    expect(c.confidence).toBeCloseTo(
      Math.min(1, (D - (1 - D)) / 0.3) * (1 - Math.exp(-n / 50)),
      12,
    );
  });

  it('defaults the window to the 90 × 24 hours ending now', async () => {
    const before = Date.now();
    const c = (await t.ok(key, CLASSIFY, { b: ids.advertiser })).classification;
    const to = Date.parse(c.window.to);
    expect(to).toBeGreaterThanOrEqual(before - 1000);
    expect(to - Date.parse(c.window.from)).toBe(90 * 24 * 3_600_000);
    expect(c.insufficientData).toBe(true); // the profiles are from 2024
  });

  it("answers NOT_FOUND for another workspace's brand", async () => {
    const stranger = await t.key('stranger');
    const res = await t.gql(stranger, CLASSIFY, { b: ids.listener, w: WINDOW });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('Brand.classification and the workspace overview', () => {
  it('agree with the per-brand results', async () => {
    const data = await t.ok(
      key,
      `query($w: WindowInput!) {
         brands(first: 100) { nodes { id engagement(window: $w) { score stage } classification(window: $w) { model } } }
         workspaceOverview(window: $w) {
           brandCount insufficientData meanEngagementScore
           brandsByModel { model brands } brandsByStage { stage brands }
         }
       }`,
      { w: WINDOW },
    );
    const nodes = data.brands.nodes;
    const overview = data.workspaceOverview;
    expect(overview.brandCount).toBe(6);
    expect(overview.insufficientData).toBe(1);
    expect(Object.fromEntries(overview.brandsByModel.map((m: any) => [m.model, m.brands]))).toEqual(
      {
        PRESS_AGENTRY: 1,
        PUBLIC_INFORMATION: 1,
        TWO_WAY_ASYMMETRICAL: 1,
        TWO_WAY_SYMMETRICAL: 2,
      },
    );
    for (const n of nodes) {
      const name = Object.keys(ids).find((k) => ids[k] === n.id)!;
      expect(n.classification.model).toBe(EXPECTED[name]!.model);
    }
    const stages = nodes.reduce(
      (acc: Record<string, number>, n: any) => ({
        ...acc,
        [n.engagement.stage]: (acc[n.engagement.stage] ?? 0) + 1,
      }),
      {},
    );
    for (const s of overview.brandsByStage) expect(s.brands).toBe(stages[s.stage] ?? 0);
    const mean = nodes.reduce((a: number, n: any) => a + n.engagement.score, 0) / nodes.length;
    expect(overview.meanEngagementScore).toBeCloseTo(mean, 9);
  });

  it('one statement serves both engagement and classification of a list', async () => {
    const both = await t.statementsFor(
      key,
      `query($w: WindowInput!) { brands(first: 100) { nodes { engagement(window: $w) { score } classification(window: $w) { model } } } }`,
      { w: WINDOW },
    );
    const one = await t.statementsFor(
      key,
      `query($w: WindowInput!) { brands(first: 100) { nodes { engagement(window: $w) { score } } } }`,
      { w: WINDOW },
    );
    expect(both).toBe(one);
  });
});

describe('classificationSeries', () => {
  it('shows a brand moving from broadcasting to engagement', async () => {
    const brandId = await createBrand(t, key, { name: 'mover' });
    await record(
      t,
      key,
      brandId,
      [
        ...Array.from({ length: 6 }, (_, i) => ({ kind: 'AD', occurredAt: day(1 + i) })), // week 1: ads only
        ...Array.from({ length: 5 }, (_, i) => ({
          kind: 'REPLY',
          occurredAt: day(8 + i, 12),
          inReplyToFeedbackExternalId: `w2-${i}`,
        })),
        { kind: 'SURVEY', occurredAt: day(9) },
      ],
      Array.from({ length: 5 }, (_, i) => ({
        kind: 'SUGGESTION',
        receivedAt: day(8 + i),
        externalId: `w2-${i}`,
        outcome: 'ADOPTED',
      })),
    );
    const points = (
      await t.ok(
        key,
        `query($b: ID!, $w: WindowInput!) { classificationSeries(brandId: $b, window: $w, granularity: WEEK) {
        periodStart model direction symmetry promotion insufficientData } }`,
        { b: brandId, w: { from: day(1, 0), to: day(22, 0) } },
      )
    ).classificationSeries;
    expect(points.map((p: any) => p.periodStart)).toEqual([day(1, 0), day(8, 0), day(15, 0)]);
    expect(points.map((p: any) => p.model)).toEqual(['PRESS_AGENTRY', 'TWO_WAY_SYMMETRICAL', null]);
    expect(points[0].promotion).toBe(1);
    expect(points[1].symmetry).toBe(1);
    expect(points[2].insufficientData).toBe(true);
  });
});
