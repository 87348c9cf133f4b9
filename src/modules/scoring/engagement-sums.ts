import { EngagementPhase } from '../../shared/vocabulary';

/**
 * The sums every component is a ratio of, over one window (and optionally one
 * audience). They add up exactly across periods, so a week or a month is
 * computed from summed sums, never from averaged scores.
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

export function emptySums(weeks: number): EngagementSums {
  return {
    weeks,
    feedback: 0,
    acknowledged: 0,
    ackTimeliness: 0,
    categorized: 0,
    needsResponse: 0,
    actioned: 0,
    adopted: 0,
    responded: 0,
    responseTimeliness: 0,
    negative: 0,
    negativeResponded: 0,
    activities: {
      [EngagementPhase.LISTENING]: 0,
      [EngagementPhase.PROCESSING]: 0,
      [EngagementPhase.INTERACTING]: 0,
      [EngagementPhase.BROADCASTING]: 0,
    },
    proactive: 0,
    understanding: 0,
    accommodativeReplies: 0,
    broadcastEngagements: 0,
    broadcastReach: 0,
    promotionalBroadcasts: 0,
  };
}

export function totalActivities(sums: EngagementSums): number {
  return Object.values(sums.activities).reduce((a, b) => a + b, 0);
}
