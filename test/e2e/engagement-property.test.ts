import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';
import { seededRandom, type Random } from '../support/random';
import { inferSignals } from '../../src/modules/text-signals/text-model';

/**
 * Random histories in, reports out: every number the API returns equals a
 * plain recomputation, written here from the specification and the items
 * this test sent (not from the database), to 1e-9. Reports are served from
 * the daily rollups plus the raw rows of the partial days at the window's
 * edges, so this is also the rollup equivalence test: histories arrive out of
 * order (late links), get updated and partly deleted; windows start at any
 * minute. The response-time median and p90 come from a delay histogram and
 * are checked to its documented resolution (2.5 %). Half the items carry a
 * text, some get reclassified (and some of those reset): every formula uses
 * the effective values ("Text signals": corrected, else provided, else what
 * the text model reads).
 */
const SEED = Number(process.env.PROPERTY_SEED ?? 20261122);
const MIN = 60_000;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

const FEEDBACK_KINDS = [
  'COMMENT',
  'QUESTION',
  'COMPLAINT',
  'SUGGESTION',
  'REVIEW',
  'PRAISE',
  'MENTION',
  'SURVEY_RESPONSE',
];
const NEEDS_RESPONSE = new Set(['COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW']);
const OUTCOMES = ['NONE', 'ANSWERED', 'RESOLVED', 'ADOPTED'];
const KINDS: Record<string, [phase: string, intent: string]> = {
  MONITORING: ['LISTENING', 'UNDERSTAND'],
  SURVEY: ['LISTENING', 'UNDERSTAND'],
  INTERVIEW: ['LISTENING', 'UNDERSTAND'],
  SOCIAL_LISTENING: ['LISTENING', 'UNDERSTAND'],
  ANALYSIS: ['PROCESSING', 'UNDERSTAND'],
  RESEARCH: ['PROCESSING', 'UNDERSTAND'],
  REPORT: ['PROCESSING', 'UNDERSTAND'],
  POLICY_CHANGE: ['PROCESSING', 'ACCOMMODATE'],
  REPLY: ['INTERACTING', 'ENGAGE'],
  DIRECT_MESSAGE: ['INTERACTING', 'ENGAGE'],
  WEBINAR: ['INTERACTING', 'ENGAGE'],
  LIVESTREAM: ['INTERACTING', 'ENGAGE'],
  EVENT: ['INTERACTING', 'ENGAGE'],
  COMMUNITY_CHAT: ['INTERACTING', 'ENGAGE'],
  POST: ['BROADCASTING', 'INFORM'],
  ARTICLE: ['BROADCASTING', 'INFORM'],
  NEWSLETTER: ['BROADCASTING', 'INFORM'],
  PRESS_RELEASE: ['BROADCASTING', 'PROMOTE'],
  AD: ['BROADCASTING', 'PROMOTE'],
  CAMPAIGN: ['BROADCASTING', 'PROMOTE'],
};
const INTENTS = ['INFORM', 'PROMOTE', 'ENGAGE', 'UNDERSTAND', 'ACCOMMODATE'];
const PHASES = ['LISTENING', 'PROCESSING', 'INTERACTING', 'BROADCASTING'];
const WEIGHTS = [0.3, 0.2, 0.3, 0.2];
const TEXTS = [
  'My order still has not arrived after two weeks, this is terrible service',
  'Thanks so much, you guys are amazing!',
  'The app keeps crashing every time I log in',
  'Where is my refund? I was charged twice',
  'Il fait beau aujourd hui et je suis content',
  'I love the new update, great work',
  'ok',
];

interface Fb {
  ext: string;
  kind: string;
  sentiment: number | null;
  receivedAt: number;
  acknowledgedAt: number | null;
  category: string | null;
  outcome: string;
  audienceId: string | null;
  text: string | null;
  /** An analyst's correction (reclassifyFeedback), when one stands. */
  corrected: { sentiment?: number; complaint?: boolean };
}

