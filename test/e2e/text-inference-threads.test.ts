import path from 'node:path';
import { sampleItems } from '../factories/feedback-texts';
import type { TextInference } from '../../src/modules/feedback/text-inference';
import { buildServer } from '../support/server-processes';

/**
 * The text model's worker threads, as the built server runs them (the worker
 * must be compiled JavaScript: under jest the TypeScript reads in-thread):
 * a batch read in a thread is exactly what the request thread reads.
 */
const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'modules', 'feedback');

type Built = { TextInference: typeof TextInference };

describe('the text model in worker threads (built)', () => {
  let built: Built;
  beforeAll(async () => {
    buildServer();
    built = (await import(path.join(DIST, 'text-inference.js'))) as Built;
  }, 180_000);

  it('reads batches in a thread, with the same results as in the request thread', async () => {
    const threads = new built.TextInference(1);
    const inline = new built.TextInference(0);
    try {
      expect(threads.threaded).toBe(true);
      for (const n of [40, 1000]) {
        const items = sampleItems(n);
        expect(await threads.columns(items)).toEqual(await inline.columns(items));
      }
    } finally {
      await threads.close();
      await inline.close();
    }
  }, 60_000);
});
