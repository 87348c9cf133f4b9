import { UnitOfWork } from '../../src/db/unit-of-work';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { createBrand } from '../factories/interactions';
import { ServerProcess, startTwoServers } from '../support/server-processes';
import { TestApp } from '../support/test-app';
import { verifySignature, WebhookReceiver } from '../support/webhook-receiver';

/** Webhooks, delivered by two server processes on one database to a loopback receiver. */
let t: TestApp;
let a: ServerProcess;
let b: ServerProcess;
let receiver: WebhookReceiver;
const ENV = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_FIRST_RETRY_MS: '300',
  WEBHOOK_OVERDUE_SCAN_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
};

beforeAll(async () => {
  t = await TestApp.start();
  const env = { DATABASE_URL: t.databaseUrl, ...ENV };
  [a, b] = await startTwoServers(env);
}, 120_000);
beforeEach(async () => {
  receiver = await WebhookReceiver.start();
});
afterEach(() => receiver.close());
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await t?.close();
});

const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url events brandId enabled } }
}`;
const RECORD_FEEDBACK = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`;

async function createHook(server: ServerProcess, key: string, input: Record<string, unknown>) {
  const res = await server.gql(key, CREATE, { input: { url: receiver.url, ...input } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.createWebhook as { secret: string; webhook: { id: string } };
}

async function recordFeedback(
  server: ServerProcess,
  key: string,
  brandId: string,
  input: Record<string, unknown>,
) {
  const res = await server.gql(key, RECORD_FEEDBACK, {
    input: { brandId, receivedAt: new Date(Date.now() - 1000).toISOString(), ...input },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.recordFeedback.id as string;
}

describe('webhooks', () => {
  it('deliver a new negative item once, signed, whichever process took the write', async () => {
    const key = await t.key('hooks-signed');
    const brandId = await createBrand(t, key);
    const { secret, webhook } = await createHook(a, key, { events: ['NEGATIVE_FEEDBACK'] });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await recordFeedback(b, key, brandId, { kind: 'PRAISE' });
    const id = await recordFeedback(b, key, brandId, { kind: 'COMPLAINT', text: 'late again' });
    await receiver.until(() => receiver.received.length > 0);
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(verifySignature(secret, String(got!.headers['rapport-signature']), got!.body)).toBe(
      true,
    );
    expect(
      verifySignature('whsec_other', String(got!.headers['rapport-signature']), got!.body),
    ).toBe(false);
    expect(got!.headers['rapport-event-id']).toBe(got!.json.id);
    expect(got!.json).toMatchObject({
      type: 'NEGATIVE_FEEDBACK',
      brandId,
      data: { id, kind: 'COMPLAINT', text: 'late again', complaint: true, negative: true },
    });
    expect(got!.json.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    const list = await a.gql(key, `{ webhooks { id enabled } }`);
    expect(list.body.data.webhooks).toEqual([{ id: webhook.id, enabled: true }]);
  });

  it('retry after a 500 with the same event id, and record both attempts', async () => {
    const key = await t.key('hooks-retry');
    const brandId = await createBrand(t, key);
    const { webhook } = await createHook(a, key, { events: ['NEGATIVE_FEEDBACK'], brandId });
    receiver.respond = (n) => (n === 1 ? 500 : 204);
    await recordFeedback(a, key, brandId, { kind: 'COMPLAINT' });
    await receiver.until(() => receiver.received.length >= 2);
    const [first, second] = receiver.received;
    expect(second!.headers['rapport-event-id']).toBe(first!.headers['rapport-event-id']);
    expect(second!.body).toBe(first!.body);
    expect(second!.at - first!.at).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 300));
    const res = await b.gql(
      key,
      `query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount nodes { eventId attempt status error durationMs } } }`,
      { id: webhook.id },
    );
    const deliveries = res.body.data.webhookDeliveries;
    expect(deliveries.totalCount).toBe(2);
    expect(deliveries.nodes.map((d: any) => [d.attempt, d.status])).toEqual([
      [2, 204],
      [1, 500],
    ]);
    expect(new Set(deliveries.nodes.map((d: any) => d.eventId)).size).toBe(1);
  });

  it('send nothing for a rolled-back write: the outbox row is in its transaction', async () => {
    const key = await t.key('hooks-rollback');
    const brandId = await createBrand(t, key);
    await createHook(a, key, { events: ['NEGATIVE_FEEDBACK'] });
    const [{ workspace_id }] = await t.dataSource.query(
      'SELECT workspace_id FROM brands WHERE id = $1',
      [brandId],
    );
    let seenInside = 0;
    const uow = new UnitOfWork(t.appDataSource, workspace_id, {
      beforeCommit: async (scope) => {
        await t.app.services.webhookOutbox.enqueue(scope);
        const [row] = await scope.manager.query('SELECT count(*)::int AS n FROM webhook_outbox');
        seenInside = row.n;
        throw new Error('the commit fails');
      },
    });
    await expect(
      uow.write(async (scope) => {
        const [row] = await scope.manager.query(
          `INSERT INTO feedback (workspace_id, brand_id, kind, received_at) VALUES ($1, $2, 'COMPLAINT', now()) RETURNING id`,
          [workspace_id, brandId],
        );
        scope.changes.feedback(brandId, [row.id]);
      }),
    ).rejects.toThrow('the commit fails');
    await uow.close();
    expect(seenInside).toBe(1);
    const [after] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM webhook_outbox WHERE workspace_id = $1',
      [workspace_id],
    );
    expect(after.n).toBe(0);
    await new Promise((r) => setTimeout(r, 800));
    expect(receiver.received).toHaveLength(0);
  });

  it('detect overdue feedback once, also for items recorded late', async () => {
    const key = await t.key('hooks-overdue');
    const brandId = await createBrand(t, key, { responseTargetMinutes: 1 });
    await createHook(a, key, { events: ['FEEDBACK_OVERDUE'] });
    const late = await recordFeedback(a, key, brandId, {
      kind: 'COMPLAINT',
      receivedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    });
    await recordFeedback(a, key, brandId, { kind: 'COMPLAINT' }); // not overdue for a minute
    await receiver.until(() => receiver.received.length > 0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.received.map((r) => [r.json.type, r.json.data.id])).toEqual([
      ['FEEDBACK_OVERDUE', late],
    ]);
  });

  it('refuse private addresses and http without WEBHOOK_ALLOW_PRIVATE_NETWORKS, and need ADMIN', async () => {
    const key = await t.key('hooks-refusals'); // the in-process app: default options
    for (const url of [
      'http://example.com/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://[::1]/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/latest',
    ]) {
      const res = await t.gql(key, CREATE, { input: { url, events: ['NEGATIVE_FEEDBACK'] } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((res.errors?.[0]?.extensions?.problems as any[])[0].field).toBe('input.url');
    }
    const reader = await t.key('hooks-refusals', [ApiKeyScope.READ, ApiKeyScope.WRITE]);
    const res = await t.gql(reader, CREATE, {
      input: { url: 'https://example.com/hook', events: ['NEGATIVE_FEEDBACK'] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM webhooks w JOIN workspaces s ON s.id = w.workspace_id
        WHERE s.name = 'hooks-refusals'`,
    );
    expect(n).toBe(0);
  });

  it('deliver after a crash mid-attempt: another process retries the same event', async () => {
    const key = await t.key('hooks-crash');
    const brandId = await createBrand(t, key);
    await Promise.all([a.stop(), b.stop()]);
    const env = { DATABASE_URL: t.databaseUrl, ...ENV };
    const c = await ServerProcess.start(env);
    const { secret } = await createHook(c, key, { events: ['NEGATIVE_FEEDBACK'] });
    receiver.respond = (n) => (n === 1 ? 'hang' : 200);
    await recordFeedback(c, key, brandId, { kind: 'COMPLAINT' });
    await receiver.until(() => receiver.received.length === 1);
    await c.kill(); // kill -9 while the attempt is in flight
    const d = await ServerProcess.start(env);
    try {
      await receiver.until(() => receiver.received.length >= 2, 15_000);
      const [first, second] = receiver.received;
      expect(second!.headers['rapport-event-id']).toBe(first!.headers['rapport-event-id']);
      expect(
        verifySignature(secret, String(second!.headers['rapport-signature']), second!.body),
      ).toBe(true);
    } finally {
      await d.stop();
    }
  }, 40_000);
});
