import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ImportFileError } from './import-item';

export interface CsvRecord {
  /** The line the record starts on (1 is the header). */
  line: number;
  values: Record<string, string>;
}

/**
 * Streams a CSV file's records with the line each starts on, after checking
 * the header has `required` columns. A header of one column that contains
 * ';', tab or '|' is reported as a wrong delimiter.
 */
export async function* csvRecords(
  file: string,
  required: readonly string[],
): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true }),
  );
  let header: string[] | undefined;
  let nextLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = nextLine;
      nextLine = info.lines + 1;
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(header, required, file);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, i) => (values[name] = record[i] ?? ''));
      yield { line, values };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new ImportFileError(`${file}: no such file`);
    throw new ImportFileError(`${file}: not a readable CSV file (${(error as Error).message})`);
  }
  if (!header) throw new ImportFileError(`${file}: the file is empty`);
}

function checkHeader(header: string[], required: readonly string[], file: string): void {
  if (header.length === 1) {
    const sep = [';', '\t', '|'].find((s) => header[0]!.includes(s));
    if (sep) {
      throw new ImportFileError(
        `${file}: the header is one column containing ${JSON.stringify(sep)}: this file is not comma-separated`,
      );
    }
  }
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new ImportFileError(
      `${file}: missing column(s) ${missing.join(', ')} (found: ${header.join(', ')})`,
    );
  }
}
