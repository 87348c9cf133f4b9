import { ValidationError } from '../../shared/domain-error';
import { DAY_MS } from '../../shared/time';
import type { TimeWindow } from '../../shared/window';
import { type Granularity } from './granularity';
import { periodCount } from './periods';

export const MAX_REPORT_DAYS = 3660;
export const MAX_PERIODS = 1000;

/** from < to, at most 3,660 days (engagement, classification). */
export function assertTimeWindow(window: TimeWindow): void {
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
  window: TimeWindow,
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
