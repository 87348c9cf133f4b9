import { Granularity } from './granularity';
import { DAY_MS } from '../../shared/time';

/** The local calendar date of an instant in a time zone, as a day number (days since 1970-01-01). */
function localDayNumber(
  instant: Date,
  timeZone: string,
): { day: number; year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const year = get('year');
  const month = get('month');
  return { day: Date.UTC(year, month - 1, get('day')) / DAY_MS, year, month };
}

/**
 * How many periods (local days, Monday weeks, calendar months in `timeZone`)
 * intersect [from, to). Used to refuse oversized series before any work.
 */
export function periodCount(
  from: Date,
  to: Date,
  timeZone: string,
  granularity: Granularity,
): number {
  if (!(from.getTime() < to.getTime())) return 0;
  const first = localDayNumber(from, timeZone);
  const last = localDayNumber(new Date(to.getTime() - 1), timeZone);
  switch (granularity) {
    case Granularity.DAY:
      return last.day - first.day + 1;
    case Granularity.WEEK: {
      // day 0 (1970-01-01) was a Thursday: Monday-based week numbers
      const week = (day: number) => Math.floor((day + 3) / 7);
      return week(last.day) - week(first.day) + 1;
    }
    case Granularity.MONTH:
      return (last.year - first.year) * 12 + (last.month - first.month) + 1;
  }
}
