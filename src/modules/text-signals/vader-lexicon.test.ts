import { SentimentIntensityAnalyzer as Vader } from 'vader-sentiment';
import { BOOSTERS, LEXICON } from './vader-lexicon';
import { scoreWithVader } from './vader-scorer';

const alone = (word: string): number =>
  Vader.sentiment_valence(0, { words_and_emoticons: [word], is_cap_diff: false }, word, 0, [])[0];

describe('LEXICON', () => {
  it("holds the library's valence for each of its 7,503 entries", () => {
    expect(LEXICON.size).toBe(7503);
    for (const [word, valence] of LEXICON)
      if (word === word.toLowerCase()) expect(alone(word)).toBe(valence);
  });

  it("gives boosters and idioms the library's effect", () => {
    expect(BOOSTERS.size).toBe(66); // the library's BOOSTER_DICT
    const words = [...BOOSTERS.keys()].filter((b) => !LEXICON.has(b));
    const texts = [
      ...words.map((b) => `the film was ${b} good`),
      ...words.map((b) => `the ${b.toUpperCase()} good film`),
      'it was the shit',
      'the food is kind of good but cold',
      'yeah right, great',
    ];
    for (const text of texts)
      expect(scoreWithVader(text, new Set()).compound).toBe(Vader.polarity_scores(text).compound);
  });
});
