import type { DataSource } from 'typeorm';
import { logger } from '../../shared/logger';
import type { ApiKeyService } from './api-key.service';
import { newApiKeySecret } from './api-key-secret';

export const DEFAULT_WORKSPACE = 'default';

/**
 * BOOTSTRAP_API_KEY becomes an admin key of the workspace `default`
 * (idempotent). Without it, a brand-new embedded database gets a fresh admin
 * key, printed once, so a newcomer can query at once.
 */
export async function bootstrapKeys(
  dataSource: DataSource,
  apiKeys: ApiKeyService,
  options: { bootstrapApiKey: string | undefined; embedded: boolean; port: number },
  print: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<void> {
  await dataSource.transaction(async (m) => {
    // one starter at a time, even with several processes starting together
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('rapport.bootstrap-keys'))`);
    if (options.bootstrapApiKey) {
      const { created } = await apiKeys.ensureKey(
        m,
        DEFAULT_WORKSPACE,
        'bootstrap',
        options.bootstrapApiKey,
      );
      logger.info(
        created ? 'created the BOOTSTRAP_API_KEY admin key' : 'BOOTSTRAP_API_KEY already present',
        {
          workspace: DEFAULT_WORKSPACE,
        },
      );
      return;
    }
    if (!options.embedded || (await apiKeys.countKeys(m)) > 0) return;
    const secret = newApiKeySecret();
    await apiKeys.ensureKey(m, DEFAULT_WORKSPACE, 'first admin key', secret);
    print('');
    print('  A new admin API key for the workspace "default" (shown only this once):');
    print('');
    print(`    ${secret}`);
    print('');
    print(
      `  Try: curl -s localhost:${options.port}/graphql -H 'authorization: Bearer ${secret}' \\`,
    );
    print(
      `         -H 'content-type: application/json' -d '{"query":"{ viewer { workspace { name } scopes } }"}'`,
    );
    print('');
  });
}
