import { registerEnumType } from 'type-graphql';

export enum Granularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'Local days, weeks starting Monday, calendar months.',
});

/** Each granularity in SQL: the date_trunc unit and the interval of one period. */
export const PERIOD_SQL: Readonly<Record<Granularity, { unit: string; step: string }>> = {
  [Granularity.DAY]: { unit: 'day', step: '1 day' },
  [Granularity.WEEK]: { unit: 'week', step: '1 week' },
  [Granularity.MONTH]: { unit: 'month', step: '1 month' },
};
