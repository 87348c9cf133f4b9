import { bootstrapKeys } from '../../src/modules/api-keys/bootstrap-keys';
import { TestApp } from '../support/test-app';

let t: TestApp;

beforeEach(async () => {
  t = await TestApp.start();
});
afterEach(() => t.close());

const keyCount = async () =>
  Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM api_keys'))[0]!.n);

describe('BOOTSTRAP_API_KEY', () => {
  it('becomes an admin key of the workspace "default", idempotently across restarts', async () => {
    const secret = 'ci-bootstrap-key-0123456789';
    for (let start = 0; start < 3; start++) {
      await bootstrapKeys(
        t.dataSource,
        t.app.services.apiKeys,
        { bootstrapApiKey: secret, embedded: true, port: 4000 },
        () => undefined,
      );
    }
    expect(await keyCount()).toBe(1);
    const data = await t.ok(secret, '{ viewer { workspace { name } scopes } }');
    expect(data.viewer).toEqual({
      workspace: { name: 'default' },
      scopes: ['READ', 'WRITE', 'ADMIN'],
    });
  });
});

describe('the first start of an empty embedded database', () => {
  it('creates and prints one admin key, once', async () => {
    const printed: string[] = [];
    const options = { bootstrapApiKey: undefined, embedded: true, port: 4000 };
    await bootstrapKeys(t.dataSource, t.app.services.apiKeys, options, (line) =>
      printed.push(line),
    );
    await bootstrapKeys(t.dataSource, t.app.services.apiKeys, options, (line) =>
      printed.push(line),
    );
    expect(await keyCount()).toBe(1);
    const secrets = printed.join('\n').match(/rk_[A-Za-z0-9_-]{32}/g) ?? [];
    expect(new Set(secrets).size).toBe(1);
    const data = await t.ok(secrets[0]!, '{ viewer { workspace { name } scopes } }');
    expect(data.viewer.workspace.name).toBe('default');
  });

  it('prints nothing for an external database', async () => {
    const printed: string[] = [];
    await bootstrapKeys(
      t.dataSource,
      t.app.services.apiKeys,
      { bootstrapApiKey: undefined, embedded: false, port: 4000 },
      (l) => printed.push(l),
    );
    expect(printed).toEqual([]);
    expect(await keyCount()).toBe(0);
  });
});
