import { execSync } from 'node:child_process';
import os from 'node:os';
import type { IngestionResult, LatencyResult, ThroughputResult } from './scenarios';
import { int, ms } from './stats';
import { BRANDS, HISTORY_DAYS } from './synthetic-history';

export interface SizeResult {
  size: number;
  generateSeconds: number;
  diskBytes: number;
  rollupRows: number;
  ingestion: IngestionResult;
  latency: LatencyResult;
  throughput: ThroughputResult;
  memory: { peakMb: number; currentMb: number };
}

const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');

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
    '- Client, server and PostgreSQL share the machine (the client’s CPU use is part of every figure).',
  ].join('\n');
}

export function renderReport(
  results: SizeResult[],
  options: { postgres: string; samples: number; seconds: number },
): string {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const flat = last.latency.http.p50 / first.latency.http.p50;
  const overhead = (r: SizeResult) =>
    r.latency.http.p50 - r.latency.sql.p50 - r.latency.framework.p50;
  const worstOverhead = Math.max(...results.map(overhead));
  const worstRatio = Math.min(
    ...results.map((r) => r.ingestion.apiPerSecond / r.ingestion.rawPerSecond),
  );
  const slowestIngestion = Math.min(...results.map((r) => r.ingestion.apiPerSecond));
  const peak = Math.max(...results.map((r) => r.memory.peakMb));
  const rows = (cells: (r: SizeResult) => string[]) =>
    results.map((r) => `| ${int(r.size)} | ${cells(r).join(' | ')} |`).join('\n');
  return `# Rapport benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

${machine(options.postgres)}

Synthetic history: ${BRANDS} brands × 3 audiences, events spread over ${HISTORY_DAYS} days (half feedback,
about a fifth replies linked to it, the rest activities of every kind), written set-based; sizes are
cumulative. Reports: \`engagement\` over the last 365 days (window edges not at midnight), rotating
over the brands, ${options.samples} sequential samples after a warm-up. Produced by \`npm run bench\`.

## Targets

| Target | Measured | |
|---|---|---|
| Report latency flat in history size: p50 at ${int(last.size)} ≤ 1.5 × p50 at ${int(first.size)} | ${flat.toFixed(2)} × (${ms(last.latency.http.p50)} vs ${ms(first.latency.http.p50)} ms) | ${verdict(flat <= 1.5)} |
| p50 within 2 ms of SQL floor + framework floor | worst ${ms(worstOverhead)} ms above | ${verdict(worstOverhead <= 2)} |
| Ingestion ≥ 50 % of raw INSERT | worst ${(worstRatio * 100).toFixed(0)} % | ${verdict(worstRatio >= 0.5)} |
| Ingestion ≥ 10,000 events/s | slowest ${int(slowestIngestion)} events/s | ${verdict(slowestIngestion >= 10_000)} |
| Server RSS < 300 MB | peak ${peak.toFixed(0)} MB | ${verdict(peak < 300)} |

## Engagement report latency (ms)

| Events | HTTP p50 | HTTP p95 | SQL floor p50 | SQL p95 | \`{ __typename }\` p50 | HTTP − (SQL + framework), p50 |
|---|---|---|---|---|---|---|
${rows((r) => [ms(r.latency.http.p50), ms(r.latency.http.p95), ms(r.latency.sql.p50), ms(r.latency.sql.p95), ms(r.latency.framework.p50), ms(overhead(r))])}

## Ingestion (4 concurrent clients × 5 batches of 1,000 items, one brand each)

| Events in history | recordInteractions events/s | raw multi-row INSERT events/s | ratio |
|---|---|---|---|
${rows((r) => [int(r.ingestion.apiPerSecond), int(r.ingestion.rawPerSecond), `${((r.ingestion.apiPerSecond / r.ingestion.rawPerSecond) * 100).toFixed(0)} %`])}

## Mixed reads, 16 concurrent clients, ${options.seconds} s

Equal shares of \`engagement\` (365 d), \`classification\` (90 d), a weekly \`engagementSeries\` (52 weeks)
and \`brands(first: 20) { engagement classification }\` (90 d).

| Events | requests/s | p50 ms | p95 ms |
|---|---|---|---|
${rows((r) => [int(r.throughput.requestsPerSecond), ms(r.throughput.latency.p50), ms(r.throughput.latency.p95)])}

## Size and memory

| Events | generated in | database size | MB per million events | rollup rows | server peak RSS |
|---|---|---|---|---|---|
${rows((r) => [`${r.generateSeconds.toFixed(0)} s`, `${(r.diskBytes / 2 ** 20).toFixed(0)} MB`, (r.diskBytes / 2 ** 20 / (r.size / 1e6)).toFixed(0), int(r.rollupRows), `${r.memory.peakMb.toFixed(0)} MB`])}
`;
}
