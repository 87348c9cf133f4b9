import 'reflect-metadata';
import { createTemplate, startTestPostgres } from './test-database';

/** Starts the suite's PostgreSQL once and migrates the template every test file clones. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const { adminUrl, server, dataDir } = await startTestPostgres();
  (globalThis as Record<string, unknown>).__rapportTestPostgres = { server, dataDir };
  process.env.RAPPORT_TEST_ADMIN_URL = adminUrl;
  await createTemplate(adminUrl);
  if (process.env.CI !== 'true') {
    process.stderr.write(`\n[e2e] PostgreSQL ready and migrated in ${Date.now() - started} ms\n`);
  }
}
