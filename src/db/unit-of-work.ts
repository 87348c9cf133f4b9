import type { DataSource, QueryRunner } from 'typeorm';
import { isUuid } from '../shared/validate';
import { ChangeLog } from './change-log';
import type { Scope, WriteScope } from './scope';

/** The transaction-local setting that row-level security policies key on. */
export const WORKSPACE_SETTING = 'app.workspace_id';

export interface UnitOfWorkOptions {
  /** Serve reads from a replica (DATABASE_REPLICA_URLS), until this request writes. */
  readonly replicaReads?: boolean;
  /** Note each write on this key (api_keys.last_write_at), for read-your-writes across requests. */
  readonly noteWritesOf?: string;
  /** With noteWritesOf: a notification sent with the note (other processes learn of the write at once)… */
  readonly writeNotice?: { readonly channel: string; readonly payload: string };
  /** …and what this process does once such a write committed. */
  readonly afterNotedWrite?: () => void;
  /** Runs last in every write transaction, before it commits (the rollups: see services.ts). */
  readonly beforeCommit?: (scope: WriteScope) => Promise<void>;
}

/**
 * All database work of one request, always inside a transaction that carries
 * the caller's workspace (`app.workspace_id`).
 *
 * Reads share one lazily opened read-only snapshot — on a replica when
 * allowed, else on the primary. Each write (one mutation field) runs in its
 * own transaction on the primary and is committed before its result is
 * returned, so a response never reports something that was not durably
 * written; after a write, the request reads from the primary (read-your-writes).
 * Work is queued: one connection runs one statement at a time.
 *
 * Isolation: every transaction carries the workspace, and row-level security
 * policies on every tenant table filter by it — that is the guarantee. The
 * explicit `workspace_id = …` conditions in services are there for plans.
 */
export class UnitOfWork {
  private primary: QueryRunner | undefined;
  private replica: QueryRunner | undefined;
  private reading: QueryRunner | undefined;
  private onReplica: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  /** Statements to run in the round trip that opens the read snapshot (readAtOpening). */
  private atOpening: {
    statement: string;
    resolve: (rows: Record<string, unknown>[]) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly workspaceId: string,
    private readonly options: UnitOfWorkOptions = {},
  ) {
    this.onReplica = options.replicaReads ?? false;
  }

