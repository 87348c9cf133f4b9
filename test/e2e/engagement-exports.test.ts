import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { COMPONENT_NAMES, ROW_COLUMNS } from '../../src/modules/bi/engagement-row-columns';
import { TestApp } from '../support/test-app';
import { createAudience, createBrand, record } from '../factories/interactions';
import { seedBiHistory } from '../support/bi-history';

/**
 * engagementRows walks the rollups as flat rows; the exports stream the same
 * rows. Random histories in two time zones, with items without an audience.
 */
const ROW_FIELDS = ROW_COLUMNS.join(' ');
const ROWS = `query($f: EngagementRowFilter!, $first: Int, $after: String) {
  engagementRows(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ROW_FIELDS} } } } }`;

let t: TestApp;
let key: string;
const brands: { id: string; zone: string }[] = [];
beforeAll(async () => {
  t = await TestApp.start({ rateLimitPoints: 10_000_000, rateLimitRefillPerSecond: 10_000_000 });
  key = await t.key('bi');
  brands.push(...(await seedBiHistory(t, key)));
});
afterAll(() => t.close());

async function allRows(filter: Record<string, unknown>, first: number) {
  const rows: Record<string, any>[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; ; pages++) {
    const data: any = await t.ok(key, ROWS, { f: filter, first, after });
    total = data.engagementRows.totalCount;
    rows.push(...data.engagementRows.edges.map((e: any) => e.node));
    if (!data.engagementRows.pageInfo.hasNextPage) return { rows, total, pages: pages + 1 };
    after = data.engagementRows.pageInfo.endCursor;
  }
}

/** Local midnights of a brand's zone, as instants (via PostgreSQL). */

