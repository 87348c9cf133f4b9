import { EngagementPhase } from '../../shared/vocabulary';
import { histogramPercentile } from '../rollups/delay-histogram';
import type { EngagementSums } from './engagement-sums';

/** One row of the engagement SQL (see engagement-sql.ts), as pg returns it. */
export interface SumsRow {
  feedback: number;
  acknowledged: number;
  ack_timeliness: number;
  categorized: number;
  needs_response: number;
  actioned: number;
  adopted: number;
  responded: number;
  response_timeliness: number;
  negative: number;
  negative_responded: number;
  /** First-response delays, bucket → count (see delay-histogram.ts). */
  delay_histogram: Record<string, number>;
  listening: number;
  processing: number;
  interacting: number;
  broadcasting: number;
  proactive: number;
  understanding: number;
  accommodative_replies: number;
  broadcast_engagements: number;
  broadcast_reach: number;
  promotional_broadcasts: number;
}

export interface ResponseTimeStats {
  respondedCount: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export function sumsFromRow(row: SumsRow, weeks: number): EngagementSums {
  return {
    weeks,
    feedback: row.feedback,
    acknowledged: row.acknowledged,
    ackTimeliness: row.ack_timeliness,
    categorized: row.categorized,
    needsResponse: row.needs_response,
    actioned: row.actioned,
    adopted: row.adopted,
    responded: row.responded,
    responseTimeliness: row.response_timeliness,
    negative: row.negative,
    negativeResponded: row.negative_responded,
    activities: {
      [EngagementPhase.LISTENING]: row.listening,
      [EngagementPhase.PROCESSING]: row.processing,
      [EngagementPhase.INTERACTING]: row.interacting,
      [EngagementPhase.BROADCASTING]: row.broadcasting,
    },
    proactive: row.proactive,
    understanding: row.understanding,
    accommodativeReplies: row.accommodative_replies,
    broadcastEngagements: row.broadcast_engagements,
    broadcastReach: row.broadcast_reach,
    promotionalBroadcasts: row.promotional_broadcasts,
  };
}

export function responseTimeFromRow(row: SumsRow): ResponseTimeStats {
  return {
    respondedCount: row.responded,
    medianMinutes: histogramPercentile(row.delay_histogram, 0.5),
    p90Minutes: histogramPercentile(row.delay_histogram, 0.9),
  };
}
