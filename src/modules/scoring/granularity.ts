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