describe('exports', () => {
  const query = '?from=2023-12-01T00:00:00Z&to=2024-03-01T00:00:00Z&granularity=WEEK';

  const graphqlRows = async () =>
    (
      await allRows(
        {
          window: { from: '2023-12-01T00:00:00Z', to: '2024-03-01T00:00:00Z' },
          granularity: 'WEEK',
        },
        1000,
      )
    ).rows;

  it('CSV: the same rows as engagementRows, with a header', async () => {
    const res = await request(t.http)
      .get(`/export/engagement.csv${query}`)
      .set('authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const records: Record<string, string>[] = parse(res.text, { columns: true });
    expect(Object.keys(records[0]!)).toEqual(ROW_COLUMNS);
    const expected = await graphqlRows();
    expect(records).toHaveLength(expected.length);
    records.forEach((rec, i) => {
      const row = expected[i]!;
      for (const column of ROW_COLUMNS) {
        const value = row[column];
        if (typeof value === 'number') expect(Number(rec[column])).toBeCloseTo(value, 9);
        else expect(rec[column]).toBe(value === null ? '' : String(value));
      }
    });
  });

  it('JSON Lines: the same rows as engagementRows, one object a line', async () => {
    const res = await request(t.http)
      .get(`/export/engagement.jsonl${query}&brandId=${brands[1]!.id}`)
      .set('authorization', `Bearer ${key}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    const lines = (res.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = (await graphqlRows()).filter((r) => r.brandId === brands[1]!.id);
    expect(lines).toEqual(expected);
    expect(Object.keys(lines[0]!)).toEqual(ROW_COLUMNS);
    expect(COMPONENT_NAMES.length).toBe(13);
  });

  it('refuses a missing key, a read-less key and bad parameters with a JSON error', async () => {
    const noKey = await request(t.http).get(`/export/engagement.csv${query}`);
    expect(noKey.status).toBe(401);
    expect(noKey.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const writer = await t.key('bi', ['WRITE'] as never);
    const forbidden = await request(t.http)
      .get(`/export/engagement.csv${query}`)
      .set('authorization', `Bearer ${writer}`);
    expect(forbidden.status).toBe(403);
    const bad = await request(t.http)
      .get('/export/engagement.csv?from=yesterday&granularity=HOUR&limit=5')
      .set('authorization', `Bearer ${key}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].extensions.problems.map((p: any) => p.field).sort()).toEqual([
      'from',
      'granularity',
      'limit',
      'to',
    ]);
    // ISO-8601 with an offset only, as the DateTime scalar reads it: `1` is not the year 2001
    for (const [from, to] of [
      ['1', '2'],
      ['2024-01-01', '2024-02-01'],
      ['2024-01-01T00:00:00', '2024-02-01T00:00:00'],
    ]) {
      const loose = await request(t.http)
        .get(`/export/engagement.csv?from=${from}&to=${to}`)
        .set('authorization', `Bearer ${key}`);
      expect(loose.status).toBe(400);
      expect(loose.body.errors[0].extensions.problems.map((p: any) => p.field).sort()).toEqual([
        'from',
        'to',
      ]);
    }
    const offset = await request(t.http)
      .get('/export/engagement.csv?from=2024-01-01T09:00:00%2B09:00&to=2024-01-08T00:00:00Z')
      .set('authorization', `Bearer ${key}`);
    expect(offset.status).toBe(200);
    const badId = await request(t.http)
      .get(`/export/engagement.csv${query}&brandId=nope`)
      .set('authorization', `Bearer ${key}`);
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body)).not.toMatch(/select|stack/i);
    const foreign = await request(t.http)
      .get(`/export/engagement.csv${query}&brandId=00000000-0000-4000-8000-000000000002`)
      .set('authorization', `Bearer ${key}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('CSV and spreadsheet formulas', () => {
  it('exports names that look like formulas as text, numbers as numbers', async () => {
    const formulas = await t.key('bi-formulas');
    const brandId = await createBrand(t, formulas, {
      name: '=HYPERLINK("http://evil.example","x")',
    });
    const audienceId = await createAudience(t, formulas, brandId, '@SUM(A1:A9)');
    await record(
      t,
      formulas,
      brandId,
      [{ kind: 'POST', occurredAt: '2024-01-02T10:00:00Z', audienceId }],
      [{ kind: 'COMMENT', receivedAt: '2024-01-02T09:00:00Z', audienceId }],
    );
    const res = await request(t.http)
      .get('/export/engagement.csv?from=2024-01-01T00:00:00Z&to=2024-01-08T00:00:00Z')
      .set('authorization', `Bearer ${formulas}`);
    expect(res.status).toBe(200);
    const [row] = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(row!.brandName).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row!.audienceName).toBe(`'@SUM(A1:A9)`);
    expect(row!.feedbackCount).toBe('1');
    expect(Number(row!.score)).not.toBeNaN();
  });
});

describe('the BI connector configuration in docs/bi-connector.json', () => {
  it('pages through every row as a generic cursor-paginated GraphQL source would', async () => {
    const config = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', 'docs', 'bi-connector.json'), 'utf8'),
    );
    const at = (value: any, dotted: string) => dotted.split('.').reduce((v, k) => v?.[k], value);
    const variables = {
      ...config.variables,
      filter: {
        ...config.variables.filter,
        window: { from: '2023-12-01T00:00:00Z', to: '2024-03-01T00:00:00Z' },
      },
      [config.pagination.pageSizeVariable]: 9, // small pages: many round trips
    };
    const rows: any[] = [];
    for (let page = 0; page < 1000; page++) {
      const res = await request(t.http)
        .post(new URL(config.endpoint).pathname)
        .set('authorization', config.headers.Authorization.replace('${RAPPORT_API_KEY}', key))
        .set('content-type', config.headers['Content-Type'])
        .send({ query: config.query, variables });
      expect(res.status).toBe(200);
      rows.push(...at(res.body, config.rowsPath));
      if (!at(res.body, config.pagination.hasNextPagePath)) break;
      variables[config.pagination.cursorVariable] = at(res.body, config.pagination.nextCursorPath);
    }
    const { rows: expected } = await allRows(
      { window: variables.filter.window, granularity: 'WEEK' },
      1000,
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0])).toEqual(config.columns);
  });
});
