/** The sums kept per brand × audience × local day in engagement_daily (see engagement-sql.ts). */
export const FEEDBACK_COLUMNS = [
  'feedback',
  'acknowledged',
  'ack_timeliness',
  'categorized',
  'needs_response',
  'actioned',
  'adopted',
  'responded',
  'response_timeliness',
  'negative',
  'negative_responded',
] as const;

export const ACTIVITY_COLUMNS = [
  'listening',
  'processing',
  'interacting',
  'broadcasting',
  'proactive',
  'understanding',
  'accommodative_replies',
  'broadcast_engagements',
  'broadcast_reach',
  'promotional_broadcasts',
] as const;

export const SUM_COLUMNS = [...FEEDBACK_COLUMNS, ...ACTIVITY_COLUMNS];

/** Columns that hold float sums (the others are counts). */
export const FLOAT_COLUMNS = new Set<string>([
  'ack_timeliness',
  'response_timeliness',
  'broadcast_engagements',
  'broadcast_reach',
]);

/** audience_key of items recorded without an audience (a primary key cannot hold NULL). */
export const NO_AUDIENCE = '00000000-0000-0000-0000-000000000000';
