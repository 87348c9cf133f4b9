import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('acme');
});
afterAll(() => t.close());

const REPORT = `query($b: ID!, $w: WindowInput!, $a: ID) {
  engagement(brandId: $b, window: $w, audienceId: $a) {
    brandId score stage mixAlignment activityCount feedbackCount algorithmVersion
    weights { listening processing interacting broadcasting }
    responseTime { respondedCount medianMinutes p90Minutes }
    phases { phase score applicable weight contribution activityShare targetShare
             components { name weight applicable value numerator denominator } }
  }
}`;

const WINDOW = { from: '2024-01-01T00:00:00Z', to: '2024-01-15T00:00:00Z' }; // exactly 2 weeks

describe('window rules and errors', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = await createBrand(t, key);
  });

  it.each([
    ['from = to', { from: '2024-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }],
    ['from after to', { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }],
    [
      '3,661 days',
      {
        from: '2014-01-01T00:00:00Z',
        to: new Date(Date.UTC(2014, 0, 1) + 3661 * 86_400_000).toISOString(),
      },
    ],
  ])('rejects %s with BAD_USER_INPUT', async (_case, w) => {
    const res = await t.gql(key, REPORT, { b: brandId, w });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts exactly 3,660 days', async () => {
    const from = new Date('2014-01-01T00:00:00Z');
    const to = new Date(from.getTime() + 3660 * 86_400_000);
    await t.ok(key, REPORT, { b: brandId, w: { from: from.toISOString(), to: to.toISOString() } });
  });

  it('answers NOT_FOUND for an unknown brand or an audience of another brand', async () => {
    const other = await createBrand(t, key);
    const foreignAudience = await createAudience(t, key, other);
    for (const vars of [
      { b: '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5', w: WINDOW },
      { b: brandId, w: WINDOW, a: foreignAudience },
      { b: brandId, w: WINDOW, a: 'nope' },
    ]) {
      const res = await t.gql(key, REPORT, vars);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it("answers NOT_FOUND for another workspace's brand", async () => {
    const stranger = await t.key('globex');
    const res = await t.gql(stranger, REPORT, { b: brandId, w: WINDOW });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('workspace weights', () => {
  it('are validated, used by every report, stated in it, and resettable', async () => {
    const ws = await t.key('weighted');
    const brandId = await createBrand(t, ws);
    await record(t, ws, brandId, [{ kind: 'SURVEY', occurredAt: '2024-01-02T00:00:00Z' }]);
    const bad = await t.gql(
      ws,
      'mutation { setPhaseWeights(weights: { listening: 0.5, processing: 0.5, interacting: 0.5, broadcasting: 0 }) { listening } }',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await t.ok(
      ws,
      'mutation { setPhaseWeights(weights: { listening: 1, processing: 0, interacting: 0, broadcasting: 0 }) { listening } }',
    );
    const r = (await t.ok(ws, REPORT, { b: brandId, w: WINDOW })).engagement;
    expect(r.weights).toEqual({ listening: 1, processing: 0, interacting: 0, broadcasting: 0 });
    expect(r.score).toBeCloseTo(r.phases[0].score, 9);
    expect(r.phases[0].targetShare).toBe(1);
    // another workspace keeps the default
    const other = (await t.ok(key, '{ viewer { workspace { phaseWeights { listening } } } }'))
      .viewer.workspace.phaseWeights;
    expect(other.listening).toBe(0.3);
    await t.ok(ws, 'mutation { setPhaseWeights(weights: null) { listening } }');
    expect((await t.ok(ws, REPORT, { b: brandId, w: WINDOW })).engagement.weights.listening).toBe(
      0.3,
    );
  });

  it('are an admin matter', async () => {
    const writer = await t.key('weighted', ['READ', 'WRITE'] as never);
    const res = await t.gql(writer, 'mutation { setPhaseWeights(weights: null) { listening } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const TEN_WEEKS = { from: '2024-01-01T00:00:00Z', to: '2024-03-11T00:00:00Z' };

describe('brands with scores', () => {
  it('ranks brands by score, paged, and shows Brand.engagement on a list', async () => {
    const ws = await t.key('ranking');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createBrand(t, ws, { name: `R${i}` });
      ids.push(id);
      // i surveys in 10 weeks: listening cadence i/10, score 3·i
      const surveys = Array.from({ length: i }, () => ({
        kind: 'SURVEY',
        occurredAt: '2024-01-03T00:00:00Z',
      }));
      if (surveys.length) await record(t, ws, id, surveys);
    }
    const seen: { name: string; score: number }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const data: any = await t.ok(
        ws,
        `query($w: WindowInput!, $after: String) {
           brands(first: 2, after: $after, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
             totalCount pageInfo { hasNextPage endCursor }
             nodes { name engagement(window: $w) { score } } } }`,
        { w: TEN_WEEKS, after },
      );
      expect(data.brands.totalCount).toBe(5);
      seen.push(
        ...data.brands.nodes.map((n: any) => ({ name: n.name, score: n.engagement.score })),
      );
      if (!data.brands.pageInfo.hasNextPage) break;
      after = data.brands.pageInfo.endCursor;
    }
    expect(seen.map((s) => s.name)).toEqual(['R4', 'R3', 'R2', 'R1', 'R0']);
    seen.forEach((s, i) => expect(s.score).toBeCloseTo(3 * (4 - i), 9));
  });

  it('requires a window to order by score', async () => {
    const res = await t.gql(key, '{ brands(orderBy: { field: ENGAGEMENT_SCORE }) { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
