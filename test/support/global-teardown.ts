import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/db/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__rapportTestPostgres as
    { server?: EmbeddedDatabase; dataDir?: string } | undefined;
  await state?.server?.stop();
  if (state?.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}
