import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { IMPORT_FORMATS } from '../../src/modules/import/import-formats';
import { Importer, type ImportSummary } from '../../src/modules/import/importer';
import { bankFiguresTable, readmeFiguresTable } from '../../src/scripts/readme-bank-figures';
import {
  TWITTER_WINDOW,
  twitterFigures,
  twitterFiguresTable,
} from '../../src/scripts/readme-twitter-figures';
import { ApiKeyScope } from '../../src/shared/vocabulary';
import { TestApp } from '../support/test-app';

jest.setTimeout(120_000); // the full shared files: about 5 s alone, more beside other suites

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

/** The shared datasets sit beside the clone (../shared/data), as in CI. */
const SHARED =
  process.env.SHARED_DATA_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'data');
if (!existsSync(SHARED)) {
  throw new Error(
    `the shared datasets are not at ${SHARED}: clone beside ../shared or set SHARED_DATA_DIR`,
  );
}

async function importFile(
  workspace: string,
  format: string,
  file: string,
  batchSize?: number,
): Promise<ImportSummary> {
  const key = await t.key(workspace);
  const workspaceId = (await t.ok(key, '{ viewer { workspace { id } } }')).viewer.workspace.id;
  return new Importer(t.dataSource, t.app.services, workspaceId, { batchSize }).run(
    IMPORT_FORMATS[format]!(file),
  );
}

async function brandStats(workspace: string) {
  return t.sql<Record<string, string | number>>(
    `SELECT b.slug, b.name, b.timezone,
            (SELECT count(*)::int FROM activities a WHERE a.brand_id = b.id) AS activities,
            (SELECT count(*)::int FROM activities a WHERE a.brand_id = b.id AND a.kind = 'REPLY') AS replies,
            (SELECT count(*)::int FROM activities a WHERE a.brand_id = b.id AND a.in_reply_to_feedback_id IS NOT NULL) AS linked_replies,
            (SELECT count(*)::int FROM feedback f WHERE f.brand_id = b.id) AS feedback,
            (SELECT count(*)::int FROM feedback f WHERE f.brand_id = b.id AND f.kind = 'QUESTION') AS questions,
            (SELECT count(*)::int FROM feedback f WHERE f.brand_id = b.id AND f.first_response_at IS NOT NULL) AS answered,
            (SELECT count(*)::int FROM feedback f WHERE f.brand_id = b.id AND f.in_reply_to_activity_id IS NOT NULL) AS replying
       FROM brands b JOIN workspaces w ON w.id = b.workspace_id WHERE w.name = $1 ORDER BY b.slug`,
    [workspace],
  );
}

describe('lines without externalId', () => {
  it('get an id derived from their content: a second import inserts nothing, identical lines stay two', async () => {
    const key = await t.key('derived-ids');
    await t.ok(key, 'mutation { createBrand(input: { name: "Beta", slug: "beta" }) { id } }');
    const comment = JSON.stringify({
      type: 'feedback',
      brand: 'beta',
      kind: 'COMMENT',
      receivedAt: '2024-02-01T10:00:00Z',
      text: 'same words twice',
    });
    const lines = [
      comment,
      JSON.stringify({
        type: 'activity',
        brand: 'beta',
        kind: 'POST',
        occurredAt: '2024-02-01T09:00:00Z',
      }),
      comment,
    ];
    const file = path.join(os.tmpdir(), `rapport-import-${process.pid}-derived.ndjson`);
    writeFileSync(file, lines.join('\n') + '\n');
    const first = await importFile('derived-ids', 'ndjson', file);
    expect(first.brands.map((b) => [b.inserted, b.rejected])).toEqual([[3, 0]]);
    const snapshot = await t.snapshot();
    const again = await importFile('derived-ids', 'ndjson', file);
    expect(again.brands.map((b) => [b.inserted, b.updated, b.unchanged])).toEqual([[0, 0, 3]]);
    expect(await t.snapshot()).toBe(snapshot);
    // one more line in front moves every line: what was imported is still recognised
    const extra = JSON.stringify({
      type: 'activity',
      brand: 'beta',
      kind: 'POST',
      occurredAt: '2024-02-02T09:00:00Z',
    });
    writeFileSync(file, [extra, ...lines].join('\n') + '\n');
    const moved = await importFile('derived-ids', 'ndjson', file);
    expect(moved.brands.map((b) => [b.inserted, b.updated, b.unchanged])).toEqual([[1, 0, 3]]);
    const rows = await t.sql<{ external_id: string }>(
      `SELECT external_id FROM feedback f JOIN brands b ON b.id = f.brand_id WHERE b.slug = 'beta' ORDER BY external_id`,
    );
    expect(rows.map((r) => r.external_id)).toEqual([
      expect.stringMatching(/^line-[0-9a-f]{24}-1$/),
      expect.stringMatching(/^line-[0-9a-f]{24}-2$/),
    ]);
  });
});

