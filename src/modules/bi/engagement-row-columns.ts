import { scoreEngagement } from '../scoring/engagement-report';
import type { EngagementSums } from '../scoring/engagement-sums';
import { PHASES, weightsFrom } from '../scoring/phase-weights';
import { EngagementPhase } from '../../shared/vocabulary';

const EMPTY: EngagementSums = {
  weeks: 1,
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

/** Every component's name, in the order of the phases (taken from the scoring itself). */
export const COMPONENT_NAMES: readonly string[] = scoreEngagement(
  EMPTY,
  weightsFrom(null),
).phases.flatMap((p) => p.components.map((c) => c.name));

export const PHASE_SCORE_COLUMNS = PHASES.map((p) => `${p.toLowerCase()}Score`);

/** The flat columns of a BI row, in order (GraphQL fields, CSV header, JSON keys). */
export const ROW_COLUMNS: readonly string[] = [
  'brandId',
  'brandName',
  'audienceId',
  'audienceName',
  'channel',
  'periodStart',
  'granularity',
  'score',
  ...PHASE_SCORE_COLUMNS,
  'feedbackCount',
  'activityCount',
  ...COMPONENT_NAMES.flatMap((name) => [`${name}Numerator`, `${name}Denominator`]),
  'updatedAt',
];

export type EngagementRowData = Record<string, string | number | Date | null>;
