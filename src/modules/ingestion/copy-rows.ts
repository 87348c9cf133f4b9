import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of a COPY row: null, text, a number, a boolean, a time or a list of texts. */
export type CopyValue = string | number | boolean | Date | readonly string[] | null;

/** Rows per chunk written to the COPY stream. */
const ROWS_PER_WRITE = 500;

/** One field in COPY's text format: `\N` for null, backslash escapes for the separators. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('COPY: a number must be finite');
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escapeCopy(value);
  return escapeCopy(arrayLiteral(value));
}

/** One row: tab-separated fields, newline-terminated. */
export function copyLine(values: readonly CopyValue[]): string {
  return values.map(copyField).join('\t') + '\n';
}

/** A text[] literal: every element double-quoted, so no element is read as NULL. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function escapeCopy(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

interface CopyClient {
  query<T>(stream: T): T;
}

/**
 * Writes `rows` into `table` with COPY … FROM STDIN on the transaction's own
 * connection (one statement, whatever the number of rows). The statement is
 * logged like every other, so statement counts include it.
 */
export async function copyRows(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const runner = m.queryRunner;
  if (!runner) throw new Error('copyRows needs the transaction of a query runner');
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  m.connection.logger.logQuery(sql, [], runner);
  const client = await (runner as unknown as { connect(): Promise<CopyClient> }).connect();
  const sink = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks(rows)), sink);
}

function* chunks(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE)
    yield rows
      .slice(i, i + ROWS_PER_WRITE)
      .map(copyLine)
      .join('');
}
