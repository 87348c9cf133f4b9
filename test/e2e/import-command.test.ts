import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../support/server-processes';
import { TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
let t: TestApp;

beforeAll(async () => {
  // the command runs from the build, as `npm run import` does (rebuilt only when stale)
  buildServer();
  t = await TestApp.start();
  const key = await t.key('ops');
  await t.ok(key, 'mutation { createBrand(input: { name: "Acme", slug: "acme" }) { id } }');
});
afterAll(() => t.close());

/** `npm run import -- …` against this test's database: exit status and output. */
function runImport(args: string[]): Promise<{ status: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'dist', 'src', 'scripts', 'import.js'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out: string[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => out.push(c.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => resolve({ status, out: out.join('') })),
  );
}

const feedback = (externalId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'feedback',
    brand: 'acme',
    kind: 'COMMENT',
    receivedAt: '2024-03-01T10:00:00Z',
    externalId,
    ...extra,
  });

function file(name: string, lines: string[]): string {
  const f = path.join(os.tmpdir(), `rapport-import-command-${process.pid}-${name}.ndjson`);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

it('exits 0 when every line went in, also when a second run finds them all unchanged', async () => {
  const f = file('good', [feedback('g1'), feedback('g2')]);
  const first = await runImport(['ndjson', f, '--workspace', 'ops']);
  expect(first).toMatchObject({ status: 0 });
  expect(first.out).toMatch(/acme\s+2\s+0\s+0\s+0/);
  const second = await runImport(['ndjson', f, '--workspace', 'ops']);
  expect(second.status).toBe(0);
  expect(second.out).toMatch(/acme\s+0\s+0\s+2\s+0/);
});

it('exits 3 when some lines were rejected, after printing the summary', async () => {
  const f = file('partial', [feedback('p1'), feedback('p2', { sentiment: 9 }), '{oops']);
  const { status, out } = await runImport(['ndjson', f, '--workspace', 'ops']);
  expect(status).toBe(3);
  expect(out).toMatch(/acme\s+1\s+0\s+0\s+1/);
  expect(out).toContain('sentiment: must be from -1 to 1 (line 2)');
  expect(out).toContain('1 bad line (could not be read):\n  bad: 1 × not valid JSON (line 3)');
});

it('exits 4 when nothing could be imported: every line rejected, or the file refused', async () => {
  const rejected = await runImport([
    'ndjson',
    file('nothing', [feedback('n1', { kind: 'RANT' }), 'not json']),
    '--workspace',
    'ops',
  ]);
  expect(rejected.status).toBe(4);
  expect(rejected.out).toContain('rejected in acme');
  const missing = await runImport(['ndjson', '/nonexistent/x.ndjson', '--workspace', 'ops']);
  expect(missing.status).toBe(4);
  expect(missing.out).toContain('no such file');
});

it('refuses a workspace that does not exist (a typo creates nothing); --create-workspace creates it', async () => {
  const before = await t.counts();
  const f = file('typo', [feedback('t1')]);
  const typo = await runImport(['ndjson', f, '--workspace', 'opps']);
  expect(typo.status).toBe(4);
  expect(typo.out).toContain('there is no workspace "opps"');
  expect(await t.counts()).toEqual(before);

  const created = await runImport(['ndjson', f, '--workspace', 'new-team', '--create-workspace']);
  // the workspace is new, so it has no brand "acme": the line is rejected, but the workspace exists
  expect(created.status).toBe(4);
  expect(created.out).toContain('no brand with the slug "acme"');
  const rows = await t.sql("SELECT 1 FROM workspaces WHERE name = 'new-team'");
  expect(rows).toHaveLength(1);
});