describe('the full shared datasets', () => {
  const parseCsv = (file: string) =>
    parse(readFileSync(path.join(SHARED, file)), { columns: true, bom: true }) as Record<
      string,
      string
    >[];

  it('imports every review and reply, counted independently from the CSV; a second import changes nothing', async () => {
    const rows = parseCsv('google-play-bank-reviews.csv');
    const first = await importFile(
      'shared-play',
      'play-reviews',
      path.join(SHARED, 'google-play-bank-reviews.csv'),
    );
    const stats = await brandStats('shared-play');
    const banks = [...new Set(rows.map((r) => r.bank!))];
    expect(stats).toHaveLength(banks.length);
    for (const bank of banks) {
      const mine = rows.filter((r) => r.bank === bank);
      const replied = mine.filter((r) => r.replyContent!.trim() !== '').length;
      expect(stats.find((s) => s.name === bank)).toMatchObject({
        feedback: mine.length,
        replies: replied,
        linked_replies: replied,
        answered: replied,
      });
    }
    expect(first.brands.reduce((n, b) => n + b.inserted, 0)).toBe(
      rows.length + rows.filter((r) => r.replyContent!.trim()).length,
    );
    const snapshot = await t.snapshot();
    const second = await importFile(
      'shared-play',
      'play-reviews',
      path.join(SHARED, 'google-play-bank-reviews.csv'),
    );
    expect(second.brands.reduce((n, b) => n + b.inserted + b.updated + b.rejected, 0)).toBe(0);
    expect(await t.snapshot()).toBe(snapshot);
  });

  it("gives the README's bank table (npm run docs:figures computes it the same way)", async () => {
    if ((await brandStats('shared-play')).length === 0)
      await importFile(
        'shared-play',
        'play-reviews',
        path.join(SHARED, 'google-play-bank-reviews.csv'),
      );
    const key = await t.key('shared-play', [ApiKeyScope.READ]);
    const table = await bankFiguresTable((query, variables) => t.ok(key, query, variables));
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readmeFiguresTable(readme)).toBe(table);
    // the sentence under the table: Hana first and fastest, KB answers most, KakaoBank last
    const rows = table
      .split('\n')
      .slice(2)
      .map((r) => r.split(' | '));
    const hours = rows.map((r) => Number.parseFloat(r[4]!));
    const rates = rows.map((r) => Number.parseFloat(r[3]!));
    expect(rows[0]![0]).toContain('(hana-bank)');
    expect(hours[0]).toBe(Math.min(...hours));
    expect(rows[rates.indexOf(Math.max(...rates))]![0]).toContain('(kb-kookmin-bank)');
    expect(rows.at(-1)![0]).toContain('(kakaobank)');
  });

  it('imports every tweet it can map, counted independently from the CSV; a second import changes nothing', async () => {
    const rows = parseCsv('twcs-sample-5k.csv');
    const id = (raw: string) => raw.replace(/\.0$/, '');
    const byId = new Map(rows.map((r) => [r.tweet_id!, r]));
    const isBrand = (r: Record<string, string> | undefined) =>
      r !== undefined && r.inbound === 'False';
    const handles = new Set(rows.filter(isBrand).map((r) => r.author_id!.toLowerCase()));
    const brandTweets = rows.filter(isBrand);
    const customers = rows.filter((r) => r.inbound === 'True');
    const mapped = customers.filter(
      (r) =>
        isBrand(byId.get(id(r.in_response_to_tweet_id!))) ||
        r.response_tweet_id!.split(',').some((x) => isBrand(byId.get(x))) ||
        [...r.text!.matchAll(/@(\w{1,15})/g)].some((m) => handles.has(m[1]!.toLowerCase())),
    );

    const first = await importFile('shared-twcs', 'twcs', path.join(SHARED, 'twcs-sample-5k.csv'));
    const stats = await brandStats('shared-twcs');
    const total = (k: string) => stats.reduce((n, s) => n + Number(s[k]), 0);
    expect(stats).toHaveLength(handles.size);
    expect(total('activities')).toBe(brandTweets.length);
    expect(total('replies')).toBe(
      brandTweets.filter((r) => r.in_response_to_tweet_id !== '').length,
    );
    expect(total('feedback')).toBe(mapped.length);
    expect(first.unmapped.count).toBe(customers.length - mapped.length);
    expect(total('questions')).toBe(mapped.filter((r) => r.text!.includes('?')).length);

    const snapshot = await t.snapshot();
    const second = await importFile(
      'shared-twcs',
      'twcs',
      path.join(SHARED, 'twcs-sample-5k.csv'),
      250,
    );
    expect(second.brands.reduce((n, b) => n + b.inserted + b.updated + b.rejected, 0)).toBe(0);
    expect(await t.snapshot()).toBe(snapshot);
  });

  it("reads the tweets' text: negative feedback, concernsAddressed and an inbox per brand, and the README's Twitter table", async () => {
    if ((await brandStats('shared-twcs')).length === 0)
      await importFile('shared-twcs', 'twcs', path.join(SHARED, 'twcs-sample-5k.csv'));
    const key = await t.key('shared-twcs', [ApiKeyScope.READ]);
    const gql = (query: string, variables: Record<string, unknown>) => t.ok(key, query, variables);
    const brands = await twitterFigures(gql);
    // tweets are COMMENTs and QUESTIONs: every negative one was read from its text
    const [kinds] = await t.sql<{ complaints: number; inferred_negative: number }>(
      `SELECT count(*) FILTER (WHERE f.kind = 'COMPLAINT')::int AS complaints,
              count(*) FILTER (WHERE f.negative AND f.sentiment IS NULL)::int AS inferred_negative
         FROM feedback f JOIN workspaces w ON w.id = f.workspace_id WHERE w.name = 'shared-twcs'`,
    );
    const negative = brands.reduce((n, b) => n + b.negative, 0);
    expect(kinds!.complaints).toBe(0);
    expect(negative).toBe(kinds!.inferred_negative);
    expect(negative).toBeGreaterThan(500);
    const busy = brands.filter((b) => b.feedback >= 20);
    expect(busy.length).toBeGreaterThan(10);
    for (const b of busy) expect(b.concernsAddressed).not.toBeNull();
    // the inbox of the brand leaving most unhappy customers waiting lists exactly them
    const top = brands[0]!;
    expect(top.waiting).toBeGreaterThan(0);
    const inbox = await gql(
      `query ($id: ID!, $window: WindowInput!) {
         feedback(brandId: $id, filter: { negative: true, unanswered: true, window: $window }, first: 100) {
           totalCount nodes { negative firstResponseAt }
         }
       }`,
      { id: top.id, window: TWITTER_WINDOW },
    );
    expect(inbox.feedback.totalCount).toBe(top.waiting);
    expect(
      inbox.feedback.nodes.every(
        (f: { negative: boolean; firstResponseAt: string | null }) =>
          f.negative && f.firstResponseAt === null,
      ),
    ).toBe(true);
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readmeFiguresTable(readme, 'twitter')).toBe(await twitterFiguresTable(gql));
  });
});
