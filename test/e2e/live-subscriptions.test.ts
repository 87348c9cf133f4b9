import { ApiKeyScope } from '../../src/shared/vocabulary';
import { createBrand } from '../factories/interactions';
import { liveConnection, type LiveConnection } from '../support/live-client';
import { type ServerProcess, startTwoServers } from '../support/server-processes';
import { TestApp } from '../support/test-app';

/**
 * Subscriptions over graphql-ws, with two server processes on one database:
 * a subscriber on one process sees what is written through the other.
 */
let t: TestApp;
let a: ServerProcess;
let b: ServerProcess;
const open: LiveConnection[] = [];

beforeAll(async () => {
  t = await TestApp.start();
  const env = { DATABASE_URL: t.databaseUrl, MAX_SUBSCRIPTIONS_PER_KEY: '3' };
  [a, b] = await startTwoServers(env);
}, 120_000);
afterEach(() => {
  for (const c of open.splice(0)) void c.client.dispose();
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await t?.close();
});

const connect = (server: ServerProcess, key: string | null) => {
  const c = liveConnection(server.url, key);
  open.push(c);
  return c;
};

const FEEDBACK = `subscription($brandId: ID!, $filter: FeedbackFilter) {
  feedbackReceived(brandId: $brandId, filter: $filter) { id kind externalId audience { name } }
}`;
const ENGAGEMENT = `subscription($brandId: ID!) {
  engagementChanged(brandId: $brandId) { feedbackCount score window { from to } }
}`;
const RECORD_FEEDBACK = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`;

const recordFeedback = async (
  server: ServerProcess,
  key: string,
  brandId: string,
  input: Record<string, unknown>,
) => {
  const res = await server.gql(key, RECORD_FEEDBACK, {
    input: { brandId, receivedAt: new Date(Date.now() - 60_000).toISOString(), ...input },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.recordFeedback.id as string;
};

/** Waits for the subscription to be registered on the server (graphql-ws acks nothing). */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('subscriptions across two processes', () => {
  it('push a matching item written through the other process within 2 s, filtered like feedback(filter:)', async () => {
    const key = await t.key('live-filter');
    const brandId = await createBrand(t, key);
    const sub = connect(a, key).subscribe(FEEDBACK, { brandId, filter: { negative: true } });
    await settle();
    const started = Date.now();
    await recordFeedback(b, key, brandId, { kind: 'PRAISE', externalId: 'happy' });
    const id = await recordFeedback(b, key, brandId, { kind: 'COMPLAINT', externalId: 'sad' });
    await sub.until(() => sub.events.length > 0, 2000, 'the complaint');
    expect(sub.events[0].at - started).toBeLessThan(2000);
    expect(sub.events[0].feedbackReceived).toMatchObject({ id, kind: 'COMPLAINT', audience: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.events.map((e) => e.feedbackReceived.externalId)).toEqual(['sad']);
    expect(sub.errors).toEqual([]);
  });

  it('push an item once a change makes it match (a reply answers it)', async () => {
    const key = await t.key('live-starts-matching');
    const brandId = await createBrand(t, key);
    const sub = connect(a, key).subscribe(FEEDBACK, { brandId, filter: { unanswered: false } });
    await settle();
    const id = await recordFeedback(b, key, brandId, { kind: 'QUESTION', externalId: 'q' });
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.events).toEqual([]);
    const reply = await b.gql(
      key,
      `mutation($input: ActivityInput!) { recordActivity(input: $input) { id } }`,
      {
        input: {
          brandId,
          kind: 'REPLY',
          occurredAt: new Date().toISOString(),
          inReplyToFeedbackId: id,
        },
      },
    );
    expect(reply.body.errors).toBeUndefined();
    await sub.until(() => sub.events.length > 0, 2000, 'the answered item');
    expect(sub.events[0].feedbackReceived.id).toBe(id);
  });

  it('push the engagement report after a write, at most once a second', async () => {
    const key = await t.key('live-engagement');
    const brandId = await createBrand(t, key);
    const sub = connect(a, key).subscribe(ENGAGEMENT, { brandId });
    await settle();
    const started = Date.now();
    await recordFeedback(b, key, brandId, { kind: 'QUESTION' });
    await sub.until(() => sub.events.length > 0, 2000, 'the report');
    expect(sub.events[0].at - started).toBeLessThan(2000);
    expect(sub.events[0].engagementChanged.feedbackCount).toBe(1);
    const window = sub.events[0].engagementChanged.window;
    expect(Date.parse(window.to) - Date.parse(window.from)).toBe(30 * 86_400_000);
    // a burst of writes: pushes stay a second apart, and the last one has every item
    for (let i = 0; i < 8; i++) await recordFeedback(b, key, brandId, { kind: 'QUESTION' });
    await sub.until(
      () => sub.events.at(-1)?.engagementChanged.feedbackCount === 9,
      4000,
      'the settled report',
    );
    for (let i = 1; i < sub.events.length; i++)
      expect(sub.events[i].at - sub.events[i - 1].at).toBeGreaterThanOrEqual(900);
  });

  it('isolate workspaces and check scopes exactly as queries do', async () => {
    const owner = await t.key('live-owner');
    const brandId = await createBrand(t, owner);
    const stranger = connect(a, await t.key('live-stranger')).subscribe(FEEDBACK, { brandId });
    const writeOnly = connect(a, await t.key('live-owner', [ApiKeyScope.WRITE])).subscribe(
      FEEDBACK,
      { brandId },
    );
    await stranger.until(() => stranger.errors.length > 0, 3000, 'NOT_FOUND');
    await writeOnly.until(() => writeOnly.errors.length > 0, 3000, 'FORBIDDEN');
    expect(stranger.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(writeOnly.errors[0].extensions.code).toBe('FORBIDDEN');
    const query = await a.gql(await t.key('live-stranger'), `{ brand(id: "${brandId}") { id } }`);
    expect(query.body.data.brand).toBeNull();
  });

  it('close without a key (4401) and with an unknown one (4403)', async () => {
    expect(await connect(a, null).closed).toBe(4401);
    expect(await connect(a, 'rk_not_a_key_at_all_0123456789').closed).toBe(4403);
  });

  it('apply the query limits and cost to a subscription', async () => {
    const key = await t.key('live-limits');
    const brandId = await createBrand(t, key);
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const sub = connect(a, key).subscribe(
      `subscription($brandId: ID!) { feedbackReceived(brandId: $brandId) { ${aliases} } }`,
      { brandId },
    );
    await sub.until(() => sub.errors.length > 0, 3000, 'QUERY_TOO_COMPLEX');
    expect(sub.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    const bad = connect(a, key).subscribe(FEEDBACK, { brandId, filter: { nope: true } });
    await bad.until(() => bad.errors.length > 0, 3000, 'BAD_USER_INPUT');
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('hold at most MAX_SUBSCRIPTIONS_PER_KEY at once per key', async () => {
    const key = await t.key('live-max');
    const brandId = await createBrand(t, key);
    const c = connect(a, key);
    const subs = [1, 2, 3].map(() => c.subscribe(FEEDBACK, { brandId }));
    await settle();
    const fourth = c.subscribe(FEEDBACK, { brandId });
    await fourth.until(() => fourth.errors.length > 0, 3000, 'the refusal');
    expect(fourth.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', max: 3 });
    subs[0].stop();
    await settle();
    const again = c.subscribe(FEEDBACK, { brandId });
    await settle();
    await recordFeedback(b, key, brandId, { kind: 'QUESTION' });
    await again.until(() => again.events.length > 0, 2000, 'an event on the freed slot');
    expect(again.errors).toEqual([]);
  });

  it('resynchronise after the listener connection is lost: no write is missed', async () => {
    const key = await t.key('live-resync');
    const brandId = await createBrand(t, key);
    const sub = connect(a, key).subscribe(FEEDBACK, { brandId });
    await settle();
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'rapport-listener' AND datname = current_database()`,
    );
    const id = await recordFeedback(b, key, brandId, { kind: 'QUESTION', externalId: 'gap' });
    await sub.until(() => sub.events.some((e) => e.feedbackReceived.id === id), 5000, 'the item');
  });
});

it('measures push latency over 100 writes (logged)', async () => {
  const key = await t.key('live-latency');
  const brandId = await createBrand(t, key);
  const sub = connect(a, key).subscribe(FEEDBACK, { brandId });
  await settle();
  const latencies: number[] = [];
  for (let i = 0; i < 100; i++) {
    const before = sub.events.length;
    await recordFeedback(b, key, brandId, { kind: 'QUESTION' });
    const committed = Date.now();
    await sub.until(() => sub.events.length > before, 2000, `push ${i}`);
    latencies.push(sub.events[before].at - committed);
  }
  latencies.sort((x, y) => x - y);
  const p50 = latencies[49];
  const p95 = latencies[94];
  process.stdout.write(`push latency after commit over 100 writes: p50 ${p50} ms, p95 ${p95} ms\n`);
  expect(p95).toBeLessThan(2000);
}, 60_000);

it('closes subscriptions with 1001 on a graceful shutdown', async () => {
  const key = await t.key('live-shutdown');
  const c = connect(b, key);
  c.subscribe(FEEDBACK, { brandId: await createBrand(t, key) });
  await settle();
  await b.stop();
  expect(await c.closed).toBe(1001);
});
