import { STAGE_PREPARE } from '../../src/modules/ingestion/interaction-stage';
import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';

/**
 * Citus-ready, proven on the live schema: fact tables (every table with a
 * brand_id column) keep brand_id in their primary key, in every unique key
 * and on both sides of every foreign key between them; and every statement
 * the read models and writers send constrains each fact table it reads by
 * brand_id (planned by PostgreSQL, so aliases, CTEs and laterals are seen
 * through). See docs/scaling.md.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

/**
 * Workspace-level tables that name a brand but are not facts of it: webhook
 * endpoints (an optional brand filter), their outbox and the stage each
 * brand was last seen in. Small and keyed by workspace, they stay local to
 * the coordinator under Citus (docs/scaling.md), so they are not distributed.
 */
const WORKSPACE_TABLES = ['webhook_outbox', 'webhook_stages', 'webhooks'];

async function factTables(): Promise<string[]> {
  const rows = await t.sql<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'brand_id' AND NOT a.attisdropped)
        AND c.relname <> ALL ($1::text[])
      ORDER BY 1`,
    [WORKSPACE_TABLES],
  );
  return rows.map((r) => r.table);
}

describe('the schema is ready to distribute by brand_id', () => {
  it('has the expected fact tables', async () => {
    expect(await factTables()).toEqual([
      'activities',
      'audiences',
      'engagement_daily',
      'engagement_monthly',
      'feedback',
    ]);
  });

  it('keeps brand_id in every primary and unique key of a fact table', async () => {
    const keys = await t.sql<{ table: string; name: string; columns: string[] }>(
      `SELECT c.relname AS table, i.relname AS name,
              array(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a
                      ON a.attrelid = x.indrelid AND a.attnum = k) AS columns
         FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND x.indisunique AND c.relname = ANY($1::text[])`,
      [await factTables()],
    );
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const missing = keys.filter((k) => !k.columns.includes('brand_id'));
    expect(missing).toEqual([]);
  });

  it('joins fact tables by foreign keys that pair brand_id with brand_id', async () => {
    const facts = await factTables();
    const fks = await t.sql<{ name: string; from: string; to: string; pairs: string[] }>(
      `SELECT con.conname AS name, src.relname AS from, dst.relname AS to,
              array(SELECT sa.attname || '=' || da.attname
                      FROM unnest(con.conkey, con.confkey) AS k(s, d)
                      JOIN pg_attribute sa ON sa.attrelid = con.conrelid AND sa.attnum = k.s
                      JOIN pg_attribute da ON da.attrelid = con.confrelid AND da.attnum = k.d) AS pairs
         FROM pg_constraint con
         JOIN pg_class src ON src.oid = con.conrelid JOIN pg_class dst ON dst.oid = con.confrelid
        WHERE con.contype = 'f' AND src.relname = ANY($1::text[])`,
      [facts],
    );
    const between = fks.filter((fk) => facts.includes(fk.to));
    expect(between.length).toBeGreaterThanOrEqual(4);
    expect(between.filter((fk) => !fk.pairs.includes('brand_id=brand_id'))).toEqual([]);
    // the others point at brands (a reference table, or distributed by id), keyed by brand_id
    const others = fks.filter((fk) => !facts.includes(fk.to));
    expect(others.filter((fk) => fk.to !== 'brands' || !fk.pairs.includes('brand_id=id'))).toEqual(
      [],
    );
  });

  it('constrains every fact table by brand_id in every statement of the read models and writers', async () => {
    const key = await t.key('citus');
    const brandId = await createBrand(t, key, { timezone: 'Europe/Paris' });
    const audienceId = await createAudience(t, key, brandId);
    const window = { from: '2024-01-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
    t.statements.recording = true;
    await record(
      t,
      key,
      brandId,
      [
        {
          kind: 'REPLY',
          occurredAt: '2024-01-02T10:00:00Z',
          inReplyToFeedbackExternalId: 'q1',
          externalId: 'r1',
        },
        {
          kind: 'POST',
          occurredAt: '2024-01-03T10:00:00Z',
          audienceId,
          reach: 10,
          externalId: 'p1',
        },
      ],
      [
        { kind: 'QUESTION', receivedAt: '2024-01-02T09:00:00Z', externalId: 'q1', audienceId },
        {
          kind: 'COMMENT',
          receivedAt: '2024-01-03T11:00:00Z',
          inReplyToActivityExternalId: 'p1',
          externalId: 'c1',
        },
      ],
    );
    const [{ id: feedbackId }] = await t.sql<{ id: string }>(
      `SELECT id FROM feedback WHERE brand_id = $1 AND external_id = 'c1'`,
      [brandId],
    );
    await t.ok(key, 'mutation($id: ID!) { setFeedbackOutcome(id: $id, outcome: ADOPTED) { id } }', {
      id: feedbackId,
    });
    await t.ok(
      key,
      `query($b: ID!, $a: ID!, $w: WindowInput!) {
        engagement(brandId: $b, window: $w) { score }
        audience: engagement(brandId: $b, window: $w, audienceId: $a) { score }
        engagementSeries(brandId: $b, window: $w, granularity: WEEK) { score }
        classification(brandId: $b, window: $w) { model }
        classificationSeries(brandId: $b, window: $w, granularity: MONTH) { model }
        brands(first: 5, orderBy: { field: ENGAGEMENT_SCORE, direction: DESC, window: $w }) {
          edges { node { audiences { id } engagement(window: $w) { score } classification(window: $w) { model } } } }
        workspaceOverview(window: $w) { brandCount }
        engagementRows(filter: { window: $w, granularity: WEEK }, first: 5) { totalCount nodes { score } }
        activities(brandId: $b, first: 5) { edges { node { id } } }
        feedback(brandId: $b, first: 5) { edges { node { id } } }
      }`,
      { b: brandId, a: audienceId, w: window },
    );
    await t.ok(key, 'mutation($id: ID!) { deleteFeedback(id: $id) }', { id: feedbackId });
    await t.ok(
      key,
      'mutation($id: ID!) { updateBrand(id: $id, input: { timezone: "UTC" }) { id } }',
      {
        id: brandId,
      },
    );
    t.statements.recording = false;

    const facts = await factTables();
    const touching = t.statements.recorded.filter(
      (s) => !s.text.includes(';') && facts.some((f) => new RegExp(`\\b${f}\\b`).test(s.text)),
    );
    expect(touching.length).toBeGreaterThan(20);
    const unconstrained: string[] = [];
    const fanOut: string[] = [];
    // ingestion's merge reads its session's TEMP staging tables: plan in a session that has them
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(STAGE_PREPARE);
    for (const statement of touching) {
      const [{ 'QUERY PLAN': plan }] = (await runner.query(
        `EXPLAIN (FORMAT JSON) ${statement.text}`,
        statement.params,
      )) as { 'QUERY PLAN': any[] }[];
      const scans = factScans(plan[0].Plan, [], facts);
      const loose = scans.filter((scan) => !/\bbrand_id\b/.test(scan.conditions));
      // a join of fact tables must be co-located: every side keyed by brand_id
      if (scans.length >= 2 && loose.length)
        unconstrained.push(
          `${loose.map((s) => s.table).join(', ')}: ${statement.text.slice(0, 160)}`,
        );
      // a lookup of one row by its global id (mutations that take only an id) fans out to every shard
      else if (loose.length) fanOut.push(loose[0]!.table);
    }
    await runner.rollbackTransaction();
    await runner.release();
    expect(fanOut.every((table) => ['feedback', 'activities'].includes(table))).toBe(true);
    expect(unconstrained).toEqual([]);
  });
});

const CONDITIONS = [
  'Index Cond',
  'Recheck Cond',
  'Filter',
  'Hash Cond',
  'Merge Cond',
  'Join Filter',
  'One-Time Filter',
];

/** Every scan of a fact table in a plan, with the conditions that constrain it (its own and its joins'). */
function factScans(
  node: any,
  inherited: string[],
  facts: string[],
): { table: string; conditions: string }[] {
  const own = CONDITIONS.map((c) => node[c]).filter(Boolean) as string[];
  const here = [...inherited, ...own];
  // an INSERT/UPDATE/DELETE node names its target, which its subplan scans (or which gets a brand_id value)
  const scan = facts.includes(node['Relation Name']) && node['Node Type'] !== 'ModifyTable';
  const found = scan
    ? [{ table: node['Relation Name'] as string, conditions: here.join(' ') }]
    : [];
  const children = (node.Plans ?? []) as any[];
  // join conditions apply to both sides; a bitmap heap scan's index lies below it
  return [...found, ...children.flatMap((child) => factScans(child, scan ? own : here, facts))];
}
