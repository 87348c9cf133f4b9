import { DEFAULT_WEBHOOK_OPTIONS } from '../../src/config';
import { WebhookWorker } from '../../src/modules/webhooks/webhook-worker';
import { createBrand } from '../factories/interactions';
import { TestApp } from '../support/test-app';

/** Two workers claiming at once: an attempt held by one is skipped by the other, never taken twice. */
let t: TestApp;

beforeAll(async () => {
  t = await TestApp.start(); // the in-process app runs no worker: only the two below claim
}, 120_000);
afterAll(() => t?.close());

it('a due event claimed in an open transaction is skipped by a second worker, not waited for', async () => {
  const key = await t.key('claims');
  const brandId = await createBrand(t, key);
  const [{ workspace_id }] = await t.dataSource.query(
    'SELECT workspace_id FROM brands WHERE id = $1',
    [brandId],
  );
  const [hook] = await t.dataSource.query(
    `INSERT INTO webhooks (workspace_id, url, events, secret_ciphertext)
     VALUES ($1, 'https://example.com/hook', '{NEGATIVE_FEEDBACK}', '\\x00') RETURNING id`,
    [workspace_id],
  );
  await t.dataSource.query(
    `INSERT INTO webhook_outbox (id, workspace_id, webhook_id, brand_id, type, body)
     VALUES (gen_random_uuid(), $1, $2, $3, 'NEGATIVE_FEEDBACK', '{}')`,
    [workspace_id, hook.id, brandId],
  );
  const worker = () =>
    new WebhookWorker(
      t.appDataSource,
      t.app.services,
      t.app.services.webhookSecrets,
      DEFAULT_WEBHOOK_OPTIONS,
    );
  const first = t.app.services.unitOfWork(t.appDataSource, workspace_id);
  const second = t.app.services.unitOfWork(t.appDataSource, workspace_id);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let claimedFirst: unknown[] = [];
  const firstDone = first.write(async (scope) => {
    claimedFirst = await worker()['claim'](scope.manager, workspace_id);
    await held; // the claim's transaction stays open
  });
  try {
    while (!claimedFirst.length) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const claimedSecond = await Promise.race([
      second.write((scope) => worker()['claim'](scope.manager, workspace_id)),
      new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 2000)),
    ]);
    expect(claimedSecond).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    release();
    await firstDone;
    await Promise.all([first.close(), second.close()]);
  }
  const [row] = await t.dataSource.query(
    'SELECT attempts FROM webhook_outbox WHERE webhook_id = $1',
    [hook.id],
  );
  expect(row.attempts).toBe(1);
});
