import { cadence, saturatingRate, share, weightedScore, type Component } from './component';
import { EngagementStage, scoreEngagement, stageOf, type PhaseResult } from './engagement-report';
import { emptySums, type EngagementSums } from '../rollups/engagement-sums';
import { atLeast, saturate } from './math';
import { DEFAULT_PHASE_WEIGHTS, phaseWeightProblems, weightsFrom } from './phase-weights';
import { broadcastingComponents } from './phases/broadcasting';
import { interactingComponents } from './phases/interacting';
import { listeningComponents } from './phases/listening';
import { processingComponents } from './phases/processing';
import { EngagementPhase as P } from '../../shared/vocabulary';

type SumsOverrides = Partial<Omit<EngagementSums, 'activities'>> & {
  activities?: Partial<EngagementSums['activities']>;
};
const sums = (over: SumsOverrides = {}): EngagementSums => {
  const base = emptySums(1);
  return { ...base, ...over, activities: { ...base.activities, ...over.activities } };
};
const byName = (components: Component[]) =>
  Object.fromEntries(components.map((c) => [c.name, c])) as Record<string, Component>;

describe('helpers (engagement-model.md §3)', () => {
  it.each([
    [0.02, 0.02, 0.5],
    [0, 0.02, 0],
    [0.06, 0.02, 0.75],
  ])('sat(%d; %d) = %d', (x, k, expected) => expect(saturate(x, k)).toBeCloseTo(expected, 12));

  it.each([
    [0.5, 0.5 + 1e-10, true],
    [0.5, 0.5 + 1e-8, false],
    [70 - 5e-10, 70, true],
  ])('atLeast(%d, %d) = %s (tolerance 1e-9)', (a, b, expected) =>
    expect(atLeast(a, b)).toBe(expected),
  );
});

describe('components', () => {
  it('a share is its quotient, not applicable with a zero denominator', () => {
    expect(share('x', 1, 1, 4)).toEqual({
      name: 'x',
      weight: 1,
      applicable: true,
      value: 0.25,
      numerator: 1,
      denominator: 4,
    });
    expect(share('x', 1, 0, 0)).toMatchObject({
      applicable: false,
      value: null,
      numerator: 0,
      denominator: 0,
    });
  });

  it.each([
    [1, 1, 1, 1],
    [3, 2, 1, 1], // capped at 1
    [1, 2, 1, 0.5],
    [1, 0.5, 0.5, 1], // denominator = weeks × target
    [0, 2, 3, 0],
  ])('cadence of %d in %d weeks against %d/week = %d', (n, weeks, target, value) => {
    const c = cadence('c', 1, n, weeks, target);
    expect(c.value).toBeCloseTo(value, 12);
    expect(c.denominator).toBeCloseTo(weeks * target, 12);
    expect(c.numerator).toBe(n);
  });

  it('engagementRate: not applicable without reach (zero reach)', () => {
    expect(saturatingRate('r', 0.4, 10, 0, 0.02)).toMatchObject({ applicable: false, value: null });
    expect(saturatingRate('r', 0.4, 20, 1000, 0.02).value).toBeCloseTo(0.5, 12);
  });

  it('a phase score weighs applicable components only', () => {
    const score = weightedScore([
      share('a', 0.45, 1, 2),
      share('b', 0.35, 0, 0),
      cadence('c', 0.2, 1, 1, 1),
    ]);
    expect(score.applicable).toBe(true);
    expect(score.score).toBeCloseTo((100 * (0.45 * 0.5 + 0.2 * 1)) / 0.65, 12);
    expect(weightedScore([share('a', 1, 0, 0)])).toEqual({ score: 0, applicable: false });
  });
});

