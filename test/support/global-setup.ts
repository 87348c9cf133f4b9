import 'reflect-metadata';
import { createTemplate, startTestPostgres } from './test-database';

// the dashboard bundle the server serves (dist/dashboard), made when a source is newer
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dashboard = require('../../scripts/build-dashboard.js') as { ensureBundle(): Promise<void> };

/** Starts the suite's PostgreSQL once and migrates the template every test file clones. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await dashboard.ensureBundle();
  const { adminUrl, server, dataDir } = await startTestPostgres();
  (globalThis as Record<string, unknown>).__rapportTestPostgres = { server, dataDir };
  process.env.RAPPORT_TEST_ADMIN_URL = adminUrl;
  await createTemplate(adminUrl);
  if (process.env.CI !== 'true') {
    process.stderr.write(`\n[e2e] PostgreSQL ready and migrated in ${Date.now() - started} ms\n`);
  }
}
