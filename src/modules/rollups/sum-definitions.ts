import { EngagementPhase, NEEDS_RESPONSE_KINDS, SentimentSource } from '../../shared/vocabulary';

/**
 * The one definition of the engagement sums (engagement-model.md §3–4): each
 * sum's column in the rollups, its SQL over fact rows, its type and the
 * field of EngagementSums it fills. The rollup columns, the SQL that
 * computes and serves them, the row type and its parsing are all derived
 * from this table.
 *
 * Every sum is additive: two partial sums of disjoint rows combine by
 * addition (SQL `sum`, TypeScript `+`), which is why days add up to months
 * and windows exactly. The first-response delay histogram, kept beside
 * them, combines bucket by bucket (delay-histogram.ts).
 */

/**
 * The sums every component is a ratio of, over one window (and optionally one
 * audience). They add up exactly across periods, so a week or a month is
 * computed from summed sums, never from averaged scores. Defined, with their
 * SQL and rollup columns, in SUMS below.
 */
export interface EngagementSums {
  /** Window length in weeks (fractional). */
  weeks: number;
  // feedback received in the window
  feedback: number;
  acknowledged: number;
  /** Σ τ(ackAt − receivedAt; 4 h) over acknowledged feedback. */
  ackTimeliness: number;
  categorized: number;
  needsResponse: number;
  /** Needing a response, with outcome RESOLVED or ADOPTED. */
  actioned: number;
  /** Needing a response, with outcome ADOPTED. */
  adopted: number;
  /** Needing a response, with a response. */
  responded: number;
  /** Σ τ(firstResponseAt − receivedAt; responseTargetMinutes) over responded. */
  responseTimeliness: number;
  negative: number;
  negativeResponded: number;
  /** Feedback by the source of its effective sentiment (engagement-model.md, "Text signals"). */
  sentimentCorrected: number;
  sentimentProvided: number;
  sentimentInferred: number;
  sentimentNone: number;
  /** Not negative, effective sentiment above 0.2 (see POSITIVE). */
  positive: number;
  /** Not negative, effective sentiment in [−0.2, 0.2] (see NEUTRAL). */
  neutral: number;
  // activities that occurred in the window
  activities: Record<EngagementPhase, number>;
  /** INTERACTING activities that name no feedback item they answer. */
  proactive: number;
  /** LISTENING and PROCESSING activities with intent UNDERSTAND or ACCOMMODATE. */
  understanding: number;
  /** INTERACTING activities with an intent other than PROMOTE. */
  accommodativeReplies: number;
  /** Broadcasts with reach > 0: Σ engagements and Σ reach. */
  broadcastEngagements: number;
  broadcastReach: number;
  /** Broadcasts whose intent is PROMOTE. */
  promotionalBroadcasts: number;
}

/** Feedback sums read `feedback f`; activity sums read `activities a`. */
export type SumSource = 'feedback' | 'activities';

/** A top-level count of EngagementSums, or the activity count of one phase. */
export type SumField = Exclude<keyof EngagementSums, 'weeks' | 'activities'> | EngagementPhase;

export interface SumDefinition {
  readonly column: string;
  readonly field: SumField;
  readonly source: SumSource;
  /** Counts are int; sums of τ, reach and engagements are float8. */
  readonly type: 'int' | 'float8';
  /** The aggregate over the source's rows; `targetMinutes` is the brand's response target (SQL). */
  readonly sql: (targetMinutes: string) => string;
  /** Counts items (feedback, or activities of a phase): a BI row with none of them is empty. */
  readonly countsItems?: true;
}

export const NEEDS_RESPONSE = `f.kind IN (${NEEDS_RESPONSE_KINDS.map((k) => `'${k}'`).join(', ')})`;
/**
 * The one "negative" predicate of the model, over `feedback f`: the stored
 * generated column over the effective complaint flag and sentiment (see the
 * TextSignals migration), shared by the sums, the feedback filters and the inbox.
 */
export const NEGATIVE = 'f.negative';
/**
 * The sentiment mix beside "negative" (the model defines only negative; these
 * complete it): positive is an effective sentiment above 0.2 on an item that is
 * not negative, neutral an effective sentiment in [−0.2, 0.2] on an item that is
 * not negative. The rest of the feedback (not negative, no sentiment) is unknown:
 * feedback = negative + positive + neutral + unknown.
 */
export const POSITIVE_THRESHOLD = 0.2;
export const POSITIVE = `NOT ${NEGATIVE} AND f.effective_sentiment > ${POSITIVE_THRESHOLD}`;
export const NEUTRAL = `NOT ${NEGATIVE} AND f.effective_sentiment <= ${POSITIVE_THRESHOLD}`;
const ACK_AT = 'least(f.acknowledged_at, f.first_response_at)';
const RESPONDED = `${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL`;
/** The acknowledgement target of ackTimeliness: 4 hours. */
const ACK_TARGET_MINUTES = 240;

/**
 * Delay in minutes between two timestamptz expressions, negative delays
 * counted as 0. Beware: greatest() ignores NULLs, so callers filter out
 * items without the later time.
 */
export function delayMinutes(later: string, earlier: string): string {
  return `greatest(0, extract(epoch FROM (${later} - ${earlier}))::float8 / 60.0)`;
}

/** τ(t; T) = 1 / (1 + (t/T)²), in SQL. */
export function timeliness(later: string, earlier: string, targetMinutes: string): string {
  return `1.0 / (1.0 + power(${delayMinutes(later, earlier)} / ${targetMinutes}, 2))`;
}

const countWhere = (condition: string) => `count(*) FILTER (WHERE ${condition})`;
const sumWhere = (value: string, condition: string) =>
  `coalesce(sum(${value}) FILTER (WHERE ${condition}), 0)`;

