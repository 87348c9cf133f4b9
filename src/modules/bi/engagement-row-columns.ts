import { scoreEngagement } from '../scoring/engagement-report';
import { emptySums } from '../rollups/engagement-sums';
import { PHASES, weightsFrom } from '../scoring/phase-weights';

/** Every component's name, in the order of the phases (taken from the scoring itself). */
export const COMPONENT_NAMES: readonly string[] = scoreEngagement(
  emptySums(1),
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
