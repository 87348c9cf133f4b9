import { InitialSchema1795374382494 } from './1795374382494-InitialSchema';
import { RowLevelSecurity1795400000000 } from './1795400000000-RowLevelSecurity';
import { DailyRollups1795410000000 } from './1795410000000-DailyRollups';
import { BiSchema1795420000000 } from './1795420000000-BiSchema';
import { SharedRateLimits1795430000000 } from './1795430000000-SharedRateLimits';
import { ReadYourWrites1795440000000 } from './1795440000000-ReadYourWrites';
import { MonthlyRollups1795450000000 } from './1795450000000-MonthlyRollups';
import { Webhooks1795460000000 } from './1795460000000-Webhooks';
import { TextSignals1795470000000 } from './1795470000000-TextSignals';
import { BrandDataVersion1795480000000 } from './1795480000000-BrandDataVersion';
import { RateLimitLeases1795530000000 } from './1795530000000-RateLimitLeases';
import { SentimentMix1795540000000 } from './1795540000000-SentimentMix';

/**
 * Every migration, oldest first. A new one (`npm run migration:generate -- migrations/Name`)
 * is added here too; a unit test fails when a file of this folder is missing.
 */
export const migrations = [
  InitialSchema1795374382494,
  RowLevelSecurity1795400000000,
  DailyRollups1795410000000,
  BiSchema1795420000000,
  SharedRateLimits1795430000000,
  ReadYourWrites1795440000000,
  MonthlyRollups1795450000000,
  Webhooks1795460000000,
  TextSignals1795470000000,
  BrandDataVersion1795480000000,
  RateLimitLeases1795530000000,
  SentimentMix1795540000000,
];
