import { EngagementPhase } from '../../shared/vocabulary';
import { histogramPercentile } from './delay-histogram';
import { SUMS, type SumField } from './sum-definitions';

/**
 * The sums every component is a ratio of, over one window (and optionally one
 * audience). They add up exactly across periods, so a week or a month is
 * computed from summed sums, never from averaged scores. Defined, with their
 * SQL and rollup columns, in sum-definitions.ts.
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

/** One row of sums as pg returns it: a number per rollup column, plus the delay histogram. */
export type SumsRow = Record<string, unknown> & {
  /** First-response delays, bucket → count (see delay-histogram.ts). */
  delay_histogram: Record<string, number>;
};

export interface ResponseTimeStats {
  respondedCount: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

const PHASES = new Set<string>(Object.values(EngagementPhase));

function set(sums: EngagementSums, field: SumField, value: number): void {
  if (PHASES.has(field)) sums.activities[field as EngagementPhase] = value;
  else sums[field as Exclude<SumField, EngagementPhase>] = value;
}

export function emptySums(weeks: number): EngagementSums {
  const sums = { weeks, activities: {} } as EngagementSums;
  for (const sum of SUMS) set(sums, sum.field, 0);
  return sums;
}

export function sumsFromRow(row: SumsRow, weeks: number): EngagementSums {
  const sums = emptySums(weeks);
  for (const sum of SUMS) set(sums, sum.field, Number(row[sum.column]));
  return sums;
}

export function responseTimeFromRow(row: SumsRow): ResponseTimeStats {
  return {
    respondedCount: Number(row['responded']),
    medianMinutes: histogramPercentile(row.delay_histogram, 0.5),
    p90Minutes: histogramPercentile(row.delay_histogram, 0.9),
  };
}

export function totalActivities(sums: EngagementSums): number {
  return Object.values(sums.activities).reduce((a, b) => a + b, 0);
}