/** The effective sentiment, complaint and their source (engagement-model.md, "Text signals"). */
function effective(f: Fb) {
  const read = inferSignals(f.text);
  const inferred = read?.sentiment ?? null;
  const sentiment = f.corrected.sentiment ?? f.sentiment ?? inferred;
  const source =
    f.corrected.sentiment !== undefined
      ? 'CORRECTED'
      : f.sentiment !== null
        ? 'PROVIDED'
        : inferred !== null
          ? 'INFERRED'
          : 'NONE';
  const complaint =
    f.corrected.complaint ??
    (f.kind === 'COMPLAINT' || (f.kind !== 'PRAISE' && read?.complaint === true));
  return {
    sentiment,
    source,
    complaint,
    negative: complaint || (sentiment !== null && sentiment < -0.2),
  };
}
interface Act {
  kind: string;
  intent: string;
  occurredAt: number;
  reach: number | null;
  engagements: number | null;
  audienceId: string | null;
  replyToExt: string | null;
  deleted?: boolean;
}

function generate(r: Random, audiences: string[]) {
  const feedback: Fb[] = Array.from({ length: 140 }, (_, i) => {
    const receivedAt = START + r.int(0, 120 * 24 * 60) * MIN;
    return {
      ext: `f${i}`,
      kind: r.pick(FEEDBACK_KINDS),
      sentiment: r.chance(0.3) ? null : Math.round((r.next() * 2 - 1) * 100) / 100,
      receivedAt,
      acknowledgedAt: r.chance(0.4) ? receivedAt + r.int(-60, 3000) * MIN : null,
      category: r.chance(0.3) ? r.pick(['billing', 'delivery', 'app']) : null,
      outcome: r.pick(OUTCOMES),
      audienceId: r.chance(0.3) ? null : r.pick(audiences),
      text: r.chance(0.5) ? r.pick(TEXTS) : null,
      corrected: {},
    };
  });
  const activities: Act[] = Array.from({ length: 170 }, () => {
    const kind = r.pick(Object.keys(KINDS));
    const [phase, intent] = KINDS[kind]!;
    const answers = phase === 'INTERACTING' && r.chance(0.7);
    const target = answers ? r.pick(feedback) : null;
    return {
      kind,
      intent: r.chance(0.3) ? r.pick(INTENTS) : intent!,
      // replies land around the feedback they answer (even before it, and after the window)
      occurredAt: target
        ? target.receivedAt + r.int(-30, 5000) * MIN
        : START + r.int(0, 120 * 24 * 60) * MIN,
      reach: phase === 'BROADCASTING' && r.chance(0.7) ? r.pick([0, r.int(1, 5000)]) : null,
      engagements: phase === 'BROADCASTING' && r.chance(0.6) ? r.int(0, 200) : null,
      audienceId: r.chance(0.3) ? null : r.pick(audiences),
      // some replies name feedback that never arrives
      replyToExt: target ? (r.chance(0.1) ? `missing-${r.int(0, 1e6)}` : target.ext) : null,
    };
  });
  return { feedback, activities };
}

const τ = (delayMs: number, targetMinutes: number) =>
  1 / (1 + (Math.max(0, delayMs / MIN) / targetMinutes) ** 2);