describe('phases (engagement-model.md §4)', () => {
  it('LISTENING: coverage, ackTimeliness, listeningCadence', () => {
    const c = byName(
      listeningComponents(
        sums({
          feedback: 4,
          acknowledged: 3,
          ackTimeliness: 2.5,
          activities: { LISTENING: 2 },
          weeks: 4,
        }),
      ),
    );
    expect(c.coverage).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, weight: 0.45 });
    expect(c.ackTimeliness).toMatchObject({
      value: 0.625,
      numerator: 2.5,
      denominator: 4,
      weight: 0.35,
    });
    expect(c.listeningCadence).toMatchObject({
      value: 0.5,
      numerator: 2,
      denominator: 4,
      weight: 0.2,
    });
  });

  it('PROCESSING: categorized over all feedback, actioned over feedback needing a response', () => {
    const c = byName(
      processingComponents(
        sums({
          feedback: 5,
          categorized: 1,
          needsResponse: 4,
          actioned: 2,
          activities: { PROCESSING: 1 },
          weeks: 1,
        }),
      ),
    );
    expect(c.categorized).toMatchObject({ value: 0.2, denominator: 5, weight: 0.4 });
    expect(c.actioned).toMatchObject({ value: 0.5, denominator: 4, weight: 0.4 });
    expect(c.processingCadence).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 0.5,
      weight: 0.2,
    });
  });

  it('INTERACTING: rates over feedback needing a response and over negative feedback', () => {
    const c = byName(
      interactingComponents(
        sums({
          needsResponse: 4,
          responded: 2,
          responseTimeliness: 1.5,
          negative: 2,
          negativeResponded: 1,
          proactive: 1,
          weeks: 2,
        }),
      ),
    );
    expect(c.responseRate).toMatchObject({ value: 0.5, weight: 0.35 });
    expect(c.responseTimeliness).toMatchObject({ value: 0.375, weight: 0.25 });
    expect(c.concernsAddressed).toMatchObject({ value: 0.5, weight: 0.25 });
    expect(c.proactiveCadence).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
      weight: 0.15,
    });
  });

  it('BROADCASTING: cadence, engagement rate, value share', () => {
    const c = byName(
      broadcastingComponents(
        sums({
          activities: { BROADCASTING: 4 },
          promotionalBroadcasts: 1,
          broadcastEngagements: 20,
          broadcastReach: 1000,
          weeks: 2,
        }),
      ),
    );
    expect(c.broadcastCadence).toMatchObject({ numerator: 4, denominator: 6 });
    expect(c.broadcastCadence!.value).toBeCloseTo(4 / 6, 12);
    expect(c.engagementRate).toMatchObject({
      value: 0.5,
      numerator: 20,
      denominator: 1000,
      weight: 0.4,
    });
    expect(c.valueShare).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, weight: 0.3 });
  });

  it('no feedback and no activities: only cadences apply, at 0', () => {
    const r = scoreEngagement(emptySums(1), DEFAULT_PHASE_WEIGHTS);
    expect(r.score).toBe(0);
    expect(r.mixAlignment).toBeNull();
    expect(r.stage).toBe(EngagementStage.BROADCAST);
    expect(r.phases.map((p) => p.phase)).toEqual([
      P.LISTENING,
      P.PROCESSING,
      P.INTERACTING,
      P.BROADCASTING,
    ]);
    expect(r.phases.every((p) => p.applicable && p.activityShare === null)).toBe(true);
    const applicable = r.phases.flatMap((p) =>
      p.components.filter((c) => c.applicable).map((c) => c.name),
    );
    expect(applicable).toEqual([
      'listeningCadence',
      'processingCadence',
      'proactiveCadence',
      'broadcastCadence',
    ]);
  });
});

