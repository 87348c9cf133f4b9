import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { inferSignals } from '../src/modules/text-signals/text-model';
import { GraphqlClient } from './graphql-client';
import { postIngest } from './ingest-client';
import { newBrand, oneBrandBatch, type OneBrandTarget } from './ingestion-one-brand';
import { runIfMain, withStandaloneTarget } from './standalone-target';
import { int, msSince } from './stats';

/**
 * What the text model costs ingestion (issue #16: at most 10 %), measured the
 * way partners write: 4 clients into one brand, recordInteractions and
 * POST /ingest, batches of 1,000 items whose 600 feedback items carry
 * customer tweets from the shared Twitter sample. Two variants of the same
 * texts, taking turns (each round in the other order): "inferred" (COMMENT
 * and QUESTION without a sentiment: the model reads every text) and "not
 * inferred" (PRAISE and COMPLAINT with the caller's sentiment: nothing the
 * model says would be used, so it is not run). Rows, texts and statements
 * are the same; the difference is the model's time (and the cues it stores).
 */
export interface InferenceCost {
  texts: number;
  /** The model alone on these texts, µs per text (wall clock, warm). */
  microsecondsPerText: number;
  graphql: PathCost;
  bulk: PathCost;
}

/** One path's figures: median events/s of each variant, and how much slower inferred was, round by round. */
export interface PathCost {
  inferred: number;
  notInferred: number;
  /** Per round (both variants back to back, so the machine's drift cancels): notInferred / inferred − 1. */
  slowdowns: number[];
}

/** Customer tweets from the shared data (`SHARED_DATA_DIR` or ../shared/data), or null when absent. */
export function customerTweets(): string[] | null {
  const dir =
    process.env.SHARED_DATA_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'data');
  const file = path.join(dir, 'twcs-sample-5k.csv');
  if (!existsSync(file)) return null;
  return (parse(readFileSync(file), { columns: true }) as Record<string, string>[])
    .filter((r) => r.inbound === 'True' && r.text)
    .map((r) => r.text!);
}

type Variant = 'inferred' | 'notInferred';

function textBatch(prefix: string, batch: number, texts: readonly string[], variant: Variant) {
  const { feedback, activities } = oneBrandBatch(prefix, batch);
  const kinds = variant === 'inferred' ? ['COMMENT', 'QUESTION'] : ['PRAISE', 'COMPLAINT'];
  return {
    feedback: feedback.map((f, i) => ({
      ...f,
      kind: kinds[i % 2]!,
      sentiment: variant === 'inferred' ? null : f.sentiment,
      text: texts[(batch * 600 + i) % texts.length]!,
    })),
    activities,
  };
}

function microsecondsPerText(texts: readonly string[]): number {
  for (let i = 0; i < 2000; i++) inferSignals(texts[i % texts.length]);
  const n = 20_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) inferSignals(texts[i % texts.length]);
  return (msSince(started) * 1000) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureInferenceCost(
  target: OneBrandTarget,
  label: string,
  texts: readonly string[],
  { clients = 4, batches = 8, rounds = 5 } = {},
): Promise<InferenceCost> {
  const events = clients * batches * 1000;
  const rates = {
    graphql: { inferred: [], notInferred: [] },
    bulk: { inferred: [], notInferred: [] },
  } as Record<'graphql' | 'bulk', Record<Variant, number[]>>;
  const variants: Variant[] = ['inferred', 'notInferred'];
  // round -1 warms both variants up (JIT, plans, the server's caches) and is not counted
  for (let round = -1; round < rounds; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      const tag = `t${label}-${round + 1}-${variant}`;
      const brandId = await newBrand(target.ds, target.workspaceId, `${tag}-gql`);
      // a client per round: a kept-alive socket idle through the bulk phase (longer than the
      // server's keep-alive timeout) would be closed under the next request
      const api = new GraphqlClient(target.port, target.apiKey);
      let started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let b = 0; b < batches; b++) {
            const input = { brandId, ...textBatch(`${tag}-${c}`, b, texts, variant) };
            const data = await api.request<{ recordInteractions: { inserted: number } }>(
              `mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { inserted } }`,
              { input },
            );
            if (data.recordInteractions.inserted !== 1000)
              throw new Error('a batch was not inserted');
          }
        }),
      );
      if (round >= 0) rates.graphql[variant].push(events / (msSince(started) / 1000));
      api.close();

      const slug = `${tag}-bulk`;
      await newBrand(target.ds, target.workspaceId, slug);
      started = process.hrtime.bigint();
      const written = await Promise.all(
        Array.from({ length: clients }, (_, c) =>
          postIngest(
            target.port,
            target.apiKey,
            lines(slug, `${tag}-b${c}`, batches, texts, variant),
          ),
        ),
      );
      if (written.some((n) => n !== events / clients))
        throw new Error('a bulk request was not written');
      if (round >= 0) rates.bulk[variant].push(events / (msSince(started) / 1000));
    }
  }
  return {
    texts: texts.length,
    microsecondsPerText: microsecondsPerText(texts),
    graphql: pathCost(rates.graphql),
    bulk: pathCost(rates.bulk),
  };
}

function* lines(
  slug: string,
  prefix: string,
  batches: number,
  texts: readonly string[],
  variant: Variant,
): Generator<string> {
  for (let b = 0; b < batches; b++) {
    const { feedback, activities } = textBatch(prefix, b, texts, variant);
    yield (
      [
        ...feedback.map((f) => JSON.stringify({ type: 'feedback', brand: slug, ...f })),
        ...activities.map((a) => JSON.stringify({ type: 'activity', brand: slug, ...a })),
      ].join('\n') + '\n'
    );
  }
}

function pathCost(rates: Record<Variant, number[]>): PathCost {
  return {
    inferred: median(rates.inferred),
    notInferred: median(rates.notInferred),
    slowdowns: rates.inferred.map((x, i) => rates.notInferred[i]! / x - 1),
  };
}

/** How much slower the inferred variant is (0.1 = 10 %): the median of the rounds' paired figures. */
export const slowdown = (r: PathCost) => median(r.slowdowns);

/** The figures side by side, as markdown. */
export function inferenceTable(r: InferenceCost): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const row = (name: string, x: PathCost) =>
    `| ${name} | ${int(x.notInferred)} | ${int(x.inferred)} | ${pct(slowdown(x))} | ${pct(Math.min(...x.slowdowns))} … ${pct(Math.max(...x.slowdowns))} |`;
  return [
    `Text model: ${r.microsecondsPerText.toFixed(1)} µs per text alone (${int(r.texts)} customer tweets); ` +
      'ingestion of batches whose 600 feedback items carry them:',
    '',
    `| path | not inferred, events/s | inferred, events/s | slower by (median of ${r.graphql.slowdowns.length} rounds) | rounds range |`,
    '|---|---:|---:|---:|---:|',
    row('recordInteractions (GraphQL)', r.graphql),
    row('POST /ingest', r.bulk),
  ].join('\n');
}

/** Standalone: `node scripts/run-built.js bench/inference-cost.js [--rounds 5] [--batches 8]`. */
runIfMain(__filename, async () => {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      batches: { type: 'string', default: '8' },
    },
  });
  const texts = customerTweets();
  if (!texts)
    throw new Error('the shared Twitter sample is not at ../shared/data (set SHARED_DATA_DIR)');
  await withStandaloneTarget(async (target) => {
    const cost = await measureInferenceCost(target, String(Date.now() % 1e9), texts, {
      rounds: Number(values.rounds),
      batches: Number(values.batches),
    });
    process.stdout.write(inferenceTable(cost) + '\n');
  });
});
