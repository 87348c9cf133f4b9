import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The transaction-local setting that row-level security policies key on. */
export const WORKSPACE_SETTING = 'app.workspace_id';

/**
 * All database work of one request, on one connection, always inside a
 * transaction that carries the caller's workspace (`app.workspace_id`).
 *
 * Reads share one lazily opened transaction. Each write (one mutation field)
 * runs in its own transaction and is committed before its result is returned,
 * so a response never reports something that was not durably written.
 * Work is queued: one connection runs one statement at a time.
 */
export class UnitOfWork {
  private runner: QueryRunner | undefined;
  private readOpen = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly workspaceId: string,
  ) {}

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      if (!this.readOpen) {
        await this.begin();
        this.readOpen = true;
      }
      try {
        return await work(this.runner!.manager);
      } catch (error) {
        // a failed statement aborts the transaction: start the next read afresh
        this.readOpen = false;
        await this.rollbackQuietly();
        throw error;
      }
    });
  }

  /** Runs `work` atomically in its own transaction, committed before this resolves. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.endRead();
      await this.begin();
      try {
        const result = await work(this.runner!.manager);
        await this.runner!.commitTransaction();
        return result;
      } catch (error) {
        await this.rollbackQuietly();
        throw error;
      }
    });
  }

  /** Ends the request: commits the read transaction and returns the connection to the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.enqueue(() => this.endRead()).catch(() => undefined);
    this.closed = true;
    const runner = this.runner;
    this.runner = undefined;
    await runner?.release();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('unit of work already closed'));
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async begin(): Promise<void> {
    if (!this.runner) {
      this.runner = this.dataSource.createQueryRunner();
      await this.runner.connect();
    }
    await this.runner.startTransaction();
    await this.runner.query(`SELECT set_config('${WORKSPACE_SETTING}', $1, true)`, [
      this.workspaceId,
    ]);
  }

  private async endRead(): Promise<void> {
    if (!this.readOpen) return;
    this.readOpen = false;
    try {
      if (this.runner?.isTransactionActive) await this.runner.commitTransaction();
    } catch {
      await this.rollbackQuietly();
    }
  }

  private async rollbackQuietly(): Promise<void> {
    try {
      if (this.runner?.isTransactionActive) await this.runner.rollbackTransaction();
    } catch {
      // the connection is broken; release() discards it
    }
  }
}
