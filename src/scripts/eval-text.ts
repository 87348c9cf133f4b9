import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SentimentIntensityAnalyzer as Vader } from 'vader-sentiment';
import { labelScores, macroF1, type LabelScores } from '../modules/text-signals/eval-metrics';
import { NEUTRAL_BAND } from '../modules/text-signals/read-sentiment';
import { INFERENCE_VERSION, inferSignals } from '../modules/text-signals/text-model';

const USAGE = `Usage: npm run eval:text -- [--data <dir>] [--labels <dir>] [--split dev|test|all] [--errors]

Scores the text model (and plain VADER as a baseline) against the hand labels in
<labels>/labels-dev.csv and labels-test.csv (tweet_id,complaint,sentiment), reading
the tweet texts from <data>/twcs-sample-5k.csv (default ../shared/data; the texts
are never in the repo). --errors lists the DEV items the model gets wrong (never
test items), for working on the cues. Also prints the model's cost per item.`;

type Sentiment = 'negative' | 'neutral' | 'positive';
const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

interface Item {
  id: string;
  text: string;
  complaint: boolean;
  sentiment: Sentiment;
}
interface Prediction {
  complaint: boolean;
  sentiment: Sentiment;
}

const bucket = (score: number): Sentiment =>
  score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';

function model(text: string): Prediction {
  const s = inferSignals(text);
  // No signal (not read as English) scores as "not a complaint, neutral": it is counted, not dropped.
  return s
    ? { complaint: s.complaint, sentiment: bucket(s.sentiment) }
    : { complaint: false, sentiment: 'neutral' };
}

function vaderBaseline(text: string): Prediction {
  const { compound } = Vader.polarity_scores(text);
  return { complaint: compound <= -NEUTRAL_BAND, sentiment: bucket(compound) };
}

function fail(message: string): never {
  process.stderr.write(`eval:text: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true });
}

function loadItems(file: string, texts: ReadonlyMap<string, string>): Item[] {
  return readCsv(file).map((row) => {
    const text = texts.get(row.tweet_id);
    if (text === undefined) fail(`${file}: tweet ${row.tweet_id} is not in the sample`);
    if (!['0', '1'].includes(row.complaint) || !SENTIMENTS.includes(row.sentiment as Sentiment))
      fail(
        `${file}: tweet ${row.tweet_id} has a label outside complaint 0/1, ${SENTIMENTS.join('/')}`,
      );
    return {
      id: row.tweet_id,
      text,
      complaint: row.complaint === '1',
      sentiment: row.sentiment as Sentiment,
    };
  });
}

const pct = (x: number): string => x.toFixed(3);
const line = (s: LabelScores): string =>
  `${s.label.padEnd(10)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (n=${s.support})`;

function report(name: string, items: readonly Item[], predict: (text: string) => Prediction): void {
  const predictions = items.map((i) => predict(i.text));
  const complaint = labelScores(
    items.map((item, k) => [item.complaint, predictions[k].complaint] as const),
    true,
  );
  const perSentiment = SENTIMENTS.map((label) =>
    labelScores(
      items.map((item, k) => [item.sentiment, predictions[k].sentiment] as const),
      label,
    ),
  );
  process.stdout.write(
    `  ${name}\n    complaint  ${line({ ...complaint, label: '' }).trim()}\n` +
      `    sentiment  macro-F1 ${pct(macroF1(perSentiment))}\n` +
      perSentiment.map((s) => `      ${line(s)}\n`).join(''),
  );
}

function printErrors(items: readonly Item[]): void {
  for (const item of items) {
    const s = inferSignals(item.text);
    const p = model(item.text);
    if (p.complaint === item.complaint && p.sentiment === item.sentiment) continue;
    process.stdout.write(
      `${item.id} gold ${item.complaint ? 'C' : '-'} ${item.sentiment.padEnd(8)} model ${p.complaint ? 'C' : '-'} ${p.sentiment.padEnd(8)} ` +
        `${s ? s.sentiment.toFixed(2) : 'null'} [${s?.sentimentCues.join('|') ?? ''}] [${s?.complaintCues.join('|') ?? ''}]\n    ${item.text.replace(/\s+/g, ' ')}\n`,
    );
  }
}

/** CPU µs per text (process.cpuUsage, so that other load on the machine does not count). */
function timePerItem(texts: readonly string[], infer: (text: string) => unknown): number {
  for (const t of texts) infer(t); // warm up
  const rounds = 5;
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r += 1) for (const t of texts) infer(t);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (rounds * texts.length);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      labels: { type: 'string', default: 'test/text-eval' },
      split: { type: 'string', default: 'all' },
      errors: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const sample = join(values.data, 'twcs-sample-5k.csv');
  if (!existsSync(sample))
    fail(
      `${sample} is missing: the shared datasets must sit beside the repo (../shared/data), or pass --data`,
    );
  if (!['dev', 'test', 'all'].includes(values.split)) fail('--split must be dev, test or all');
  const rows = readCsv(sample);
  const texts = new Map(rows.map((r) => [r.tweet_id, r.text]));

  const splits: [string, Item[]][] = [];
  for (const split of ['dev', 'test']) {
    if (values.split !== 'all' && values.split !== split) continue;
    const file = join(values.labels, `labels-${split}.csv`);
    if (!existsSync(file)) fail(`${file} is missing`);
    splits.push([split, loadItems(file, texts)]);
  }
  if (splits.length === 2) splits.push(['all', splits.flatMap(([, items]) => items)]);

  process.stdout.write(`Text model ${INFERENCE_VERSION}; labels from ${values.labels}\n`);
  for (const [split, items] of splits) {
    const read = items.filter((i) => inferSignals(i.text) !== null).length;
    process.stdout.write(
      `\n${split}: ${items.length} tweets, ${items.filter((i) => i.complaint).length} complaints; ` +
        `the model read ${read} as English\n`,
    );
    report('model', items, model);
    report(`plain VADER (complaint = compound <= -${NEUTRAL_BAND})`, items, vaderBaseline);
  }
  if (values.errors) {
    const dev = splits.find(([s]) => s === 'dev');
    if (!dev) fail('--errors lists dev items only: run it with --split dev or all');
    process.stdout.write('\nDev items the model gets wrong:\n');
    printErrors(dev[1]);
  }

  const customer = rows.filter((r) => r.inbound === 'True').map((r) => r.text);
  process.stdout.write(
    `\nCPU cost over the sample's ${customer.length} customer tweets: ` +
      `model ${timePerItem(customer, inferSignals).toFixed(1)} µs/item, ` +
      `plain VADER ${timePerItem(customer, (t) => Vader.polarity_scores(t)).toFixed(1)} µs/item\n`,
  );
}

main();
