import { execSync } from 'node:child_process';
import os from 'node:os';
import { inferenceTable } from './inference-cost';
import { int, type LatencySummary, ms } from './stats';
import { BRANDS, HISTORY_DAYS } from './synthetic-history';
import { evaluateTargets, type SizeResult } from './targets';

function machine(postgres: string): string {
  const cpus = os.cpus();
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return 'unknown';
    }
  })();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `- Node ${process.version}; PostgreSQL ${postgres} (other settings default); commit ${commit}`,
    '- Client, server, the peer and PostgreSQL share the machine (the client’s CPU use is part of every figure).',
  ].join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

export function renderReport(
  results: SizeResult[],
  options: { postgres: string; samples: number; seconds: number },
): string {
  const rows = (cells: (r: SizeResult) => string[]) =>
    results.map((r) => `| ${int(r.size)} | ${cells(r).join(' | ')} |`).join('\n');
  const targets = evaluateTargets(results)
    .map((t) => `| ${t.target} | ${t.measured} | ${t.met ? '**met**' : '**missed**'} |`)
    .join('\n');
  const peerRows = results
    .flatMap((r) =>
      r.peer.map(
        (p) =>
          `| ${int(r.size)} | ${p.name} | ${int(p.rapport.requestsPerSecond)} | ${int(p.peer.requestsPerSecond)} | ${pct(p.rapport.requestsPerSecond / p.peer.requestsPerSecond)} | ${ms(p.rapport.latency.p50)} | ${ms(p.peer.latency.p50)} |`,
      ),
    )
    .join('\n');
  return `# Rapport benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

${machine(options.postgres)}

Synthetic history: ${BRANDS} brands × 3 audiences, events spread over ${HISTORY_DAYS} days (half feedback,
about a fifth replies linked to it, the rest activities of every kind), written set-based in bulk
(bench/bulk-load.ts: two sessions, foreign-key triggers off, secondary indexes built after); sizes are
cumulative. Reports over the last 365 days (window edges not at midnight); "fresh" windows are never
asked twice (each computed from the rollups), "repeated" ones are (the response cache answers; src/server/response-cache).
${options.samples} sequential samples after a warm-up (the fresh overview and its SQL floor: at most 90 s
each, at least 20 samples; "n" says how many); loads run ${options.seconds} s. Produced by \`npm run bench\`.

## Targets (issue #17; each row the worst size)

| Target | Measured | |
|---|---|---|
${targets}

## Ingestion into one brand (4 concurrent clients × batches of 1,000 items)

| Events in history | \`recordInteractions\` events/s | \`POST /ingest\` events/s | raw INSERT, unindexed, events/s | bulk / raw |
|---|---|---|---|---|
${rows((r) => [int(r.ingestion.graphqlPerSecond), r.ingestion.bulkPerSecond === null ? 'failed' : int(r.ingestion.bulkPerSecond), int(r.ingestion.rawPerSecond), pct((r.ingestion.bulkPerSecond ?? 0) / r.ingestion.rawPerSecond)])}

${inferenceSection(results)}## Request envelope (sequential, ms)

| Events | \`/healthz\` p50 | \`{ __typename }\` p50 | ratio |
|---|---|---|---|
${rows((r) => [ms(r.envelope.healthz.p50), ms(r.envelope.typename.p50), (r.envelope.typename.p50 / r.envelope.healthz.p50).toFixed(2)])}

## Engagement report, fresh windows (ms)

| Events | HTTP p50 | HTTP p95 | SQL floor p50 | SQL p95 | \`{ __typename }\` p50 | HTTP − (SQL + envelope), p50 |
|---|---|---|---|---|---|---|
${rows((r) => [ms(r.latency.http.p50), ms(r.latency.http.p95), ms(r.latency.sql.p50), ms(r.latency.sql.p95), ms(r.latency.framework.p50), ms(r.latency.http.p50 - r.latency.sql.p50 - r.latency.framework.p50)])}

## Report and response caches: one brand's report, hit (same window) and miss (new window), interleaved (ms)

| Events | hit p50 | hit p95 | miss p50 | miss p95 |
|---|---|---|---|---|
${rows((r) => [ms(r.cache.hit.p50), ms(r.cache.hit.p95), ms(r.cache.miss.p50), ms(r.cache.miss.p95)])}

## Dashboard overview: 20 brands ranked by score, with engagement and classification

| Events | repeated p50 ms | fresh p50 ms (n) | SQL floor p50 ms (n) | \`{ __typename }\` p50 ms | 8 clients req/s | 16 clients req/s | \`{ __typename }\`, 8 clients, req/s |
|---|---|---|---|---|---|---|---|
${rows((r) => [ms(r.overview.repeated.p50), withN(r.overview.fresh), withN(r.overview.sqlFloor), ms(r.overview.envelope.p50), int(r.overview.clients8.requestsPerSecond), int(r.overview.clients16.requestsPerSecond), int(r.overview.envelope8.requestsPerSecond)])}

## Against PostGraphile 4 on the same database (8 clients each, taking turns)

The peer connects as the owner: no authentication, no row-level security, no limits. Rapport
authenticates every request, sets the workspace for row-level security and charges the rate limit.
Aggregate: Rapport's engagement report from the rollups; the peer counts the feedback on the fly.

| Events | workload | Rapport req/s | PostGraphile req/s | Rapport / peer | Rapport p50 ms | peer p50 ms |
|---|---|---|---|---|---|---|
${peerRows}

## Mixed reads, 16 concurrent clients, ${options.seconds} s

Equal shares of \`engagement\` (365 d), \`classification\` (90 d), a weekly \`engagementSeries\` (52 weeks)
and \`brands(first: 20) { engagement classification }\` (90 d), on repeated windows as the dashboard asks.

| Events | requests/s | p50 ms | p95 ms |
|---|---|---|---|
${rows((r) => [int(r.throughput.requestsPerSecond), ms(r.throughput.latency.p50), ms(r.throughput.latency.p95)])}

## Size and memory

| Events | generated in | database size | MB per million events | rollup rows | server peak RSS |
|---|---|---|---|---|---|
${rows((r) => [`${r.generateSeconds.toFixed(0)} s`, `${(r.diskBytes / 2 ** 20).toFixed(0)} MB`, (r.diskBytes / 2 ** 20 / (r.size / 1e6)).toFixed(0), int(r.rollupRows), `${r.memory.peakMb.toFixed(0)} MB`])}
`;
}

function inferenceSection(results: readonly SizeResult[]): string {
  const r = results.find((x) => x.inference);
  if (!r?.inference) return '';
  return `## What the text model costs ingestion (at ${int(r.size)} events)

Same 4 clients and batches, 600 of each 1,000 items feedback with a customer tweet: "inferred" are
COMMENT and QUESTION without a sentiment (the model reads each text), "not inferred" PRAISE and
COMPLAINT with the caller's sentiment (nothing it would say is used, so it is not run). Rounds alternate
the order; "slower by" is the median of the rounds' paired figures.

${inferenceTable(r.inference)}

`;
}

const withN = (s: LatencySummary) => `${ms(s.p50)} (${s.n})`;
