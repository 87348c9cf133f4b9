import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The transaction-local setting that row-level security policies key on. */
export const WORKSPACE_SETTING = 'app.workspace_id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        await this.beginRead();
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

  /** Pulls an async generator of reads step by step, inside the read transaction (one snapshot). */
  async *stream<T>(work: (manager: EntityManager) => AsyncGenerator<T>): AsyncGenerator<T> {
    let source: AsyncGenerator<T> | undefined;
    for (;;) {
      const step = await this.read((m) => (source ??= work(m)).next());
      if (step.done) return;
      yield step.value;
    }
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

  private async connect(): Promise<QueryRunner> {
    if (!this.runner) {
      this.runner = this.dataSource.createQueryRunner();
      await this.runner.connect();
    }
    return this.runner;
  }

  /**
   * A read-only snapshot (repeatable read: every read of a request, and
   * every page of an export, sees the same data) and its workspace in one round trip (a simple
   * query of two statements; the workspace id is a UUID from the database,
   * checked again here before it is written into SQL). Reads never go
   * through TypeORM's transaction methods, which writes use.
   */
  private async beginRead(): Promise<void> {
    if (!UUID.test(this.workspaceId)) throw new Error('invalid workspace id');
    const runner = await this.connect();
    await runner.query(
      `START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT set_config('${WORKSPACE_SETTING}', '${this.workspaceId}', true)`,
    );
  }

  private async begin(): Promise<void> {
    const runner = await this.connect();
    await runner.startTransaction();
    await runner.query(`SELECT set_config('${WORKSPACE_SETTING}', $1, true)`, [this.workspaceId]);
  }

  private async endRead(): Promise<void> {
    if (!this.readOpen) return;
    this.readOpen = false;
    try {
      await this.runner?.query('COMMIT');
    } catch {
      await this.rollbackQuietly();
    }
  }

  private async rollbackQuietly(): Promise<void> {
    try {
      if (this.runner?.isTransactionActive) await this.runner.rollbackTransaction();
      // a read transaction is not TypeORM's: ROLLBACK outside one only warns
      else await this.runner?.query('ROLLBACK');
    } catch {
      // the connection is broken; release() discards it
    }
  }
}