/** The specification, written out plainly over the items themselves. */
function expectedReport(
  fb: Fb[],
  acts: Act[],
  from: number,
  to: number,
  audience: string | null,
  target: number,
) {
  const live = acts.filter((a) => !a.deleted);
  const firstResponse = (f: Fb) => {
    const times = live
      .filter((a) => a.replyToExt === f.ext && KINDS[a.kind]![0] === 'INTERACTING')
      .map((a) => a.occurredAt);
    return times.length ? Math.min(...times) : null;
  };
  const F = fb.filter(
    (f) =>
      f.receivedAt >= from && f.receivedAt < to && (audience === null || f.audienceId === audience),
  );
  const A = live.filter(
    (a) =>
      a.occurredAt >= from && a.occurredAt < to && (audience === null || a.audienceId === audience),
  );
  const weeks = (to - from) / 1000 / 604_800;
  const ackAt = (f: Fb) => {
    const times = [f.acknowledgedAt, firstResponse(f)].filter((x): x is number => x !== null);
    return times.length ? Math.min(...times) : null;
  };
  const NR = F.filter((f) => NEEDS_RESPONSE.has(f.kind));
  const negative = F.filter((f) => effective(f).negative);
  const count = (phase: string) => A.filter((a) => KINDS[a.kind]![0] === phase).length;
  const broadcasts = A.filter((a) => KINDS[a.kind]![0] === 'BROADCASTING');
  const reached = broadcasts.filter((a) => (a.reach ?? 0) > 0);
  const share = (n: number, d: number) => ({ n, d, v: d > 0 ? n / d : null });
  const cad = (n: number, targetPerWeek: number) => ({
    n,
    d: weeks * targetPerWeek,
    v: Math.min(1, n / (weeks * targetPerWeek)),
  });
  const rate = (n: number, d: number) => ({ n, d, v: d > 0 ? n / d / (n / d + 0.02) : null });
  const components: Record<string, [string, number, { n: number; d: number; v: number | null }][]> =
    {
      LISTENING: [
        ['coverage', 0.45, share(F.filter((f) => ackAt(f) !== null).length, F.length)],
        [
          'ackTimeliness',
          0.35,
          share(
            F.reduce((s, f) => s + (ackAt(f) === null ? 0 : τ(ackAt(f)! - f.receivedAt, 240)), 0),
            F.length,
          ),
        ],
        ['listeningCadence', 0.2, cad(count('LISTENING'), 1)],
      ],
      PROCESSING: [
        ['categorized', 0.4, share(F.filter((f) => f.category !== null).length, F.length)],
        [
          'actioned',
          0.4,
          share(
            NR.filter((f) => f.outcome === 'RESOLVED' || f.outcome === 'ADOPTED').length,
            NR.length,
          ),
        ],
        ['processingCadence', 0.2, cad(count('PROCESSING'), 0.5)],
      ],
      INTERACTING: [
        [
          'responseRate',
          0.35,
          share(NR.filter((f) => firstResponse(f) !== null).length, NR.length),
        ],
        [
          'responseTimeliness',
          0.25,
          share(
            NR.reduce(
              (s, f) =>
                s + (firstResponse(f) === null ? 0 : τ(firstResponse(f)! - f.receivedAt, target)),
              0,
            ),
            NR.length,
          ),
        ],
        [
          'concernsAddressed',
          0.25,
          share(negative.filter((f) => firstResponse(f) !== null).length, negative.length),
        ],
        [
          'proactiveCadence',
          0.15,
          cad(
            A.filter((a) => KINDS[a.kind]![0] === 'INTERACTING' && a.replyToExt === null).length,
            1,
          ),
        ],
      ],
      BROADCASTING: [
        ['broadcastCadence', 0.3, cad(broadcasts.length, 3)],
        [
          'engagementRate',
          0.4,
          rate(
            reached.reduce((s, a) => s + (a.engagements ?? 0), 0),
            reached.reduce((s, a) => s + a.reach!, 0),
          ),
        ],
        [
          'valueShare',
          0.3,
          share(broadcasts.filter((a) => a.intent !== 'PROMOTE').length, broadcasts.length),
        ],
      ],
    };
  const phaseScores = PHASES.map((p) => {
    const applicable = components[p]!.filter(([, , c]) => c.v !== null);
    const w = applicable.reduce((s, [, weight]) => s + weight, 0);
    return w > 0 ? (100 * applicable.reduce((s, [, weight, c]) => s + weight * c.v!, 0)) / w : 0;
  });
  const score = phaseScores.reduce((s, p, i) => s + WEIGHTS[i]! * p, 0);
  const mix = A.length
    ? 100 *
      (1 - 0.5 * PHASES.reduce((s, p, i) => s + Math.abs(count(p) / A.length - WEIGHTS[i]!), 0))
    : null;
  const ge = (a: number, b: number) => a >= b - 1e-9;
  const stage =
    phaseScores.every((p) => ge(p, 50)) && mix !== null && ge(mix, 70)
      ? 'ENGAGEMENT'
      : ge(phaseScores[0]!, 25) || ge(phaseScores[2]!, 25)
        ? 'INTERACTION'
        : 'BROADCAST';
  const delays = NR.filter((f) => firstResponse(f) !== null)
    .map((f) => Math.max(0, (firstResponse(f)! - f.receivedAt) / MIN))
    .sort((a, b) => a - b);
  const percentile = (q: number) => {
    if (!delays.length) return null;
    const pos = q * (delays.length - 1);
    const lo = Math.floor(pos);
    return delays[lo]! + (pos - lo) * ((delays[lo + 1] ?? delays[lo]!) - delays[lo]!);
  };
  return {
    components,
    phaseScores,
    score,
    mix,
    stage,
    feedbackCount: F.length,
    activityCount: A.length,
    sources: ['CORRECTED', 'PROVIDED', 'INFERRED', 'NONE'].map((source) => ({
      source,
      feedback: F.filter((f) => effective(f).source === source).length,
    })),
    shares: PHASES.map((p) => (A.length ? count(p) / A.length : null)),
    median: percentile(0.5),
    p90: percentile(0.9),
    responded: delays.length,
  };
}

