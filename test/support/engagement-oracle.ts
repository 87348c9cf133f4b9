import { inferSignals } from '../../src/modules/text-signals/text-model';

/**
 * The specification of engagement-model.md written out plainly, over
 * in-memory histories: what engagement-property.test.ts compares the API
 * with. Random histories come from `generate`.
 */
export const MIN = 60_000;
export const DAY = 86_400_000;
export const START = Date.UTC(2023, 0, 1);

const NEEDS_RESPONSE = new Set(['COMMENT', 'QUESTION', 'COMPLAINT', 'SUGGESTION', 'REVIEW']);
export const KINDS: Record<string, [phase: string, intent: string]> = {
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
const PHASES = ['LISTENING', 'PROCESSING', 'INTERACTING', 'BROADCASTING'];
export const WEIGHTS = [0.3, 0.2, 0.3, 0.2];

export interface Fb {
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
export function effective(f: Fb) {
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
export interface Act {
  kind: string;
  intent: string;
  occurredAt: number;
  reach: number | null;
  engagements: number | null;
  audienceId: string | null;
  replyToExt: string | null;
  deleted?: boolean;
}

const τ = (delayMs: number, targetMinutes: number) =>
  1 / (1 + (Math.max(0, delayMs / MIN) / targetMinutes) ** 2);

/** The specification, written out plainly over the items themselves. */
export function expectedReport(
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
