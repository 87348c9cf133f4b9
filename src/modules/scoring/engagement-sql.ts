import { NEEDS_RESPONSE_KINDS, NEGATIVE_SENTIMENT_BELOW } from '../../shared/vocabulary';

/**
 * SQL fragments shared by every engagement statement: the sums of
 * engagement-sums.ts over `feedback f` and `activities a`. Everything is
 * aggregated in PostgreSQL; only sums travel to the application.
 */

export const NEEDS_RESPONSE = `f.kind IN (${NEEDS_RESPONSE_KINDS.map((k) => `'${k}'`).join(', ')})`;
const NEGATIVE = `(f.kind = 'COMPLAINT' OR coalesce(f.sentiment < ${NEGATIVE_SENTIMENT_BELOW}, false))`;
const ACK_AT = 'least(f.acknowledged_at, f.first_response_at)';
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
function timeliness(later: string, earlier: string, targetMinutes: string): string {
  return `1.0 / (1.0 + power(${delayMinutes(later, earlier)} / ${targetMinutes}, 2))`;
}

/** Aggregates over `feedback f`; `targetMinutes` is an SQL expression (the brand's responseTargetMinutes). */
export function feedbackSums(targetMinutes: string): string {
  const responded = `${NEEDS_RESPONSE} AND f.first_response_at IS NOT NULL`;
  return `
    count(*)::int AS feedback,
    count(${ACK_AT})::int AS acknowledged,
    coalesce(sum(${timeliness(ACK_AT, 'f.received_at', String(ACK_TARGET_MINUTES))})
      FILTER (WHERE ${ACK_AT} IS NOT NULL), 0)::float8 AS ack_timeliness,
    count(f.category)::int AS categorized,
    count(*) FILTER (WHERE ${NEEDS_RESPONSE})::int AS needs_response,
    count(*) FILTER (WHERE ${NEEDS_RESPONSE} AND f.outcome IN ('RESOLVED', 'ADOPTED'))::int AS actioned,
    count(*) FILTER (WHERE ${NEEDS_RESPONSE} AND f.outcome = 'ADOPTED')::int AS adopted,
    count(*) FILTER (WHERE ${responded})::int AS responded,
    coalesce(sum(${timeliness('f.first_response_at', 'f.received_at', targetMinutes)})
      FILTER (WHERE ${responded}), 0)::float8 AS response_timeliness,
    count(*) FILTER (WHERE ${NEGATIVE})::int AS negative,
    count(*) FILTER (WHERE ${NEGATIVE} AND f.first_response_at IS NOT NULL)::int AS negative_responded`;
}

/** Aggregates over `activities a`. */
export const ACTIVITY_SUMS = `
    count(*) FILTER (WHERE a.phase = 'LISTENING')::int AS listening,
    count(*) FILTER (WHERE a.phase = 'PROCESSING')::int AS processing,
    count(*) FILTER (WHERE a.phase = 'INTERACTING')::int AS interacting,
    count(*) FILTER (WHERE a.phase = 'BROADCASTING')::int AS broadcasting,
    count(*) FILTER (WHERE a.phase = 'INTERACTING' AND a.in_reply_to_feedback_id IS NULL
                       AND a.in_reply_to_feedback_external_id IS NULL)::int AS proactive,
    count(*) FILTER (WHERE a.phase IN ('LISTENING', 'PROCESSING')
                       AND a.intent IN ('UNDERSTAND', 'ACCOMMODATE'))::int AS understanding,
    count(*) FILTER (WHERE a.phase = 'INTERACTING' AND a.intent <> 'PROMOTE')::int AS accommodative_replies,
    coalesce(sum(coalesce(a.engagements, 0)) FILTER (WHERE a.phase = 'BROADCASTING' AND a.reach > 0), 0)::float8
      AS broadcast_engagements,
    coalesce(sum(a.reach) FILTER (WHERE a.phase = 'BROADCASTING' AND a.reach > 0), 0)::float8 AS broadcast_reach,
    count(*) FILTER (WHERE a.phase = 'BROADCASTING' AND a.intent = 'PROMOTE')::int AS promotional_broadcasts`;
