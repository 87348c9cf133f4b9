import type { Caller } from '../modules/api-keys/caller';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Loaders } from './loaders';
import type { Metrics } from './metrics';
import type { Services } from './services';

/** Everything a resolver may use; built fresh for every request. */
export interface RequestContext {
  readonly caller: Caller;
  readonly uow: UnitOfWork;
  readonly loaders: Loaders;
  readonly services: Services;
  readonly metrics?: Metrics;
  /** One "now" per request, so default windows agree across fields. */
  readonly requestTime: Date;
}
