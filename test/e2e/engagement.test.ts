import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const REPORT = `query($b: ID!, $w: WindowInput!, $a: ID) {
  engagement(brandId: $b, window: $w, audienceId: $a) {
    brandId score stage mixAlignment activityCount feedbackCount algorithmVersion
    weights { listening processing interacting broadcasting }
    responseTime { respondedCount medianMinutes p90Minutes }
    phases { phase score applicable weight contribution activityShare targetShare
             components { name weight applicable value numerator denominator } }
  }
}`;

const τ = (t: number, target: number) => 1 / (1 + (Math.max(0, t) / target) ** 2);
const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-01-15T00:00:00Z' }; // exactly 2 weeks

function component(report: any, phase: string, name: string) {
  return report.phases
    .find((p: any) => p.phase === phase)
    .components.find((c: any) => c.name === name);
}

describe('a worked example (engagement-model.md §2–5)', () => {
  let brandId: string;
  let audienceX: string;
  let report: any;

  beforeAll(async () => {
    brandId = await createBrand(t, key, { responseTargetMinutes: 60 });
    audienceX = await createAudience(t, key, brandId, 'X');
    const res = await record(
      t,
      key,
      brandId,
      [
        { kind: 'REPLY', occurredAt: '2024-01-02T11:00:00Z', inReplyToFeedbackExternalId: 'f1' }, // 60 min after f1, no audience
        { kind: 'REPLY', occurredAt: '2024-01-03T08:30:00Z', inReplyToFeedbackExternalId: 'f2' }, // before f2: delay −30
        { kind: 'REPLY', occurredAt: '2024-01-01T12:00:00Z', inReplyToFeedbackExternalId: 'f5' }, // answers feedback from before the window
        { kind: 'REPLY', occurredAt: '2024-01-15T01:00:00Z', inReplyToFeedbackExternalId: 'f4' }, // after the window
        { kind: 'COMMUNITY_CHAT', occurredAt: '2024-01-04T10:00:00Z' }, // proactive
        { kind: 'SURVEY', occurredAt: '2024-01-06T10:00:00Z' },
        { kind: 'ANALYSIS', occurredAt: '2024-01-07T10:00:00Z' },
        {
          kind: 'POST',
          occurredAt: '2024-01-08T10:00:00Z',
          reach: 1000,
          engagements: 30,
          audienceId: audienceX,
        },
        { kind: 'AD', occurredAt: '2024-01-09T10:00:00Z', reach: 0, engagements: 5 }, // reach 0: not in the rate
        { kind: 'POST', occurredAt: '2024-01-10T10:00:00Z', reach: 500 }, // missing engagements count 0
      ],
      [
        {
          kind: 'COMPLAINT',
          receivedAt: '2024-01-02T10:00:00Z',
          acknowledgedAt: '2024-01-02T10:30:00Z',
          category: 'billing',
          outcome: 'RESOLVED',
          externalId: 'f1',
          audienceId: audienceX,
        },
        { kind: 'QUESTION', receivedAt: '2024-01-03T09:00:00Z', externalId: 'f2' },
        { kind: 'PRAISE', receivedAt: '2024-01-05T09:00:00Z', sentiment: 0.8, externalId: 'f3' },
        { kind: 'COMMENT', receivedAt: '2024-01-14T23:00:00Z', sentiment: -0.5, externalId: 'f4' },
        { kind: 'SUGGESTION', receivedAt: '2023-12-31T12:00:00Z', externalId: 'f5' },
      ],
    );
    expect(res.errors).toBeUndefined();
    report = (await t.ok(key, REPORT, { b: brandId, w: WINDOW })).engagement;
  });

  it('counts feedback by receivedAt and activities by occurredAt', () => {
    expect(report.feedbackCount).toBe(4); // f5 is before the window
    expect(report.activityCount).toBe(9); // the reply to f4 is after it
  });

  it('LISTENING: acknowledgement is the earlier of acknowledgedAt and the first response', () => {
    const ackSum = τ(30, 240) + τ(-30, 240) + τ(120, 240); // f1 acknowledged at 10:30, f2 and f4 by their replies
    expect(component(report, 'LISTENING', 'coverage')).toMatchObject({
      numerator: 3,
      denominator: 4,
      value: 0.75,
      applicable: true,
    });
    const ack = component(report, 'LISTENING', 'ackTimeliness');
    expect(ack.numerator).toBeCloseTo(ackSum, 9);
    expect(ack.denominator).toBe(4);
    expect(component(report, 'LISTENING', 'listeningCadence')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
    const phase = report.phases[0];
    expect(phase.score).toBeCloseTo(100 * (0.45 * 0.75 + 0.35 * (ackSum / 4) + 0.2 * 0.5), 9);
  });

  it('PROCESSING: categorized over all feedback, actioned over feedback needing a response', () => {
    expect(component(report, 'PROCESSING', 'categorized')).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
    expect(component(report, 'PROCESSING', 'actioned')).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
    expect(component(report, 'PROCESSING', 'processingCadence')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
    expect(report.phases[1].score).toBeCloseTo(100 * (0.4 * 0.25 + 0.4 * (1 / 3) + 0.2), 9);
  });

  it("INTERACTING: answers after the window count for the feedback's window; negative delays are immediate", () => {
    const timelinessSum = τ(60, 60) + τ(-30, 60) + τ(120, 60); // 0.5 + 1 + 0.2
    expect(component(report, 'INTERACTING', 'responseRate')).toMatchObject({
      numerator: 3,
      denominator: 3,
      value: 1,
    });
    expect(component(report, 'INTERACTING', 'responseTimeliness').numerator).toBeCloseTo(
      timelinessSum,
      9,
    );
    expect(component(report, 'INTERACTING', 'concernsAddressed')).toMatchObject({
      numerator: 2,
      denominator: 2,
      value: 1,
    });
    expect(component(report, 'INTERACTING', 'proactiveCadence')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
    expect(report.phases[2].score).toBeCloseTo(
      100 * (0.35 + 0.25 * (timelinessSum / 3) + 0.25 + 0.15 * 0.5),
      9,
    );
  });

  it('BROADCASTING: engagement rate over broadcasts with reach, value share without promotion', () => {
    expect(component(report, 'BROADCASTING', 'broadcastCadence')).toMatchObject({
      numerator: 3,
      denominator: 6,
      value: 0.5,
    });
    expect(component(report, 'BROADCASTING', 'engagementRate')).toMatchObject({
      numerator: 30,
      denominator: 1500,
    });
    expect(component(report, 'BROADCASTING', 'engagementRate').value).toBeCloseTo(0.5, 12); // sat(0.02; 0.02)
    expect(component(report, 'BROADCASTING', 'valueShare')).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(report.phases[3].score).toBeCloseTo(100 * (0.3 * 0.5 + 0.4 * 0.5 + 0.3 * (2 / 3)), 9);
  });

  it('score, contributions, shares, mix and stage', () => {
    const weights = [0.3, 0.2, 0.3, 0.2];
    const expected = report.phases.reduce(
      (s: number, p: any, i: number) => s + weights[i]! * p.score,
      0,
    );
    expect(report.score).toBeCloseTo(expected, 9);
    report.phases.forEach((p: any, i: number) => {
      expect(p.weight).toBe(weights[i]);
      expect(p.targetShare).toBe(weights[i]);
      expect(p.contribution).toBeCloseTo(weights[i]! * p.score, 9);
    });
    const shares = [1 / 9, 1 / 9, 4 / 9, 3 / 9];
    report.phases.forEach((p: any, i: number) =>
      expect(p.activityShare).toBeCloseTo(shares[i]!, 12),
    );
    const mix =
      100 * (1 - 0.5 * shares.reduce((s, share, i) => s + Math.abs(share - weights[i]!), 0));
    expect(report.mixAlignment).toBeCloseTo(mix, 9);
    expect(report.stage).toBe('INTERACTION'); // PROCESSING < 50 keeps it from ENGAGEMENT
    expect(report.weights).toEqual({
      listening: 0.3,
      processing: 0.2,
      interacting: 0.3,
      broadcasting: 0.2,
    });
    expect(report.algorithmVersion).toMatch(/^engagement-model\//);
  });

  it('response time: median and p90 of first-response delays (negative as 0)', () => {
    // delays 60, 0, 120 → median 60; p90 interpolates: 60 + 0.8 × 60
    // (served from a delay histogram of 2.5 % resolution)
    expect(report.responseTime.respondedCount).toBe(3);
    expect(Math.abs(report.responseTime.medianMinutes / 60 - 1)).toBeLessThan(0.025);
    expect(Math.abs(report.responseTime.p90Minutes / 108 - 1)).toBeLessThan(0.025);
  });

  it('an audience report keeps only that audience; an answer counts whatever its audience', async () => {
    const x = (await t.ok(key, REPORT, { b: brandId, w: WINDOW, a: audienceX })).engagement;
    expect(x.feedbackCount).toBe(1); // f1
    expect(x.activityCount).toBe(1); // the POST; f1's reply has no audience
    expect(component(x, 'INTERACTING', 'responseRate')).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(component(x, 'BROADCASTING', 'engagementRate')).toMatchObject({
      numerator: 30,
      denominator: 1000,
    });
  });

  it("uses the brand's response target", async () => {
    await t.ok(
      key,
      'mutation($id: ID!) { updateBrand(id: $id, input: { responseTargetMinutes: 120 }) { id } }',
      { id: brandId },
    );
    const r = (await t.ok(key, REPORT, { b: brandId, w: WINDOW })).engagement;
    expect(component(r, 'INTERACTING', 'responseTimeliness').numerator).toBeCloseTo(
      τ(60, 120) + 1 + τ(120, 120),
      9,
    );
    await t.ok(
      key,
      'mutation($id: ID!) { updateBrand(id: $id, input: { responseTargetMinutes: 60 }) { id } }',
      { id: brandId },
    );
  });
});
