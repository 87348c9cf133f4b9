import { classify, GrunigModel as M, highest } from './grunig-classifier';
import { emptySums, type EngagementSums } from '../rollups/engagement-sums';

type Overrides = Partial<Omit<EngagementSums, 'activities'>> & {
  activities?: Partial<EngagementSums['activities']>;
};
const sums = (over: Overrides): EngagementSums => {
  const base = emptySums(4);
  return { ...base, ...over, activities: { ...base.activities, ...over.activities } };
};

// Profiles over 4 weeks (engagement-model.md §6)
const PROFILES: [string, Overrides, M | null, { D: number; S: number; P: number }][] = [
  [
    'only advertises → press agentry',
    { activities: { BROADCASTING: 12 }, promotionalBroadcasts: 12 },
    M.PRESS_AGENTRY,
    { D: 0, S: 0, P: 1 }, // D = (0.4·0 + 0.2·0) / 0.6; no symmetry evidence
  ],
  [
    'only informs → public information',
    { activities: { BROADCASTING: 12 }, promotionalBroadcasts: 0 },
    M.PUBLIC_INFORMATION,
    { D: 0, S: 0, P: 0 },
  ],
  [
    'answers and surveys only to promote, never adopts → two-way asymmetrical',
    {
      feedback: 20,
      needsResponse: 20,
      responded: 20,
      adopted: 0,
      activities: { LISTENING: 4, INTERACTING: 20, BROADCASTING: 6 },
      understanding: 0,
      accommodativeReplies: 0,
      promotionalBroadcasts: 6,
    },
    M.TWO_WAY_ASYMMETRICAL,
    { D: 0.4 * (24 / 30) + 0.4 * 1 + 0.2 * 1, S: 0, P: 1 },
  ],
  [
    'answers, asks to understand and adopts suggestions → two-way symmetrical',
    {
      feedback: 20,
      needsResponse: 20,
      responded: 18,
      adopted: 3,
      activities: { LISTENING: 4, PROCESSING: 2, INTERACTING: 18, BROADCASTING: 6 },
      understanding: 6,
      accommodativeReplies: 18,
      promotionalBroadcasts: 1,
    },
    M.TWO_WAY_SYMMETRICAL,
    { D: 0.4 * (24 / 30) + 0.4 * 0.9 + 0.2 * 1, S: 1, P: 1 / 6 },
  ],
  ['no activity and no feedback → insufficient data', {}, null, { D: 0, S: 0, P: 0 }],
];

describe('classify: brand profiles', () => {
  it.each(PROFILES)('%s', (_name, over, model, { D, S, P }) => {
    const c = classify(sums(over));
    expect(c.model).toBe(model);
    expect(c.direction).toBeCloseTo(D, 12);
    expect(c.symmetry).toBeCloseTo(S, 12);
    expect(c.promotion).toBeCloseTo(P, 12);
    const scores = Object.fromEntries(c.scores.map((s) => [s.model, s.score]));
    expect(scores.PRESS_AGENTRY).toBeCloseTo((1 - D) * P, 12);
    expect(scores.PUBLIC_INFORMATION).toBeCloseTo((1 - D) * (1 - P), 12);
    expect(scores.TWO_WAY_ASYMMETRICAL).toBeCloseTo(D * (1 - S), 12);
    expect(scores.TWO_WAY_SYMMETRICAL).toBeCloseTo(D * S, 12);
    expect(c.scores.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 12);
  });

  it('confidence = min(1, (top − second)/0.3) × (1 − e^(−n/50))', () => {
    const c = classify(sums({ activities: { BROADCASTING: 10 }, promotionalBroadcasts: 10 }));
    expect(c.confidence).toBeCloseTo(1 * (1 - Math.exp(-10 / 50)), 12);
    const none = classify(sums({}));
    expect(none).toMatchObject({ insufficientData: true, model: null, confidence: 0 });
  });

  it('mixed motive: both two-way scores within 0.10 and D ≥ 0.5', () => {
    // S = (0.5·0 + 0.25·1 + 0.25·1) / 1 = 0.5 → TWA = TWS
    const mixed = classify(
      sums({
        feedback: 10,
        needsResponse: 10,
        responded: 10,
        adopted: 0,
        activities: { LISTENING: 4, INTERACTING: 10 },
        understanding: 4,
        accommodativeReplies: 10,
      }),
    );
    expect(mixed.symmetry).toBeCloseTo(0.5, 12);
    expect(mixed.direction).toBeGreaterThanOrEqual(0.5);
    expect(mixed.mixedMotive).toBe(true);
    expect(mixed.model).toBe(M.TWO_WAY_SYMMETRICAL); // an exact tie goes to the later model
    const oneWay = classify(sums({ activities: { BROADCASTING: 10 } }));
    expect(oneWay.mixedMotive).toBe(false); // both two-way scores 0, but D < 0.5
  });

  it('symmetry credits adoption in full from a 10 % adoption rate', () => {
    const c = classify(sums({ needsResponse: 100, adopted: 5 }));
    const adoption = c.evidence.find((e) => e.name === 'adoption')!;
    expect(adoption).toMatchObject({ numerator: 5, denominator: 100, weight: 0.5 });
    expect(adoption.value).toBeCloseTo(0.5, 12);
    expect(c.symmetry).toBeCloseTo(0.5, 12); // the only applicable part
    expect(c.evidence.map((e) => e.name)).toEqual([
      'twoWayShare',
      'responseRate',
      'listeningCadence',
      'adoption',
      'understandingShare',
      'accommodativeReplyShare',
      'promotionShare',
    ]);
  });
});

describe('highest: ties within 1e-9 go to the later model', () => {
  const s = (a: number, b: number, c: number, d: number) =>
    [M.PRESS_AGENTRY, M.PUBLIC_INFORMATION, M.TWO_WAY_ASYMMETRICAL, M.TWO_WAY_SYMMETRICAL].map(
      (model, i) => ({ model, score: [a, b, c, d][i]! }),
    );
  it.each([
    [s(0.7, 0.1, 0.1, 0.1), M.PRESS_AGENTRY],
    [s(0.25, 0.25, 0.25, 0.25), M.TWO_WAY_SYMMETRICAL],
    [s(0.5, 0.5, 0, 0), M.PUBLIC_INFORMATION],
    [s(0.4, 0.4 - 5e-10, 0.1, 0.1 + 5e-10), M.PUBLIC_INFORMATION],
    [s(0.4, 0.4 - 2e-9, 0.1, 0.1 + 2e-9), M.PRESS_AGENTRY],
    [s(0, 0.3, 0.35, 0.35 - 1e-10), M.TWO_WAY_SYMMETRICAL],
  ])('%j → %s', (scores, model) => expect(highest(scores)).toBe(model));
});
