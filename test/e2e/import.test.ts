import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_FORMATS } from '../../src/modules/import/import-formats';
import { ImportFileError } from '../../src/modules/import/import-item';
import { Importer, type ImportSummary } from '../../src/modules/import/importer';
import { summaryText } from '../../src/modules/import/import-report';
import { TestApp } from '../support/test-app';

jest.setTimeout(120_000); // the full shared files: about 5 s alone, more beside other suites

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

const FIXTURES = path.join(__dirname, '..', 'fixtures');
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

describe('twcs fixture (20 tweets cut from the shared file)', () => {
  it('maps brands, replies, feedback and links as worked out by hand', async () => {
    const summary = await importFile('twcs-fixture', 'twcs', path.join(FIXTURES, 'twcs-20.csv'));
    expect(summary.unmapped.count).toBe(0);
    expect(await brandStats('twcs-fixture')).toEqual([
      // tweets 21, 25, 27 answer 24 (not in the file), 22, 26; customers 22 and 26 reply to 21 and 25; 22 and 26 ask
      {
        slug: 'ask-spectrum',
        name: 'Ask_Spectrum',
        timezone: 'UTC',
        activities: 3,
        replies: 3,
        linked_replies: 2,
        feedback: 2,
        questions: 2,
        answered: 2,
        replying: 2,
      },
      // 7 brand tweets, each answering a customer tweet of the file; 8 customer tweets (2, 3, 5, 8, 12, 16, 18, 20):
      // all but 2 answered; 2, 3, 5, 12, 16 reply to brand tweets; only 12 has a '?'
      {
        slug: 'sprintcare',
        name: 'sprintcare',
        timezone: 'UTC',
        activities: 7,
        replies: 7,
        linked_replies: 7,
        feedback: 8,
        questions: 1,
        answered: 7,
        replying: 5,
      },
    ]);
    const [tweet3] = await t.sql<{ first_response_at: Date; text: string; author_ref: string }>(
      "SELECT first_response_at, text, author_ref FROM feedback WHERE external_id = '3'",
    );
    expect(tweet3!.first_response_at.toISOString()).toBe('2017-10-31T22:10:47.000Z'); // tweet 1
    expect(tweet3!.author_ref).toBe('115712');
    expect(tweet3!.text).toContain('I have sent several private messages');
    expect(summary.brands.map((b) => [b.slug, b.inserted])).toEqual([
      ['ask-spectrum', 5],
      ['sprintcare', 15],
    ]);
  });

  it('gives every brand a Twitter audience holding its items', async () => {
    const rows = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback f JOIN audiences a ON a.brand_id = f.brand_id AND a.id = f.audience_id
        WHERE a.name = 'Twitter' AND a.channel = 'TWITTER' AND f.external_id IN ('2', '22')`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});

describe('play-reviews fixture (12 reviews of 3 banks)', () => {
  it('maps each bank to a brand, reviews to REVIEW feedback and replies to linked REPLYs', async () => {
    const summary = await importFile(
      'play-fixture',
      'play-reviews',
      path.join(FIXTURES, 'play-12.csv'),
    );
    expect(summary.brands.map((b) => [b.slug, b.inserted, b.rejected])).toEqual([
      ['kakaobank', 6, 0],
      ['shinhan-bank', 6, 0],
      ['toss', 6, 0],
    ]);
    const stats = await brandStats('play-fixture');
    for (const s of stats)
      expect(s).toMatchObject({
        timezone: 'Asia/Seoul',
        activities: 2,
        replies: 2,
        linked_replies: 2,
        feedback: 4,
        answered: 2,
      });
    expect(stats.map((s) => s.name)).toEqual(['카카오뱅크', '신한은행', '토스']);
    const sentiments = await t.sql<{ sentiment: number }>(
      `SELECT f.sentiment FROM feedback f JOIN brands b ON b.id = f.brand_id WHERE b.slug = 'shinhan-bank' AND f.kind = 'REVIEW' ORDER BY f.received_at DESC`,
    );
    // scores 1, 2, 4, 2 (newest first) → (score − 3) / 2
    expect(sentiments.map((s) => s.sentiment)).toEqual([-1, -0.5, 0.5, -0.5]);
    // a reply stamped before its review (real data): the negative delay is kept as it is
    const [early] = await t.sql<{ received_at: Date; first_response_at: Date }>(
      `SELECT received_at, first_response_at FROM feedback WHERE external_id LIKE 'a6d92b0c%'`,
    );
    expect(early!.first_response_at.getTime()).toBeLessThan(early!.received_at.getTime());
  });
});

describe('bad files', () => {
  const tmp = (name: string, content: string) => {
    const file = path.join(os.tmpdir(), `rapport-import-${process.pid}-${name}`);
    writeFileSync(file, content);
    return file;
  };
  const header = readFileSync(path.join(FIXTURES, 'play-12.csv'), 'utf8').split('\n')[0]!;

  it.each([
    [
      'a missing column',
      'play-reviews',
      'reviewId,userName,content,score\nx,y,z,1\n',
      /missing column\(s\) at, replyContent, repliedAt, bank/,
    ],
    [
      'a semicolon-separated file',
      'play-reviews',
      header.replaceAll(',', ';') + '\n',
      /not comma-separated/,
    ],
    ['an empty file', 'twcs', '', /empty/],
    ['a file that does not exist', 'ndjson', null, /no such file/],
  ])('refuses %s before writing anything', async (_case, format, content, message) => {
    const before = await t.counts();
    const file =
      content === null ? '/nonexistent/file.ndjson' : tmp(`${format}-${content.length}`, content);
    await expect(importFile('bad-files', format, file)).rejects.toThrow(ImportFileError);
    await expect(importFile('bad-files', format, file)).rejects.toThrow(message);
    const after = await t.counts();
    expect({ ...after, api_keys: 0, workspaces: 0 }).toEqual({
      ...before,
      api_keys: 0,
      workspaces: 0,
    });
  });

  it('reports an unparseable date with its line number and imports the rest', async () => {
    const lines = readFileSync(path.join(FIXTURES, 'play-12.csv'), 'utf8').trimEnd().split('\n');
    // lines are 1-based with the header as line 1; break the date of the first data row
    lines[1] = lines[1]!.replace('2024-07-27 19:33:32', '27/07/2024 19:33');
    const summary = await importFile(
      'bad-dates',
      'play-reviews',
      tmp('dates.csv', lines.join('\n') + '\n'),
    );
    const shinhan = summary.brands.find((b) => b.slug === 'shinhan-bank')!;
    expect(shinhan.rejected).toBe(1);
    expect(shinhan.reasons[0]!.reason).toMatch(/^at: cannot read "27\/07\/2024 19:33"/);
    expect(shinhan.reasons[0]!.lines).toEqual([2]);
    expect(shinhan.inserted).toBe(4); // 3 reviews, and the reply of the one that was kept
  });

  it('rejects a batch with an invalid item atomically, then writes the valid rest', async () => {
    const key = await t.key('ndjson');
    await t.ok(key, 'mutation { createBrand(input: { name: "Acme", slug: "acme" }) { id } }');
    const file = tmp(
      'items.ndjson',
      [
        JSON.stringify({
          type: 'feedback',
          brand: 'acme',
          kind: 'COMPLAINT',
          receivedAt: '2024-01-01T10:00:00Z',
          externalId: 'c1',
        }),
        JSON.stringify({
          type: 'activity',
          brand: 'acme',
          kind: 'REPLY',
          occurredAt: '2024-01-01T10:30:00Z',
          inReplyToFeedbackExternalId: 'c1',
        }),
        JSON.stringify({
          type: 'feedback',
          brand: 'acme',
          kind: 'COMMENT',
          receivedAt: '2024-01-01T11:00:00Z',
          sentiment: 7,
        }),
        '{not json',
        JSON.stringify({
          type: 'feedback',
          brand: 'nobody',
          kind: 'COMMENT',
          receivedAt: '2024-01-01T11:00:00Z',
        }),
        JSON.stringify({
          type: 'feedback',
          brand: 'acme',
          kind: 'RANT',
          receivedAt: '2024-01-01T11:00:00Z',
        }),
        '',
      ].join('\n'),
    );
    const summary = await importFile('ndjson', 'ndjson', file);
    const acme = summary.brands.find((b) => b.slug === 'acme')!;
    expect([acme.inserted, acme.rejected]).toEqual([2, 2]);
    expect(acme.reasons.map((r) => [r.lines, r.reason])).toEqual(
      expect.arrayContaining([
        [[3], 'sentiment: must be from -1 to 1'],
        [[6], expect.stringMatching(/^kind: "RANT" is not one of/)],
      ]),
    );
    // line 4 is not JSON: a bad line with its number, not a line "mapped to no brand"
    expect(summary.bad).toEqual({
      count: 1,
      reasons: [{ reason: 'not valid JSON', count: 1, lines: [4] }],
    });
    expect(summary.unmapped.count).toBe(0);
    const text = summaryText(summary);
    expect(text).toContain('1 bad line (could not be read):\n  bad: 1 × not valid JSON (line 4)');
    expect(text).toContain('sentiment: must be from -1 to 1 (line 3)');
    expect(text).not.toMatch(/\blines \d+\)|line\(s\)|\b1 items\b/);
    expect(summary.brands.find((b) => b.slug === 'nobody')!.reasons[0]!.reason).toMatch(
      /no brand with the slug "nobody"/,
    );
    const [c1] = await t.sql<{ first_response_at: Date }>(
      "SELECT first_response_at FROM feedback WHERE external_id = 'c1'",
    );
    expect(c1!.first_response_at.toISOString()).toBe('2024-01-01T10:30:00.000Z');
  });
});
