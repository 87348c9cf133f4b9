import { createBrand } from '../factories/interactions';
import { buildServer, ServerProcess } from '../support/server-processes';
import { TestApp } from '../support/test-app';
import { verifySignature, WebhookReceiver } from '../support/webhook-receiver';

/** Stage-change events, giving up on a failing endpoint, and workspace isolation of events. */
let t: TestApp;
let s: ServerProcess;
let receiver: WebhookReceiver;
let other: WebhookReceiver;
const GIVE_UP_MS = 1500;

beforeAll(async () => {
  t = await TestApp.start();
  buildServer();
  s = await ServerProcess.start({
    DATABASE_URL: t.databaseUrl,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_FIRST_RETRY_MS: '100',
    WEBHOOK_MAX_RETRY_MS: '200',
    WEBHOOK_GIVE_UP_AFTER_MS: String(GIVE_UP_MS),
    WEBHOOK_OVERDUE_SCAN_MS: '100',
    WEBHOOK_TIMEOUT_MS: '1000',
  });
}, 120_000);
beforeEach(async () => {
  [receiver, other] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
});
afterEach(() => Promise.all([receiver.close(), other.close()]));
afterAll(async () => {
  await s?.stop();
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id } }
}`;
const RECORD_FEEDBACK = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`;
const HOOK = `{ webhooks { id enabled disabledReason failingSince } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 100) {
  totalCount nodes { attempt status error } } }`;

async function createHook(key: string, url: string, input: Record<string, unknown>) {
  const res = await s.gql(key, CREATE, { input: { url, ...input } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.createWebhook as { secret: string; webhook: { id: string } };
}

async function recordFeedback(key: string, brandId: string, input: Record<string, unknown>) {
  const receivedAt = new Date(Date.now() - 60_000).toISOString();
  const res = await s.gql(key, RECORD_FEEDBACK, {
    input: { brandId, receivedAt, kind: 'QUESTION', ...input },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.recordFeedback.id as string;
}

describe('webhook events', () => {
  it('ENGAGEMENT_STAGE_CHANGED: one signed delivery when the 30-day stage moves, none otherwise', async () => {
    const key = await t.key('events-stage');
    const brandId = await createBrand(t, key);
    const { secret } = await createHook(key, receiver.url, {
      events: ['ENGAGEMENT_STAGE_CHANGED'],
      brandId,
    });
    // unacknowledged items: LISTENING 0, stage BROADCAST (the first write only notes it)
    await recordFeedback(key, brandId, {});
    await recordFeedback(key, brandId, {});
    await sleep(500);
    expect(receiver.received).toHaveLength(0);
    // one of three acknowledged at once: LISTENING = 100 × (0.45 + 0.35) / 3 ≈ 26.7 ≥ 25
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    await recordFeedback(key, brandId, { receivedAt, acknowledgedAt: receivedAt });
    await receiver.until(() => receiver.received.length > 0);
    const now = Date.now();
    const served = await s.gql(
      key,
      `query($b: ID!, $w: WindowInput!) { engagement(brandId: $b, window: $w) { stage score } }`,
      {
        b: brandId,
        w: { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() },
      },
    );
    expect(served.body.data.engagement.stage).toBe('INTERACTION');
    // a write that leaves the stage at INTERACTION sends nothing more
    await recordFeedback(key, brandId, { receivedAt, acknowledgedAt: receivedAt });
    await sleep(800);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(verifySignature(secret, String(got!.headers['rapport-signature']), got!.body)).toBe(
      true,
    );
    expect(got!.json).toMatchObject({
      type: 'ENGAGEMENT_STAGE_CHANGED',
      brandId,
      // the brand's report, and the stage it moved from
      data: { brandId, stage: 'INTERACTION', feedbackCount: 3, previousStage: 'BROADCAST' },
    });
    expect(got!.json.data.score).toBeCloseTo(served.body.data.engagement.score, 9);
  });

  it('an endpoint failing for WEBHOOK_GIVE_UP_AFTER_MS is disabled, says why, and is left alone', async () => {
    const key = await t.key('events-give-up');
    const brandId = await createBrand(t, key);
    const { webhook } = await createHook(key, receiver.url, { events: ['NEGATIVE_FEEDBACK'] });
    // the first attempt times out, so the endpoint fails from well after the event was made
    receiver.respond = (n) => (n === 1 ? 'hang' : 500);
    await recordFeedback(key, brandId, { kind: 'COMPLAINT' });
    const deadline = Date.now() + 8000;
    let hook: any;
    do {
      await sleep(100);
      [hook] = (await s.gql(key, HOOK)).body.data.webhooks;
    } while (hook.enabled && Date.now() < deadline);
    expect(hook).toMatchObject({ id: webhook.id, enabled: false });
    expect(hook.disabledReason).toMatch(/every delivery failed for .*; last: HTTP 500/);
    expect(receiver.received.length).toBeGreaterThan(1);
    const attempts = receiver.received.length;
    // nothing more: neither for the old event nor for a new one
    await recordFeedback(key, brandId, { kind: 'COMPLAINT' });
    await sleep(1000);
    expect(receiver.received).toHaveLength(attempts);
    const res = await s.gql(key, DELIVERIES, { id: webhook.id });
    const deliveries = res.body.data.webhookDeliveries;
    expect(deliveries.totalCount).toBe(attempts);
    const statuses = deliveries.nodes.map((d: any) => d.status).reverse();
    expect(statuses).toEqual([null, ...statuses.slice(1).map(() => 500)]);
    expect(new Set(receiver.received.map((r) => r.headers['rapport-event-id'])).size).toBe(1);
  });

  it('another workspace’s endpoint gets no stage or overdue event', async () => {
    const key = await t.key('events-mine');
    const otherKey = await t.key('events-theirs');
    const brandId = await createBrand(t, key, { responseTargetMinutes: 1 });
    const theirBrand = await createBrand(t, otherKey, { responseTargetMinutes: 1 });
    const events = ['ENGAGEMENT_STAGE_CHANGED', 'FEEDBACK_OVERDUE', 'NEGATIVE_FEEDBACK'];
    await createHook(key, receiver.url, { events });
    await createHook(otherKey, other.url, { events });
    await recordFeedback(otherKey, theirBrand, {}); // their stage noted, so a move would be sent
    await recordFeedback(key, brandId, {});
    const receivedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    await recordFeedback(key, brandId, { kind: 'COMPLAINT', receivedAt });
    await recordFeedback(key, brandId, { receivedAt, acknowledgedAt: receivedAt });
    await receiver.until(() =>
      ['ENGAGEMENT_STAGE_CHANGED', 'FEEDBACK_OVERDUE'].every((type) =>
        receiver.received.some((r) => r.json.type === type),
      ),
    );
    await sleep(800);
    expect(other.received).toHaveLength(0);
    expect(receiver.received.every((r) => r.json.brandId === brandId)).toBe(true);
  });
});
