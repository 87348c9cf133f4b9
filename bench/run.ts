import 'reflect-metadata';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/db/data-source-options';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/connect';
import { ALL_SCOPES, ApiKeyService } from '../src/modules/api-keys/api-key.service';
import { RollupWriter } from '../src/modules/rollups/rollup-writer';
import { setLogLevel } from '../src/shared/logger';
import { GraphqlClient } from './graphql-client';
import { renderReport, type SizeResult } from './report';
import { measureIngestion, measureLatency, measureThroughput } from './scenarios';
import { ServerProcess } from './server-process';
import { addEvents, createBenchWorkspace } from './synthetic-history';

const USAGE = `Usage: npm run bench -- [--sizes 1e5,1e6,1e7] [--with-1e8] [--samples 300] [--seconds 10]
                         [--shared-buffers 4GB] [--keep]

Starts its own PostgreSQL (or uses BENCH_DATABASE_URL, an empty database it may fill)
and the API server as a separate process, grows a synthetic history through the sizes
and measures, at each: ingestion (API vs raw INSERT), engagement latency (HTTP vs SQL
floor vs framework floor), mixed-read throughput with 16 clients and the server's peak
RSS. Writes a markdown report to bench/results/.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1e5,1e6,1e7' },
      samples: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      'with-1e8': { type: 'boolean', default: false },
      'shared-buffers': { type: 'string', default: '4GB' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  // 10^8 only when asked: hours of generation and tens of GB of disk
  const sizes = [...values.sizes.split(',').map(Number), ...(values['with-1e8'] ? [1e8] : [])];
  if (sizes.some((s) => !Number.isInteger(s) || s < 10_000) || !isAscending(sizes))
    fail('--sizes takes ascending whole numbers of events, each at least 10000 (1e5 is fine)');
  const samples = Number(values.samples);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(samples) || samples < 10) fail('--samples must be a whole number ≥ 10');
  if (!(seconds > 0)) fail('--seconds must be positive');
  setLogLevel('warn');

  const log = (message: string) =>
    process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let stopDatabase = async () => undefined as void;
  let dir: string | undefined;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
    chmodSync(dir, 0o755);
    log(`starting PostgreSQL in ${dir}`);
    // sized like a production server for the history: the report says so
    const embedded = await startEmbeddedPostgres(path.join(dir, 'data'), undefined, [
      `shared_buffers=${values['shared-buffers']}`,
    ]);
    databaseUrl = embedded.url;
    stopDatabase = () => embedded.stop();
  }
  const ds = new DataSource(dataSourceOptions(databaseUrl, 4));
  await ds.initialize();
  let server: ServerProcess | undefined;
  const cleanUp = async () => {
    await server?.stop();
    if (ds.isInitialized) await ds.destroy();
    await stopDatabase();
    if (dir && !values.keep) rmSync(dir, { recursive: true, force: true });
  };
  // Ctrl-C stops the server and PostgreSQL too
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    await runMigrations(ds);
    const [{ server_version: version }] = await ds.query('SHOW server_version');
    const [{ shared_buffers: sharedBuffers }] = await ds.query('SHOW shared_buffers');
    const bench = await createBenchWorkspace(ds);
    const { secret } = await ds.transaction((m) =>
      new ApiKeyService().create({ manager: m, workspaceId: bench.workspaceId }, 'bench', [
        ...ALL_SCOPES,
      ]),
    );
    server = await ServerProcess.start(databaseUrl);
    const api = new GraphqlClient(server.port, secret);
    log(`server listening on ${server.port}; ${bench.brandIds.length} brands`);

    const results: SizeResult[] = [];
    let events = 0;
    for (const size of sizes) {
      const started = Date.now();
      log(
        `size ${size.toLocaleString('en-US')}: generating ${(size - events).toLocaleString('en-US')} events`,
      );
      await addEvents(ds, events, size - events, (done) =>
        log(`  … ${(events + done).toLocaleString('en-US')} events`),
      );
      events = size;
      log('  rebuilding rollups and analysing');
      await ds.transaction((m) => new RollupWriter().rebuild(m, null));
      await ds.query('VACUUM ANALYZE');
      const generateSeconds = (Date.now() - started) / 1000;
      const [disk] = await ds.query(
        `SELECT pg_database_size(current_database())::float8 AS bytes,
                (SELECT count(*) FROM engagement_daily)::int AS rollup_rows`,
      );
      log('  engagement latency: HTTP, SQL floor, framework floor (interleaved)');
      const latency = await measureLatency(
        databaseUrl,
        api,
        bench.workspaceId,
        bench.brandIds,
        samples,
      );
      log('  ingestion over HTTP and raw INSERT');
      const ingestion = await measureIngestion(
        ds,
        databaseUrl,
        api,
        bench.workspaceId,
        String(size),
        4,
        5,
      );
      log(`  mixed reads, 16 clients, ${seconds} s`);
      const throughput = await measureThroughput(api, bench.brandIds, 16, seconds);
      const memory = server.memory();
      results.push({
        size,
        generateSeconds,
        diskBytes: disk.bytes,
        rollupRows: disk.rollup_rows,
        ingestion,
        latency,
        throughput,
        memory,
      });
      log(
        `  engagement p50 ${latency.http.p50.toFixed(2)} ms (SQL ${latency.sql.p50.toFixed(2)} + framework ${latency.framework.p50.toFixed(2)}); ` +
          `ingestion ${Math.round(ingestion.apiPerSecond)}/s vs raw ${Math.round(ingestion.rawPerSecond)}/s; ` +
          `${Math.round(throughput.requestsPerSecond)} req/s; peak RSS ${memory.peakMb.toFixed(0)} MB`,
      );
    }
    api.close();
    mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const file = path.join(__dirname, '..', '..', 'bench', 'results', `${stamp}.md`);
    writeFileSync(
      file,
      renderReport(results, {
        postgres: `${version}, shared_buffers ${sharedBuffers}`,
        samples,
        seconds,
      }),
    );
    log(`report written to ${path.relative(process.cwd(), file)}`);
  } finally {
    await cleanUp();
  }
}

const isAscending = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