function feedbackSum(
  field: SumField,
  column: string,
  sql: (targetMinutes: string) => string,
  type: 'int' | 'float8' = 'int',
): SumDefinition {
  return { field, column, source: 'feedback', type, sql };
}

function activitySum(
  field: SumField,
  column: string,
  sql: string,
  type: 'int' | 'float8' = 'int',
): SumDefinition {
  return { field, column, source: 'activities', type, sql: () => sql };
}

const phaseCount = (phase: EngagementPhase): SumDefinition => ({
  ...activitySum(phase, phase.toLowerCase(), countWhere(`a.phase = '${phase}'`)),
  countsItems: true,
});

/** The EngagementSums field counting the feedback whose sentiment comes from each source. */
export const SOURCE_FIELDS = {
  [SentimentSource.CORRECTED]: 'sentimentCorrected',
  [SentimentSource.PROVIDED]: 'sentimentProvided',
  [SentimentSource.INFERRED]: 'sentimentInferred',
  [SentimentSource.NONE]: 'sentimentNone',
} as const satisfies Record<SentimentSource, SumField>;

export const SUMS: readonly SumDefinition[] = [
  { ...feedbackSum('feedback', 'feedback', () => 'count(*)'), countsItems: true },
  feedbackSum('acknowledged', 'acknowledged', () => `count(${ACK_AT})`),
  feedbackSum(
    'ackTimeliness',
    'ack_timeliness',
    () =>
      sumWhere(
        timeliness(ACK_AT, 'f.received_at', String(ACK_TARGET_MINUTES)),
        `${ACK_AT} IS NOT NULL`,
      ),
    'float8',
  ),
  feedbackSum('categorized', 'categorized', () => 'count(f.category)'),
  feedbackSum('needsResponse', 'needs_response', () => countWhere(NEEDS_RESPONSE)),
  feedbackSum('actioned', 'actioned', () =>
    countWhere(`${NEEDS_RESPONSE} AND f.outcome IN ('RESOLVED', 'ADOPTED')`),
  ),
  feedbackSum('adopted', 'adopted', () =>
    countWhere(`${NEEDS_RESPONSE} AND f.outcome = 'ADOPTED'`),
  ),
  feedbackSum('responded', 'responded', () => countWhere(RESPONDED)),
  feedbackSum(
    'responseTimeliness',
    'response_timeliness',
    (target) => sumWhere(timeliness('f.first_response_at', 'f.received_at', target), RESPONDED),
    'float8',
  ),
  feedbackSum('negative', 'negative', () => countWhere(NEGATIVE)),
  feedbackSum('negativeResponded', 'negative_responded', () =>
    countWhere(`${NEGATIVE} AND f.first_response_at IS NOT NULL`),
  ),
  feedbackSum('positive', 'positive', () => countWhere(POSITIVE)),
  feedbackSum('neutral', 'neutral', () => countWhere(NEUTRAL)),
  ...Object.values(SentimentSource).map((source) =>
    feedbackSum(SOURCE_FIELDS[source], `sentiment_${source.toLowerCase()}`, () =>
      countWhere(`f.sentiment_source = '${source}'`),
    ),
  ),
  phaseCount(EngagementPhase.LISTENING),
  phaseCount(EngagementPhase.PROCESSING),
  phaseCount(EngagementPhase.INTERACTING),
  phaseCount(EngagementPhase.BROADCASTING),
  activitySum(
    'proactive',
    'proactive',
    countWhere(`a.phase = 'INTERACTING' AND a.in_reply_to_feedback_id IS NULL
                       AND a.in_reply_to_feedback_external_id IS NULL`),
  ),
  activitySum(
    'understanding',
    'understanding',
    countWhere(`a.phase IN ('LISTENING', 'PROCESSING')
                       AND a.intent IN ('UNDERSTAND', 'ACCOMMODATE')`),
  ),
  activitySum(
    'accommodativeReplies',
    'accommodative_replies',
    countWhere(`a.phase = 'INTERACTING' AND a.intent <> 'PROMOTE'`),
  ),
  activitySum(
    'broadcastEngagements',
    'broadcast_engagements',
    sumWhere('coalesce(a.engagements, 0)', `a.phase = 'BROADCASTING' AND a.reach > 0`),
    'float8',
  ),
  activitySum(
    'broadcastReach',
    'broadcast_reach',
    sumWhere('a.reach', `a.phase = 'BROADCASTING' AND a.reach > 0`),
    'float8',
  ),
  activitySum(
    'promotionalBroadcasts',
    'promotional_broadcasts',
    countWhere(`a.phase = 'BROADCASTING' AND a.intent = 'PROMOTE'`),
  ),
];

export const SUM_COLUMNS: readonly string[] = SUMS.map((s) => s.column);
export const FEEDBACK_SUMS = SUMS.filter((s) => s.source === 'feedback');
export const ACTIVITY_SUMS = SUMS.filter((s) => s.source === 'activities');

/** `column::type`, so pg returns numbers of the right kind. */
export const cast = (sum: SumDefinition, expression: string) => `(${expression})::${sum.type}`;

/** The select list of a source's sums over its rows (`feedback f` or `activities a`). */
export function sumsSelect(source: SumSource, targetMinutes = 'b.response_target_minutes'): string {
  return SUMS.filter((s) => s.source === source)
    .map((s) => `${cast(s, s.sql(targetMinutes))} AS ${s.column}`)
    .join(',\n    ');
}

/** audience_key of items recorded without an audience (a primary key cannot hold NULL). */
export const NO_AUDIENCE = '00000000-0000-0000-0000-000000000000';
