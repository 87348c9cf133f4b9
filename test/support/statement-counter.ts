import type { Logger } from 'typeorm';

/**
 * Counts the SQL statements the app sends, to prove list fields do not issue
 * one query per row; while `recording` is on, also keeps their text and
 * parameters (the Citus-readiness test plans them).
 */
export class StatementCounter implements Logger {
  count = 0;
  recording = false;
  readonly recorded: { text: string; params: unknown[] }[] = [];
  logQuery(text: string, params?: unknown[]): void {
    this.count++;
    if (this.recording) this.recorded.push({ text, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
