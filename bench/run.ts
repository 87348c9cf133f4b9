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
import { setLogLevel } from '../src/shared/logger';
import { GraphqlClient } from './graphql-client';
import { customerTweets, measureInferenceCost } from './inference-cost';
import { measureOneBrandIngestion } from './ingestion-one-brand';
import { measureCache, measureOverview } from './overview';
import { measurePeer } from './peer-comparison';
import { PeerProcess } from './peer-process';
import { renderReport } from './report';
import { measureLatency, measureThroughput } from './scenarios';
import { ServerProcess } from './server-process';
import { int, msSince, summarize } from './stats';
import type { SizeResult } from './targets';
import { addEvents, createBenchWorkspace, rebuildRollups } from './synthetic-history';

const USAGE = `Usage: npm run bench -- [--sizes 1e5,1e6,1e7] [--with-1e8] [--samples 300] [--seconds 10]
                         [--shared-buffers 4GB] [--keep]

Starts its own PostgreSQL (or uses BENCH_DATABASE_URL, an empty database it may fill),
the API server as a separate process and the peer (PostGraphile 4, bench/peer, installed
on first use) on the same database, grows a synthetic history through the sizes and
measures, at each: one-brand ingestion (recordInteractions, POST /ingest, raw INSERT; at the
first size also with customer tweets read by the text model and not, from ../shared/data), the
request envelope against /healthz, engagement latency (HTTP vs SQL floor vs envelope), the
report cache (hit vs miss), the dashboard overview (sequential, 8 and 16 clients), lists and
aggregates against the peer, mixed-read throughput with 16 clients and the server's peak
RSS. Writes a markdown report to bench/results/ that states each target met or missed.`;

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
  // 10^8 only when asked: about an hour of generation and 45 GB of disk
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
      // fewer checkpoints while the history loads (each one makes every page's next write whole)
      'max_wal_size=8GB',
    ]);
    databaseUrl = embedded.url;
    stopDatabase = () => embedded.stop();
  }
  const ds = new DataSource(dataSourceOptions(databaseUrl, 4));
  await ds.initialize();
  let server: ServerProcess | undefined;
  let peerServer: PeerProcess | undefined;
  const cleanUp = async () => {
    await server?.stop();
    await peerServer?.stop();
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
    const [{ max_wal_size: maxWalSize }] = await ds.query('SHOW max_wal_size');
    const bench = await createBenchWorkspace(ds);
    const { secret } = await ds.transaction((m) =>
      new ApiKeyService().create({ manager: m, workspaceId: bench.workspaceId }, 'bench', [
        ...ALL_SCOPES,
      ]),
    );
    server = await ServerProcess.start(databaseUrl);
    const api = new GraphqlClient(server.port, secret);
    log(`server listening on ${server.port}; ${bench.brandIds.length} brands`);
    peerServer = await PeerProcess.start(databaseUrl, log);
    const peer = new GraphqlClient(peerServer.port, null);
    log(`peer (PostGraphile 4) listening on ${peerServer.port}`);

    const results: SizeResult[] = [];
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const file = path.join(__dirname, '..', '..', 'bench', 'results', `${stamp}.md`);
    const writeReport = () => {
      mkdirSync(path.dirname(file), { recursive: true });
      const postgres = `${version}, shared_buffers ${sharedBuffers}, max_wal_size ${maxWalSize}`;
      writeFileSync(file, renderReport(results, { postgres, samples, seconds }));
      return file;
    };
    // each phase's line says the server's memory as the phase starts (where the peak is reached)
    const step = (label: string) => {
      const m = server!.memory();
      log(`  ${label}  [server RSS ${m.currentMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB]`);
    };
    const texts = customerTweets();
    if (!texts) log('no ../shared/data (SHARED_DATA_DIR): the text model’s cost is not measured');
    let events = 0;
    for (const size of sizes) {
      const started = Date.now();
      log(
        `size ${size.toLocaleString('en-US')}: generating ${(size - events).toLocaleString('en-US')} events`,
      );
      let logged = 0;
      await addEvents(
        ds,
        events,
        size - events,
        (done) => {
          // a line at most every 10 s
          if (Date.now() - logged < 10_000 && done < size - events) return;
          logged = Date.now();
          const perSecond = done / ((Date.now() - started) / 1000);
          log(`  … ${(events + done).toLocaleString('en-US')} events (${int(perSecond)}/s)`);
        },
        log,
      );
      events = size;
      log('  rebuilding rollups and analysing');
      await rebuildRollups(ds, bench.brandIds);
      await ds.query('VACUUM ANALYZE');
      const generateSeconds = (Date.now() - started) / 1000;
      const [disk] = await ds.query(
        `SELECT pg_database_size(current_database())::float8 AS bytes,
                (SELECT count(*) FROM engagement_daily)::int AS rollup_rows`,
      );
      step('one-brand ingestion, 4 clients: recordInteractions, POST /ingest, raw INSERT');
      const ingestion = await measureOneBrandIngestion(
        { ds, databaseUrl, port: server.port, apiKey: secret, workspaceId: bench.workspaceId },
        String(size),
      );
      // what the text model costs ingestion does not depend on the history: measured at the first size
      const inference =
        size === sizes[0] && texts
          ? (step(
              'text model: ingestion with texts read by it and not, 4 clients, rounds alternating',
            ),
            await measureInferenceCost(
              {
                ds,
                databaseUrl,
                port: server.port,
                apiKey: secret,
                workspaceId: bench.workspaceId,
              },
              String(size),
              texts,
            ))
          : null;
      step('envelope: /healthz and { __typename }, interleaved');
      const envelope = await measureEnvelope(api, samples);
      step('engagement latency: HTTP, SQL floor, envelope (interleaved, fresh windows)');
      const latency = await measureLatency(
        databaseUrl,
        api,
        bench.workspaceId,
        bench.brandIds,
        samples,
      );
      step('report cache: hit and miss');
      const cache = await measureCache(api, bench.brandIds[0]!, samples);
      step(`dashboard overview: sequential, 8 and 16 clients (${seconds} s each)`);
      const overview = await measureOverview(databaseUrl, api, bench.workspaceId, samples, seconds);
      step(`against PostGraphile: 4 workloads × 8 clients × ${seconds} s each`);
      const peerResults = await measurePeer(api, peer, 8, seconds);
      step(`mixed reads, 16 clients, ${seconds} s`);
      const throughput = await measureThroughput(api, bench.brandIds, 16, seconds);
      const memory = server.memory();
      results.push({
        size,
        generateSeconds,
        diskBytes: disk.bytes,
        rollupRows: disk.rollup_rows,
        ingestion,
        inference,
        latency,
        envelope,
        overview,
        cache,
        peer: peerResults,
        throughput,
        memory,
      });
      log(
        `  engagement p50 ${latency.http.p50.toFixed(2)} ms (SQL ${latency.sql.p50.toFixed(2)} + envelope ${latency.framework.p50.toFixed(2)}); ` +
          `ingestion ${Math.round(ingestion.graphqlPerSecond)}/s GraphQL, ${Math.round(ingestion.bulkPerSecond ?? 0)}/s bulk, ${Math.round(ingestion.rawPerSecond)}/s raw; ` +
          `overview ${overview.repeated.p50.toFixed(2)} ms repeated; ${Math.round(throughput.requestsPerSecond)} req/s mixed; peak RSS ${memory.peakMb.toFixed(0)} MB`,
      );
      // the sizes so far, in case a long run is stopped
      if (size !== sizes.at(-1))
        log(`  report so far: ${path.relative(process.cwd(), writeReport())}`);
    }
    api.close();
    peer.close();
    log(`report written to ${path.relative(process.cwd(), writeReport())}`);
  } finally {
    await cleanUp();
  }
}

/** `/healthz` and `{ __typename }` on the same connections, interleaved (one of each per round). */
async function measureEnvelope(api: GraphqlClient, samples: number) {
  const healthz: number[] = [];
  const typename: number[] = [];
  const timed = async (into: number[], keep: boolean, work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    if (keep) into.push(msSince(started));
  };
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    await timed(healthz, i >= 0, () => api.send('GET', '/healthz'));
    await timed(typename, i >= 0, () => api.request('{ __typename }'));
  }
  return { healthz: summarize(healthz), typename: summarize(typename) };
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
