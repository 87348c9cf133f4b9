import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { freePort } from '../src/shared/free-port';
import { int, ms, msSince, summarize } from './stats';
import { perRequest, WireCounter, type WireCounts } from './wire-counter';

/**
 * The request envelope: `{ __typename }` against `/healthz`, and two brand
 * lists, sequentially (p50) and with 8 clients (req/s), with the statements
 * and round trips each request sends to PostgreSQL (counted on the wire).
 * Several builds side by side (e.g. main's dist and this one), each on a
 * database of its own in one PostgreSQL, measured alternately.
 */
export interface EnvelopeTarget {
  readonly name: string;
  /** A built tree: `<dist>/src/main.js` is started. */
  readonly dist: string;
}

export interface ScenarioFigures {
  readonly p50: number;
  readonly p95: number;
  readonly perSecond: number;
  readonly wire: WireCounts;
}

export type EnvelopeResult = Record<string, Record<string, ScenarioFigures>>;

const KEY = 'bench-envelope-key-0123456789abcdef';
const BRANDS = 20;
const AUDIENCES_PER_BRAND = 3;

export const ENVELOPE_SCENARIOS: Record<string, { path: string; query?: string }> = {
  healthz: { path: '/healthz' },
  typename: { path: '/graphql', query: '{ __typename }' },
  brands: { path: '/graphql', query: '{ brands(first: 20) { edges { node { id name } } } }' },
  brandsWithAudiences: {
    path: '/graphql',
    query: '{ brands(first: 20) { edges { node { id name audiences { id name } } } } }',
  },
  brandsWithTotal: {
    path: '/graphql',
    query: '{ brands(first: 20) { totalCount edges { node { id name } } } }',
  },
};

