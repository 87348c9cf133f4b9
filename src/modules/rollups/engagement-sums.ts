import { EngagementPhase } from '../../shared/vocabulary';
import { histogramPercentile } from './delay-histogram';
import { SUMS, type EngagementSums, type SumField } from './sum-definitions';

export type { EngagementSums } from './sum-definitions';

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