const REPORT = `query($b: ID!, $w: WindowInput!, $a: ID) {
  classification(brandId: $b, window: $w, audienceId: $a) {
    model insufficientData confidence mixedMotive direction symmetry promotion scores { score } }
  engagement(brandId: $b, window: $w, audienceId: $a) {
  score stage mixAlignment activityCount feedbackCount responseTime { respondedCount medianMinutes p90Minutes }
  sentimentSources { source feedback }
  phases { phase score activityShare contribution components { name weight applicable value numerator denominator } } } }`;

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('property');
});
afterAll(() => t.close());

const close = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null || actual === null) {
    expect({ what, actual }).toEqual({ what, actual: expected });
    return;
  }
  if (Math.abs(actual - expected) > 1e-9)
    throw new Error(`${what}: API ${actual}, specification ${expected} (seed ${SEED})`);
};

/** Within the delay histogram's resolution: 2.5 % relative, or under a second. */
const closeRelative = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null || actual === null) {
    expect({ what, actual }).toEqual({ what, actual: expected });
    return;
  }
  if (Math.abs(actual - expected) > Math.max(0.025 * expected, 1 / 60))
    throw new Error(`${what}: API ${actual}, specification ${expected} (seed ${SEED})`);
};

describe(`engagement and classification equal the specification on random histories (seed ${SEED})`, () => {
  it.each([0, 1, 2])('history %i', async (n) => {
    const r = seededRandom(SEED + n);
    const zone = r.pick([
      'UTC',
      'America/New_York',
      'Asia/Seoul',
      'Australia/Adelaide',
      'Europe/Paris',
    ]);
    const target = r.int(5, 600);
    const brandId = await createBrand(t, key, { timezone: zone, responseTargetMinutes: target });
    const audiences = [
      await createAudience(t, key, brandId, 'A'),
      await createAudience(t, key, brandId, 'B'),
    ];
    const { feedback, activities } = generate(r, audiences);

    // out of order, in mixed batches: replies often arrive before what they answer
    const items = r.shuffle([
      ...feedback.map((f) => ({ f })),
      ...activities.map((a, i) => ({ a, i })),
    ]);
    for (let at = 0; at < items.length;) {
      const batch = items.slice(at, (at += r.int(1, 60)));
      const res = await record(
        t,
        key,
        brandId,
        batch
          .filter((x) => 'a' in x)
          .map(({ a, i }: any) => ({
            kind: a.kind,
            intent: a.intent,
            occurredAt: new Date(a.occurredAt).toISOString(),
            reach: a.reach,
            engagements: a.engagements,
            audienceId: a.audienceId,
            inReplyToFeedbackExternalId: a.replyToExt,
            externalId: `a${i}`,
          })),
        batch
          .filter((x) => 'f' in x)
          .map(({ f }: any) => ({
            kind: f.kind,
            sentiment: f.sentiment,
            receivedAt: new Date(f.receivedAt).toISOString(),
            acknowledgedAt:
              f.acknowledgedAt === null ? null : new Date(f.acknowledgedAt).toISOString(),
            category: f.category,
            outcome: f.outcome,
            audienceId: f.audienceId,
            externalId: f.ext,
            text: f.text,
          })),
      );
      expect(res.errors).toBeUndefined();
    }
    // late updates of mutable fields, and deleted replies
    for (const f of feedback.filter(() => r.chance(0.1))) {
      f.outcome = r.pick(OUTCOMES);
      f.acknowledgedAt = f.receivedAt + r.int(0, 600) * MIN;
      await record(
        t,
        key,
        brandId,
        [],
        [
          {
            kind: f.kind,
            receivedAt: new Date(f.receivedAt).toISOString(),
            externalId: f.ext,
            outcome: f.outcome,
            acknowledgedAt: new Date(f.acknowledgedAt).toISOString(),
          },
        ],
      );
    }
    // new texts on replays (read again), and analysts' corrections, some reset later
    for (const f of feedback.filter(() => r.chance(0.1))) {
      f.text = r.pick(TEXTS);
      const res = await record(
        t,
        key,
        brandId,
        [],
        [
          {
            kind: f.kind,
            receivedAt: new Date(f.receivedAt).toISOString(),
            externalId: f.ext,
            text: f.text,
          },
        ],
      );
      expect(res.errors).toBeUndefined();
    }
    for (const f of feedback.filter(() => r.chance(0.15))) {
      const [row] = await t.sql<{ id: string }>(
        'SELECT id FROM feedback WHERE brand_id = $1 AND external_id = $2',
        [brandId, f.ext],
      );
      const input = r.chance(0.2)
        ? { reset: true }
        : r.chance(0.5)
          ? { sentiment: r.pick([-0.9, -0.1, 0.6]) }
          : { sentiment: r.pick([-0.5, 0.3]), complaint: r.chance(0.5) };
      await t.ok(
        key,
        'mutation($id: ID!, $input: ReclassifyFeedbackInput!) { reclassifyFeedback(id: $id, input: $input) { id } }',
        { id: row!.id, input },
      );
      f.corrected = 'reset' in input ? {} : { ...f.corrected, ...input };
    }
    const replies = activities
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.replyToExt !== null && r.chance(0.1));
    for (const { a, i } of replies) {
      const [row] = await t.sql<{ id: string }>(
        'SELECT id FROM activities WHERE brand_id = $1 AND external_id = $2',
        [brandId, `a${i}`],
      );
      await t.ok(key, 'mutation($id: ID!) { deleteActivity(id: $id) }', { id: row!.id });
      a.deleted = true;
    }

    for (let w = 0; w < 8; w++) {
      // some windows start at a UTC midnight (a local midnight in UTC histories)
      const from = START + r.int(-10, 110) * DAY + (w % 3 === 0 ? 0 : r.int(0, 1439) * MIN);
      // short windows (raw edges, a few days) and long ones (whole months from the monthly rollups)
      const to = from + (w % 2 ? r.int(1, 60 * 24 * 40) : r.int(60 * 24 * 40, 60 * 24 * 150)) * MIN;
      const audience = r.chance(0.4) ? r.pick(audiences) : null;
      const api = (
        await t.ok(key, REPORT, {
          b: brandId,
          w: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          a: audience,
        })
      ).engagement;
      const spec = expectedReport(feedback, activities, from, to, audience, target);
      expect([api.feedbackCount, api.activityCount, api.stage]).toEqual([
        spec.feedbackCount,
        spec.activityCount,
        spec.stage,
      ]);
      close(api.score, spec.score, 'score');
      close(api.mixAlignment, spec.mix, 'mixAlignment');
      expect(api.responseTime.respondedCount).toBe(spec.responded);
      expect(api.sentimentSources).toEqual(spec.sources);
      closeRelative(api.responseTime.medianMinutes, spec.median, 'median');
      closeRelative(api.responseTime.p90Minutes, spec.p90, 'p90');
      api.phases.forEach((phase: any, i: number) => {
        close(phase.score, spec.phaseScores[i]!, `${phase.phase} score`);
        close(phase.activityShare, spec.shares[i]!, `${phase.phase} activityShare`);
        close(
          phase.contribution,
          WEIGHTS[i]! * spec.phaseScores[i]!,
          `${phase.phase} contribution`,
        );
        phase.components.forEach((c: any, j: number) => {
          const [name, weight, e] = spec.components[phase.phase]![j]!;
          expect([c.name, c.weight, c.applicable]).toEqual([name, weight, e.v !== null]);
          close(c.numerator, e.n, `${name} numerator`);
          close(c.denominator, e.d, `${name} denominator`);
          close(c.value, e.v, `${name} value`);
        });
      });
    }
  });
});
