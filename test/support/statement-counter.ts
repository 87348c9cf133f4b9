import type { Logger } from 'typeorm';

/** Counts the SQL statements the app sends, to prove list fields do not issue one query per row. */
export class StatementCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
