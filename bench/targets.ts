import { slowdown, type InferenceCost } from './inference-cost';
import type { OneBrandIngestion } from './ingestion-one-brand';
import type { LoadResult } from './load';
import type { CacheResult, OverviewResult } from './overview';
import type { PeerResult } from './peer-comparison';
import type { LatencyResult, ThroughputResult } from './scenarios';
import type { LatencySummary } from './stats';
import { int, ms } from './stats';

export interface SizeResult {
  size: number;
  generateSeconds: number;
  diskBytes: number;
  rollupRows: number;
  ingestion: OneBrandIngestion;
  /** The text model's cost to ingestion (first size only; null elsewhere or without the shared data). */
  inference: InferenceCost | null;
  latency: LatencyResult;
  envelope: { typename: LatencySummary; healthz: LatencySummary };
  overview: OverviewResult;
  cache: CacheResult;
  peer: PeerResult[];
  throughput: ThroughputResult;
  memory: { peakMb: number; currentMb: number };
}

export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const pct1 = (x: number) => `${(x * 100).toFixed(1)} %`;
const times = (x: number) => `${x.toFixed(2)} ×`;
const worst = <T>(xs: readonly T[], key: (x: T) => number, lowIsBad = true): T =>
  xs.reduce((a, b) => ((lowIsBad ? key(b) < key(a) : key(b) > key(a)) ? b : a));
const rps = (load: LoadResult) => load.requestsPerSecond;

/**
 * Issue #17's targets against one run's results (every size): each row says
 * the worst size's figure, so a target is met only if it holds at every size
 * it applies to.
 */
export function evaluateTargets(results: readonly SizeResult[]): TargetRow[] {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const rows: TargetRow[] = [];
  const add = (target: string, measured: string, met: boolean) =>
    rows.push({ target, measured, met });

  const gql = worst(results, (r) => r.ingestion.graphqlPerSecond);
  add(
    'One brand, 4 clients: `recordInteractions` ≥ 15,000 events/s',
    `slowest ${int(gql.ingestion.graphqlPerSecond)} events/s (at ${int(gql.size)})`,
    gql.ingestion.graphqlPerSecond >= 15_000,
  );
  // null: a bulk request did not write every line (counted as 0)
  const bulkRate = (r: SizeResult) => r.ingestion.bulkPerSecond ?? 0;
  const bulk = worst(results, bulkRate);
  add(
    'One brand, 4 clients: `POST /ingest` ≥ 100,000 events/s',
    `slowest ${int(bulkRate(bulk))} events/s (at ${int(bulk.size)})`,
    bulkRate(bulk) >= 100_000,
  );
  const bulkRatio = (r: SizeResult) => bulkRate(r) / r.ingestion.rawPerSecond;
  const ratio = worst(results, bulkRatio);
  add(
    '`POST /ingest` ≥ 50 % of a raw multi-row INSERT into an unindexed table',
    `worst ${pct(bulkRatio(ratio))} (${int(bulkRate(ratio))} vs ${int(ratio.ingestion.rawPerSecond)})`,
    bulkRatio(ratio) >= 0.5,
  );
  const inference = results.find((r) => r.inference)?.inference;
  if (inference) {
    const worstPath = Math.max(slowdown(inference.graphql), slowdown(inference.bulk));
    add(
      'Text model: ingestion ≤ 10 % slower with texts it reads (issue #16)',
      `recordInteractions ${pct1(slowdown(inference.graphql))}, \`POST /ingest\` ${pct1(slowdown(inference.bulk))} (${inference.microsecondsPerText.toFixed(1)} µs per text)`,
      worstPath <= 0.1,
    );
  }
  const envelopeRatio = (r: SizeResult) => r.envelope.typename.p50 / r.envelope.healthz.p50;
  const env = worst(results, envelopeRatio, false);
  add(
    '`{ __typename }` p50 ≤ 2 × `/healthz` p50',
    `worst ${times(envelopeRatio(env))} (${ms(env.envelope.typename.p50)} vs ${ms(env.envelope.healthz.p50)} ms)`,
    envelopeRatio(env) <= 2,
  );
  for (const name of new Set(results.flatMap((r) => r.peer.map((p) => p.name)))) {
    const pairs = results.flatMap((r) => r.peer.filter((p) => p.name === name));
    const kind = pairs[0]!.kind;
    if (name === '{ __typename }') continue;
    const share = (p: PeerResult) => rps(p.rapport) / rps(p.peer);
    const low = worst(pairs, share);
    const goal = kind === 'list' ? 0.7 : 1;
    add(
      kind === 'list'
        ? `Against PostGraphile, ${name}: ≥ 70 % of its throughput`
        : `Against PostGraphile, ${name}: ahead of it`,
      `worst ${pct(share(low))} (${int(rps(low.rapport))} vs ${int(rps(low.peer))} req/s)`,
      kind === 'list' ? share(low) >= goal : share(low) > goal,
    );
  }
  const repeated = (r: SizeResult) => r.overview.repeated.p50 / r.overview.envelope.p50;
  const rep = worst(results, repeated, false);
  add(
    'Overview p50 ≤ 2 × `{ __typename }` when repeated',
    `worst ${times(repeated(rep))} (${ms(rep.overview.repeated.p50)} vs ${ms(rep.overview.envelope.p50)} ms)`,
    repeated(rep) <= 2,
  );
  const fresh = (r: SizeResult) =>
    r.overview.fresh.p50 / (r.overview.sqlFloor.p50 + r.overview.envelope.p50);
  const fr = worst(results, fresh, false);
  add(
    'Overview p50 ≤ 1.5 × (SQL floor + envelope) when not repeated',
    `worst ${times(fresh(fr))} (${ms(fr.overview.fresh.p50)} vs ${ms(fr.overview.sqlFloor.p50)} + ${ms(fr.overview.envelope.p50)} ms)`,
    fresh(fr) <= 1.5,
  );
  const loaded = (r: SizeResult) => rps(r.overview.clients8) / rps(r.overview.envelope8);
  const ld = worst(results, loaded);
  add(
    'Overview with 8 clients ≥ 50 % of `{ __typename }`’s throughput',
    `worst ${pct(loaded(ld))} (${int(rps(ld.overview.clients8))} vs ${int(rps(ld.overview.envelope8))} req/s)`,
    loaded(ld) >= 0.5,
  );
  const big = results.find((r) => r.size === 1e7) ?? last;
  add(
    `Mixed reads at ${int(big.size)} events ≥ 400 requests/s`,
    `${int(big.throughput.requestsPerSecond)} req/s`,
    big.throughput.requestsPerSecond >= 400,
  );
  const flat = last.latency.http.p50 / first.latency.http.p50;
  add(
    `Report latency at ${int(last.size)} ≤ 1.5 × at ${int(first.size)}`,
    `${times(flat)} (${ms(last.latency.http.p50)} vs ${ms(first.latency.http.p50)} ms)`,
    flat <= 1.5,
  );
  const peak = Math.max(...results.map((r) => r.memory.peakMb));
  add('Server RSS < 300 MB with the default cache', `peak ${peak.toFixed(0)} MB`, peak < 300);
  return rows;
}
