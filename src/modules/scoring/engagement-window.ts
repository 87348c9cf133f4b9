import { ValidationError } from '../../shared/domain-error';
import { type Granularity } from './granularity';
import { periodCount } from './periods';

export const MAX_REPORT_DAYS = 3660;
export const MAX_PERIODS = 1000;
const DAY_MS = 86_400_000;

export interface ReportWindow {
  from: Date;
  to: Date;
}

/** from < to, at most 3,660 days (engagement, classification). */
export function assertReportWindow(window: ReportWindow): void {
  const span = window.to.getTime() - window.from.getTime();
  if (!(span > 0))
    throw new ValidationError([{ field: 'window.from', reason: 'must be before window.to' }]);
  if (span > MAX_REPORT_DAYS * DAY_MS) {
    throw new ValidationError([
      { field: 'window', reason: `must span at most ${MAX_REPORT_DAYS} days` },
    ]);
  }
}

/** from < to, at most 1,000 periods of the granularity in the brand's time zone. */
export function assertSeriesWindow(
  window: ReportWindow,
  timeZone: string,
  granularity: Granularity,
): void {
  if (!(window.to.getTime() > window.from.getTime())) {
    throw new ValidationError([{ field: 'window.from', reason: 'must be before window.to' }]);
  }
  const periods = periodCount(window.from, window.to, timeZone, granularity);
  if (periods > MAX_PERIODS) {
    throw new ValidationError([
      {
        field: 'window',
        reason: `covers ${periods} ${granularity.toLowerCase()} periods; at most ${MAX_PERIODS} per series`,
      },
    ]);
  }
}

export function weeksIn(window: ReportWindow): number {
  return (window.to.getTime() - window.from.getTime()) / 1000 / 604_800;
}
