import { existsSync } from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import { logger } from '../../shared/logger';
import { inferredColumns, modelWanted, type InferredColumns } from './feedback-inference';
import type { InferenceTask } from './feedback-inference-worker';

/** What the text model is asked about a feedback item (feedback-inference.ts). */
export interface InferenceItem {
  kind: string;
  sentiment: number | null;
  text: string | null;
}

/** Below this many texts to read, a batch is read in the request's thread (a hand-off costs more). */
const MIN_TEXTS_FOR_THREAD = 32;
/** Items between two yields to the event loop when read in the request's thread. */
const ITEMS_PER_YIELD = 64;
const WORKER = path.join(__dirname, 'feedback-inference-worker.js');

/**
 * Runs the text model for a write (in its transaction, before the brand is
 * locked). The model takes ≈ 40 µs a text: a batch of 1,000 in the request's
 * thread is tens of milliseconds in which the process serves nobody else, not
 * even the request that holds the brand's lock and waits for its next
 * statement. So batches are read in worker threads (piscina; `threads` of
 * them, started on demand and stopped when idle), using a core PostgreSQL and
 * the request thread leave free; small ones, and every read when `threads` is
 * 0 or the worker is not compiled (tests run the TypeScript), are read here,
 * yielding to the event loop every 64 items. The results are the same either
 * way: the model is pure.
 */
export class TextInference {
  private readonly pool: Piscina | null;

  constructor(threads: number) {
    this.pool =
      threads > 0 && existsSync(WORKER)
        ? new Piscina({ filename: WORKER, minThreads: 0, maxThreads: threads, idleTimeout: 30_000 })
        : null;
  }

  /** Whether batches go to worker threads. */
  get threaded(): boolean {
    return this.pool !== null;
  }

  /** The inferred columns of each item, in order. */
  async columns(items: readonly InferenceItem[]): Promise<InferredColumns[]> {
    const wanted: number[] = [];
    const out = items.map((item, i) => {
      if (modelWanted(item.kind, item.sentiment, item.text)) return void wanted.push(i);
      return inferredColumns(item.kind, item.sentiment, item.text); // the model is not run
    });
    const read = await this.read(
      wanted.map((i) => [items[i]!.kind, items[i]!.sentiment, items[i]!.text!] as const),
    );
    wanted.forEach((i, k) => (out[i] = read[k]));
    return out as InferredColumns[];
  }

  private async read(task: InferenceTask): Promise<InferredColumns[]> {
    if (this.pool && task.length >= MIN_TEXTS_FOR_THREAD) {
      try {
        return (await this.pool.run(task, { name: 'inferAll' })) as InferredColumns[];
      } catch (error) {
        // a worker that cannot start (or died) must not fail a write: the model is the same here
        logger.warn('text model thread failed; reading in the request thread', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const out: InferredColumns[] = [];
    for (let i = 0; i < task.length; i++) {
      if (i > 0 && i % ITEMS_PER_YIELD === 0) await new Promise((r) => setImmediate(r));
      const [kind, sentiment, text] = task[i]!;
      out.push(inferredColumns(kind, sentiment, text));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