describe('score, mix and stage (engagement-model.md §5)', () => {
  it('score is Σ weight × phase score; contributions sum to it; mix follows the activity shares', () => {
    const s = sums({
      weeks: 1,
      feedback: 2,
      acknowledged: 2,
      ackTimeliness: 2,
      categorized: 2,
      needsResponse: 2,
      actioned: 2,
      responded: 2,
      responseTimeliness: 2,
      negative: 0,
      activities: { LISTENING: 3, PROCESSING: 2, INTERACTING: 3, BROADCASTING: 2 },
      proactive: 1,
      broadcastEngagements: 0,
      broadcastReach: 0,
      promotionalBroadcasts: 0,
    });
    const r = scoreEngagement(s, DEFAULT_PHASE_WEIGHTS);
    const phase = Object.fromEntries(r.phases.map((p) => [p.phase, p]));
    expect(phase.LISTENING!.score).toBeCloseTo(100, 12);
    expect(phase.PROCESSING!.score).toBeCloseTo(100, 12);
    // responseRate 1, timeliness 1, concerns n/a, proactive min(1, 1/1) = 1
    expect(phase.INTERACTING!.score).toBeCloseTo(100, 12);
    // broadcastCadence 2/3, engagementRate n/a, valueShare 1 → (0.3·2/3 + 0.3) / 0.6
    expect(phase.BROADCASTING!.score).toBeCloseTo((100 * (0.3 * (2 / 3) + 0.3)) / 0.6, 12);
    expect(r.score).toBeCloseTo(
      r.phases.reduce((a, p) => a + p.contribution, 0),
      12,
    );
    expect(r.score).toBeCloseTo(30 + 20 + 30 + 0.2 * phase.BROADCASTING!.score, 12);
    expect(r.mixAlignment).toBeCloseTo(100, 12); // 3/10, 2/10, 3/10, 2/10 = the weights
    expect(r.stage).toBe(EngagementStage.ENGAGEMENT);
  });

  const phases = (scores: [number, number, number, number]): PhaseResult[] =>
    [P.LISTENING, P.PROCESSING, P.INTERACTING, P.BROADCASTING].map((phase, i) => ({
      phase,
      score: scores[i]!,
      applicable: true,
      weight: 0.25,
      contribution: 0,
      activityShare: 0.25,
      targetShare: 0.25,
      components: [],
    }));

  it.each([
    [[50, 50, 50, 50], 70, EngagementStage.ENGAGEMENT],
    [[50 - 5e-10, 50, 50, 50], 70 - 5e-10, EngagementStage.ENGAGEMENT], // within the tolerance
    [[50, 50, 50, 50], 69.9, EngagementStage.INTERACTION],
    [[50, 49.9, 50, 50], 100, EngagementStage.INTERACTION],
    [[90, 90, 90, 90], null, EngagementStage.INTERACTION], // no activities: no mix, no ENGAGEMENT
    [[25, 0, 0, 100], 100, EngagementStage.INTERACTION],
    [[0, 0, 25, 0], 0, EngagementStage.INTERACTION],
    [[24.9, 100, 24.9, 100], 100, EngagementStage.BROADCAST],
    [[0, 0, 0, 0], null, EngagementStage.BROADCAST],
  ] as const)('phases %j with mix %s → %s', (scores, mix, stage) => {
    expect(stageOf(phases([...scores] as [number, number, number, number]), mix)).toBe(stage);
  });

  it('uses the weights it is given', () => {
    const s = sums({ activities: { LISTENING: 1 }, weeks: 1 });
    const weights = { LISTENING: 1, PROCESSING: 0, INTERACTING: 0, BROADCASTING: 0 };
    const r = scoreEngagement(s, weights);
    expect(r.score).toBeCloseTo(100, 12); // listening: only its cadence applies, at 1 → 100, with weight 1
    expect(r.mixAlignment).toBeCloseTo(100, 12);
  });
});

describe('phase weights', () => {
  it.each([
    [{ LISTENING: 0.3, PROCESSING: 0.2, INTERACTING: 0.3, BROADCASTING: 0.2 }, []],
    [{ LISTENING: 1, PROCESSING: 0, INTERACTING: 0, BROADCASTING: 0 }, []],
    [{ LISTENING: 0.1 + 0.2, PROCESSING: 0.2, INTERACTING: 0.3, BROADCASTING: 0.2 }, []], // 0.30000000000000004
    [{ LISTENING: 0.5, PROCESSING: 0.5, INTERACTING: 0.5, BROADCASTING: 0 }, ['weights']],
    [{ LISTENING: -0.1, PROCESSING: 0.4, INTERACTING: 0.5, BROADCASTING: 0.2 }, ['listening']],
    [
      { LISTENING: Number.NaN, PROCESSING: 0.4, INTERACTING: 0.5, BROADCASTING: 0.1 },
      ['listening'],
    ],
  ])('%j → problems %j', (weights, fields) => {
    expect(phaseWeightProblems(weights).map((p) => p.field)).toEqual(fields);
  });

  it('falls back to 30/20/30/20 when unset', () => {
    expect(weightsFrom(null)).toEqual(DEFAULT_PHASE_WEIGHTS);
  });
});
