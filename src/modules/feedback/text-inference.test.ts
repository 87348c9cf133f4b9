import { sampleItems } from '../../../test/factories/feedback-texts';
import { INFERENCE_VERSION } from '../text-signals/text-model';
import { inferredColumns } from './feedback-inference';
import { TextInference } from './text-inference';

describe('TextInference in the request thread', () => {
  const inference = new TextInference(0);
  afterAll(() => inference.close());

  it('is not threaded with 0 threads', () => {
    expect(inference.threaded).toBe(false);
  });

  it.each([0, 1, 31, 32, 200])(
    'answers for %i items exactly what the model says of each, in order',
    async (n) => {
      const items = sampleItems(n);
      expect(await inference.columns(items)).toEqual(
        items.map((i) => inferredColumns(i.kind, i.sentiment, i.text)),
      );
    },
  );

  it.each([
    ['no text', { kind: 'COMMENT', sentiment: null, text: null }, null],
    [
      'PRAISE with a sentiment: nothing to read',
      { kind: 'PRAISE', sentiment: 0.5, text: 'awful' },
      INFERENCE_VERSION,
    ],
  ])('%s: no signals', async (_, item, version) => {
    const [columns] = await inference.columns([item]);
    expect(columns).toEqual({
      inferred_sentiment: null,
      inferred_complaint: null,
      sentiment_cues: [],
      complaint_cues: [],
      inference_version: version,
    });
  });

  it('lets other work run while a large batch is read (it yields)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await inference.columns(sampleItems(2000));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
