import 'reflect-metadata';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/db/connect';
import { dataSourceOptions } from '../src/db/data-source-options';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { inferredColumns } from '../src/modules/feedback/feedback-inference';
import { createServices } from '../src/server/services';
import { setLogLevel } from '../src/shared/logger';
import { FeedbackKind } from '../src/shared/vocabulary';

/**
 * What the text model costs ingestion (issue #16): µs per item of inference
 * alone, and recordInteractions' service path (validation, planning, inserts,
 * links, rollups, commit) on batches of 1,000 customer tweets, side by side:
 * text read by the model, the same text with inference skipped (a provided
 * sentiment on PRAISE: nothing the model says would be used), and no text.
 * Rounds alternate, each in another order of the variants, so that a busy
 * machine (and the tables growing) slows all variants alike.
 * Usage: node scripts/run-built.js bench/text-signals-cost.js [rounds]
 */
const BATCH = 1000;
const ROUNDS = Number(process.argv[2] ?? 6);

async function main(): Promise<void> {
  setLogLevel('warn');
  const file = path.resolve(process.env.SHARED_DATA_DIR ?? '../shared/data', 'twcs-sample-5k.csv');
  const texts = (parse(readFileSync(file), { columns: true }) as Record<string, string>[])
    .filter((r) => r.inbound === 'True')
    .map((r) => r.text!);

  // inference alone, as ingestion calls it
  for (let i = 0; i < 200; i++) inferredColumns('COMMENT', null, texts[i % texts.length]!);
  const n = 20_000;
  let started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) inferredColumns('COMMENT', null, texts[i % texts.length]!);
  const inferUs = Number(process.hrtime.bigint() - started) / 1000 / n;
  const { user, system } = process.cpuUsage(cpu);
  process.stdout.write(
    `inference: ${inferUs.toFixed(1)} µs per item, ${((user + system) / n).toFixed(1)} µs of CPU ` +
      `(${texts.length} distinct tweets)\n`,
  );

  const base = mkdtempSync(path.join(os.tmpdir(), 'rapport-text-cost-'));
  chmodSync(base, 0o755);
  const postgres = await startEmbeddedPostgres(path.join(base, 'data'));
  const ds = new DataSource(dataSourceOptions(postgres.url, 2));
  try {
    await ds.initialize();
    await runMigrations(ds);
    const services = createServices();
    const ws = await ds.transaction((m) => services.workspaces.findOrCreate(m, 'cost'));
    const uow = services.unitOfWork(ds, ws.id);
    const brand = await uow.write((scope) =>
      services.brands.create(scope, { name: 'Cost', timezone: 'UTC' }),
    );
    let offset = 0;
    const batch = (variant: 'inferred' | 'skipped' | 'no text') =>
      Array.from({ length: BATCH }, () => {
        const i = offset++;
        return {
          kind: variant === 'skipped' ? FeedbackKind.PRAISE : FeedbackKind.COMMENT,
          sentiment: variant === 'skipped' ? 0.1 : null,
          text: variant === 'no text' ? null : texts[i % texts.length]!,
          receivedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
          externalId: `c${i}`,
        };
      });
    const times: Record<string, number[]> = { inferred: [], skipped: [], 'no text': [] };
    const variants = ['inferred', 'skipped', 'no text'] as const;
    for (let round = -1; round < ROUNDS; round++) {
      const shift = (round + 3) % 3;
      for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
        const items = batch(variant);
        started = process.hrtime.bigint();
        await uow.write((scope) => services.ingestion.record(scope, brand.id, [], items));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (round >= 0) times[variant]!.push(ms); // round -1 warms up
      }
    }
    await uow.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const inferred = median(times.inferred!);
    for (const [variant, xs] of Object.entries(times)) {
      const m = median(xs);
      process.stdout.write(
        `${variant.padEnd(8)}: median ${m.toFixed(0)} ms per ${BATCH} items, ${((BATCH / m) * 1000).toFixed(0)} items/s` +
          (variant === 'inferred'
            ? ''
            : ` (inferred is ${((inferred / m - 1) * 100).toFixed(1)} % slower)`) +
          '\n',
      );
    }
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await postgres.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`text-signals-cost: ${String(error)}\n`);
  process.exit(1);
});
