import { Granularity } from './granularity';
import { periodCount } from './periods';

describe('periodCount', () => {
  it.each([
    ['one UTC day', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'UTC', Granularity.DAY, 1],
    [
      'a day and a second',
      '2024-01-01T00:00:00Z',
      '2024-01-02T00:00:01Z',
      'UTC',
      Granularity.DAY,
      2,
    ],
    [
      'UTC midnights in Seoul (+9) straddle two local days',
      '2024-01-01T00:00:00Z',
      '2024-01-02T00:00:00Z',
      'Asia/Seoul',
      Granularity.DAY,
      2,
    ],
    [
      'a leap year of days',
      '2024-01-01T00:00:00Z',
      '2025-01-01T00:00:00Z',
      'UTC',
      Granularity.DAY,
      366,
    ],
    [
      'DST week in New York by day',
      '2024-03-09T05:00:00Z',
      '2024-03-12T04:00:00Z',
      'America/New_York',
      Granularity.DAY,
      3,
    ],
    [
      'Monday to Monday',
      '2024-01-01T00:00:00Z',
      '2024-01-08T00:00:00Z',
      'UTC',
      Granularity.WEEK,
      1,
    ],
    [
      'Sunday to Monday crosses a week',
      '2024-01-07T00:00:00Z',
      '2024-01-08T00:00:01Z',
      'UTC',
      Granularity.WEEK,
      2,
    ],
    [
      'a year of months',
      '2024-01-01T00:00:00Z',
      '2025-01-01T00:00:00Z',
      'UTC',
      Granularity.MONTH,
      12,
    ],
    [
      'mid-month to mid-month',
      '2024-01-15T00:00:00Z',
      '2024-03-15T00:00:00Z',
      'UTC',
      Granularity.MONTH,
      3,
    ],
  ])('%s', (_case, from, to, zone, granularity, count) => {
    expect(periodCount(new Date(from), new Date(to), zone, granularity)).toBe(count);
  });
});
