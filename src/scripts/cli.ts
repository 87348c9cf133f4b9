import { ConfigError } from '../config';
import { EmbeddedPostgresError } from '../db/embedded-postgres';
import { ImportFileError } from '../modules/import/import-item';
import { DomainError } from '../shared/domain-error';

/** Errors whose message is meant for the operator: shown alone, without a stack. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof EmbeddedPostgresError ||
    error instanceof DomainError ||
    error instanceof ImportFileError
  );
}

/** The shared frame of every operator command: usage errors, failures and exit statuses. */
export function cli(name: string, usage: string) {
  return {
    /** A mistake in the command line: says what, prints the usage, exits with `status`. */
    fail(message: string, status = 2): never {
      process.stderr.write(`${name}: ${message}\n\n${usage}\n`);
      process.exit(status);
    },
    /** Runs `main`; a failure is one line on stderr and exit status `statusOf(error)` (default 1). */
    run(main: () => Promise<void>, statusOf: (error: unknown) => number = () => 1): void {
      main().catch((error: unknown) => {
        process.stderr.write(`${name}: ${isExpected(error) ? error.message : String(error)}\n`);
        process.exit(statusOf(error));
      });
    },
  };
}