  read<T>(work: (scope: Scope) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      if (!this.reading) this.reading = await this.beginRead();
      try {
        return await work({
          manager: this.reading.manager,
          workspaceId: this.workspaceId,
          snapshot: true,
        });
      } catch (error) {
        // a failed statement aborts the transaction: start the next read afresh
        await this.endRead(false);
        throw error;
      }
    });
  }

  /** Runs `work` atomically in its own transaction on the primary, committed before this resolves. */
  write<T>(work: (scope: WriteScope) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.endRead(true);
      if (this.onReplica) {
        // from now on this request reads what it wrote: from the primary
        this.onReplica = false;
        const replica = this.replica;
        this.replica = undefined;
        await replica?.release();
      }
      const runner = await this.connect('master');
      await runner.startTransaction();
      try {
        await runner.query(`SELECT set_config('${WORKSPACE_SETTING}', $1, true)`, [
          this.workspaceId,
        ]);
        const scope = {
          manager: runner.manager,
          workspaceId: this.workspaceId,
          changes: new ChangeLog(),
        };
        const result = await work(scope);
        await this.options.beforeCommit?.(scope);
        const { noteWritesOf, writeNotice } = this.options;
        if (noteWritesOf && writeNotice)
          await runner.query('SELECT rapport_note_write($1), pg_notify($2, $3)', [
            noteWritesOf,
            writeNotice.channel,
            writeNotice.payload,
          ]);
        else if (noteWritesOf) await runner.query('SELECT rapport_note_write($1)', [noteWritesOf]);
        await runner.commitTransaction();
        if (noteWritesOf) this.options.afterNotedWrite?.();
        return result;
      } catch (error) {
        await this.rollbackQuietly(runner);
        throw error;
      }
    });
  }

  /**
   * Runs `statements` (a simple query of statements that take no parameters
   * and commit on their own, e.g. the rate-limit take) in the same round trip
   * that opens this request's read snapshot, and returns their results; or
   * undefined, without running them, when reads go to a replica or a read is
   * already open (the caller then runs them alone).
   */
  openReadWith(statements: string): Promise<{ rows: Record<string, unknown>[] }[] | undefined> {
    return this.enqueue(async () => {
      if (this.reading || this.onReplica) return undefined;
      const results = await this.openRead('master', `${statements}; `);
      return results;
    });
  }

  /**
   * Registers `statement` (no parameters) to run in this request's read
   * snapshot, in the round trip that opens it (no round trip of its own):
   * register before anything opens the snapshot (e.g. before openReadWith),
   * then call the function returned for its rows. When nothing opened the
   * snapshot by then, it opens with the statement; when it opened without
   * it (already open at registration), the statement runs alone.
   */
  readAtOpening(statement: string): () => Promise<Record<string, unknown>[]> {
    let entry!: (typeof this.atOpening)[number];
    const rows = new Promise<Record<string, unknown>[]>((resolve, reject) => {
      entry = { statement, resolve, reject };
    });
    rows.catch(() => undefined); // the read that opens the snapshot reports the same failure
    this.atOpening.push(entry);
    return () =>
      this.read(async (scope) => {
        const i = this.atOpening.indexOf(entry);
        if (i < 0) return;
        this.atOpening.splice(i, 1);
        entry.resolve(await scope.manager.query(statement));
      }).then(() => rows);
  }

  /** Ends the request: commits the read transaction and returns the connections to their pools. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.enqueue(() => this.endRead(true)).catch(() => undefined);
    this.closed = true;
    const runners = [this.primary, this.replica];
    this.primary = this.replica = undefined;
    await Promise.all(runners.map((r) => r?.release()));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('unit of work already closed'));
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connect(mode: 'master' | 'slave'): Promise<QueryRunner> {
    if (mode === 'slave') {
      this.replica ??= this.dataSource.createQueryRunner('slave');
      await this.replica.connect();
      return this.replica;
    }
    this.primary ??= this.dataSource.createQueryRunner('master');
    await this.primary.connect();
    return this.primary;
  }

  /**
   * A read-only snapshot (repeatable read: every read of a request sees
   * the same data) and its workspace in one
   * round trip (a simple query of two statements; the workspace id is a UUID
   * from the database, checked again here before it is written into SQL).
   * Reads never go through TypeORM's transaction methods, which writes use.
   */
  private async beginRead(): Promise<QueryRunner> {
    await this.openRead(this.onReplica ? 'slave' : 'master', '');
    return this.reading!;
  }

  /**
   * One simple query: `before` (statements that commit on their own), the
   * snapshot and its workspace, then the statements waiting in atOpening,
   * whose promises it settles. Returns every statement's result.
   */
  private async openRead(
    mode: 'master' | 'slave',
    before: string,
  ): Promise<{ rows: Record<string, unknown>[] }[]> {
    if (!isUuid(this.workspaceId)) throw new Error('invalid workspace id');
    const waiting = this.atOpening.splice(0);
    const runner = await this.connect(mode);
    const client = (await runner.connect()) as {
      query(text: string): Promise<{ rows: Record<string, unknown>[] }[]>;
    };
    const text = [
      `${before}${this.beginReadStatements()}`,
      ...waiting.map((w) => w.statement),
    ].join('; ');
    this.dataSource.logger.logQuery(text, [], runner);
    try {
      const results = await client.query(text);
      this.reading = runner;
      const extra = results.slice(results.length - waiting.length);
      waiting.forEach((w, i) => w.resolve(extra[i]!.rows));
      return results;
    } catch (error) {
      waiting.forEach((w) => w.reject(error));
      // a statement failed: whatever block it left open is ended before anything else runs here
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private beginReadStatements(): string {
    return `START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT set_config('${WORKSPACE_SETTING}', '${this.workspaceId}', true)`;
  }

  private async endRead(commit: boolean): Promise<void> {
    const runner = this.reading;
    if (!runner) return;
    this.reading = undefined;
    try {
      await runner.query(commit ? 'COMMIT' : 'ROLLBACK');
    } catch {
      // the connection is broken; release() discards it
    }
  }

  private async rollbackQuietly(runner: QueryRunner): Promise<void> {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } catch {
      // the connection is broken; release() discards it
    }
  }
}
