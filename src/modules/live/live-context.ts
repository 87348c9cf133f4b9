import type { DataSource } from 'typeorm';
import type { Scope } from '../../db/scope';
import type { UnitOfWork } from '../../db/unit-of-work';
import type { RequestContext } from '../../server/context';
import { createLoaders, type Loaders } from '../../server/loaders';
import type { Services } from '../../server/services';
import type { Caller } from '../api-keys/caller';
import type { LiveHub } from './live-hub';

/** Timings of the live feeds (shortened by tests through the config). */
export interface LiveTimings {
  /** Reports are recomputed this long after the first write of a burst. */
  readonly debounceMs: number;
  /** A report subscription is pushed at most once per this interval. */
  readonly minIntervalMs: number;
}

/**
 * The context of one subscription. Nothing is held while it idles: every
 * read opens a short unit of work (`read`), and the fields of one pushed
 * event get a unit of work of their own, opened on first use and closed
 * once the event is sent (`endPush`, from live-server.ts).
 */
export class LiveContext implements RequestContext {
  private push: { uow: UnitOfWork; loaders: Loaders } | undefined;

  constructor(
    readonly caller: Caller,
    readonly services: Services,
    readonly hub: LiveHub,
    readonly timings: LiveTimings,
    private readonly dataSource: DataSource,
  ) {}

  /** Rolling windows move with every push. */
  get requestTime(): Date {
    return new Date();
  }

  get uow(): UnitOfWork {
    return this.current().uow;
  }

  get loaders(): Loaders {
    return this.current().loaders;
  }

  /** One short read on the primary (notices come from it; a replica may lag behind them). */
  async read<T>(work: (scope: Scope) => Promise<T>): Promise<T> {
    const uow = this.services.unitOfWork(this.dataSource, this.caller.workspaceId);
    try {
      return await uow.read(work);
    } finally {
      await uow.close();
    }
  }

  async endPush(): Promise<void> {
    const push = this.push;
    this.push = undefined;
    await push?.uow.close();
  }

  private current() {
    if (!this.push) {
      const uow = this.services.unitOfWork(this.dataSource, this.caller.workspaceId);
      this.push = { uow, loaders: createLoaders(uow, this.services) };
    }
    return this.push;
  }
}
