import { sentimentMix } from './engagement-report';

describe('sentimentMix: feedback by effective sentiment', () => {
  it.each([
    // feedback, positive, neutral, negative → unknown
    [0, 0, 0, 0, 0],
    [10, 4, 3, 2, 1],
    [7, 0, 0, 7, 0],
    [5, 0, 0, 0, 5],
  ])(
    '%d items, %d positive, %d neutral, %d negative → %d unknown',
    (feedback, positive, neutral, negative, unknown) => {
      expect(sentimentMix({ feedback, positive, neutral, negative })).toEqual({
        positive,
        neutral,
        negative,
        unknown,
      });
    },
  );
});
