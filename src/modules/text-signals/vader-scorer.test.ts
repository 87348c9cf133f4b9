import { SentimentIntensityAnalyzer as Vader } from 'vader-sentiment';
import { scoreWithVader, vaderTokens } from './vader-scorer';

describe('scoreWithVader', () => {
  // With nothing masked it must be VADER itself, so the library's figures hold for it.
  it.each([
    'VADER is smart, handsome, and funny.',
    'VADER is VERY SMART, handsome, and FUNNY!!!',
    'The book was kind of good.',
    'At least it is not horrible.',
    'The plot was good, but the characters are uncompelling and the dialog is not great.',
    'Today SUX! :( never so bad',
    'Make sure you :) or :D today!',
    'not bad at all... not the worst, but never good either??',
    '',
  ])('gives the compound of VADER polarity_scores for %j', (text) => {
    expect(scoreWithVader(text, new Set()).compound).toBe(Vader.polarity_scores(text).compound);
  });

  it('scores masked words as 0 and extra tokens out of the sentence', () => {
    expect(scoreWithVader('please help', new Set(['please', 'help'])).compound).toBe(0);
    // "not" three words before the emoji's word must not flip it
    const r = scoreWithVader('not the one', new Set(), ['furious']);
    expect(r.compound).toBeLessThan(0);
    expect(r.tokens).toEqual(['not', 'the', 'one', 'furious']);
  });

  it('reads upper-case negations (the JS port misses "NOT")', () => {
    expect(scoreWithVader('this is NOT good', new Set()).compound).toBeLessThan(0);
  });
});

describe('vaderTokens', () => {
  it.each([
    ['Good, bad!! ok', ['Good', 'bad', 'ok']],
    ["I can't :) a b", ["can't", ':)']],
  ])('%j → %j', (text, tokens) => expect(vaderTokens(text)).toEqual(tokens));
});