class Target {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly port: number,
    readonly wire: WireCounter,
  ) {}

  static async start(
    target: EnvelopeTarget,
    databaseUrl: string,
    database: string,
  ): Promise<Target> {
    const wire = await WireCounter.start(Number(new URL(databaseUrl).port));
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(target.dist, 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: withPort(databaseUrl, wire.port, database),
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        BOOTSTRAP_API_KEY: KEY,
        WEBHOOK_POLL_MS: '60000',
        RATE_LIMIT_POINTS: '100000000',
        RATE_LIMIT_REFILL_PER_SECOND: '10000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const t = new Target(target.name, child, port, wire);
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`${target.name} exited with ${child.exitCode}`);
      if ((await t.send('/readyz').catch(() => 0)) === 200) return t;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${target.name} did not become ready`);
  }

  send(urlPath: string, query?: string): Promise<number> {
    const body = query === undefined ? undefined : JSON.stringify({ query });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          path: urlPath,
          method: body ? 'POST' : 'GET',
          headers: body
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
                authorization: `Bearer ${KEY}`,
              }
            : {},
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            if (res.statusCode !== 200 || text.includes('"errors"'))
              reject(new Error(`${this.name} ${urlPath}: ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(res.statusCode);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async gql(query: string): Promise<Record<string, { id: string }>> {
    const body = JSON.stringify({ query });
    const res = await fetch(`http://127.0.0.1:${this.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body,
    });
    const json = (await res.json()) as {
      data?: Record<string, { id: string }>;
      errors?: unknown[];
    };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data!;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    await this.wire.stop();
  }
}

function withPort(url: string, port: number, database: string): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  u.pathname = `/${database}`;
  return u.toString();
}

async function seed(t: Target): Promise<void> {
  for (let i = 0; i < BRANDS; i++) {
    const { createBrand } = await t.gql(
      `mutation { createBrand(input: { name: "Brand ${i}" }) { id } }`,
    );
    if (!createBrand) throw new Error('no brand created');
    for (let j = 0; j < AUDIENCES_PER_BRAND; j++)
      await t.gql(
        `mutation { createAudience(input: { brandId: "${createBrand.id}", name: "Audience ${j}", channel: INSTAGRAM, size: ${j} }) { id } }`,
      );
  }
}

async function sequential(t: Target, path: string, query: string | undefined, samples: number) {
  const times: number[] = [];
  const before = t.wire.snapshot();
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await t.send(path, query);
    times.push(msSince(start));
  }
  return { latency: summarize(times), wire: perRequest(before, t.wire.snapshot(), samples) };
}

async function concurrent(t: Target, path: string, query: string | undefined, seconds: number) {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() < until) {
        await t.send(path, query);
        done++;
      }
    }),
  );
  return done / (msSince(start) / 1000);
}

/** Measures every target, scenario by scenario, alternating targets. */
export async function measureEnvelope(
  targets: readonly EnvelopeTarget[],
  options: { samples?: number; seconds?: number; log?: (line: string) => void } = {},
): Promise<EnvelopeResult> {
  const { samples = 500, seconds = 5, log = () => undefined } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-envelope-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(path.join(dir, 'data'));
  const running: Target[] = [];
  try {
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    for (let i = 0; i < targets.length; i++) await admin.query(`CREATE DATABASE envelope_${i}`);
    await admin.end();
    for (let i = 0; i < targets.length; i++) {
      log(`starting ${targets[i]!.name} (${targets[i]!.dist})`);
      running.push(await Target.start(targets[i]!, pg.url, `envelope_${i}`));
      await seed(running[i]!);
    }
    const result: EnvelopeResult = Object.fromEntries(targets.map((t) => [t.name, {}]));
    for (const [scenario, { path: p, query }] of Object.entries(ENVELOPE_SCENARIOS)) {
      for (const t of running) {
        await sequential(t, p, query, 50); // warm up
        const seq = await sequential(t, p, query, samples);
        const perSecond = await concurrent(t, p, query, seconds);
        result[t.name]![scenario] = {
          p50: seq.latency.p50,
          p95: seq.latency.p95,
          perSecond,
          wire: seq.wire,
        };
        log(`${t.name} ${scenario}: p50 ${ms(seq.latency.p50)} ms, ${int(perSecond)} req/s`);
      }
    }
    return result;
  } finally {
    for (const t of running) await t.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table of the figures, one row per scenario and target. */
export function renderEnvelope(result: EnvelopeResult): string {
  const lines = [
    '| scenario | build | p50 ms | p95 ms | req/s (8 clients) | round trips | statements | BEGIN/COMMIT |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of Object.keys(ENVELOPE_SCENARIOS))
    for (const [name, figures] of Object.entries(result)) {
      const f = figures[scenario];
      if (!f) continue;
      const n = (x: number) => x.toFixed(2);
      lines.push(
        `| ${scenario} | ${name} | ${ms(f.p50)} | ${ms(f.p95)} | ${int(f.perSecond)} | ${n(f.wire.roundTrips)} | ${n(f.wire.statements)} | ${n(f.wire.transactionControl)} |`,
      );
    }
  for (const [name, figures] of Object.entries(result))
    if (figures.typename && figures.healthz)
      lines.push(
        '',
        `${name}: { __typename } p50 = ${(figures.typename.p50 / figures.healthz.p50).toFixed(2)} × /healthz p50`,
      );
  return lines.join('\n');
}

const USAGE = `Usage: node scripts/run-built.js bench/envelope.js [--before <dir>] [--samples 500] [--seconds 5]
  --before <dir>: another checkout whose dist/ is built (e.g. main's), measured side by side`;

// run directly, or through scripts/run-built.js (which sets argv[1] to this file)
if (require.main === module || process.argv[1] === __filename) {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      samples: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '5' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const here = path.join(__dirname, '..');
  const targets: EnvelopeTarget[] = [
    ...(values.before ? [{ name: 'before', dist: path.join(values.before, 'dist') }] : []),
    { name: 'after', dist: here },
  ];
  measureEnvelope(targets, {
    samples: Number(values.samples),
    seconds: Number(values.seconds),
    log: (line) => process.stdout.write(line + '\n'),
  }).then(
    (result) => process.stdout.write('\n' + renderEnvelope(result) + '\n'),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
