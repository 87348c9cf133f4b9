import { readFileSync } from 'node:fs';

/**
 * VADER's data (vader-sentiment 1.1.3, pinned), for our own copy of its scoring
 * loop (vader-scorer.ts). The JS port exports only its analyser, not its tables:
 * the lexicon is read from the package's vader_lexicon.txt (the very entries its
 * bundle holds; vader-lexicon.test.ts checks them against the library), the small
 * tables below are copied from its source.
 */

/** word → mean valence; lookups are by lower-cased token, as VADER does. */
export const LEXICON: ReadonlyMap<string, number> = new Map(
  readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [word, mean] = line.split('\t');
      return [word, parseFloat(mean)] as const;
    }),
);

export const B_INCR = 0.293;
export const B_DECR = -0.293;
export const C_INCR = 0.733;
export const N_SCALAR = -0.74;

/** VADER's NEGATE list, matched case-sensitively (plus any token containing "n't"). */
const NEGATE: ReadonlySet<string> = new Set(
  `aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't
  dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't
  neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't
  shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite`.split(
    /\s+/,
  ),
);

/** VADER's `negated([word])`: its "least" rule needs two words, so one word never triggers it. */
export const negatedWord = (word: string): boolean => NEGATE.has(word) || word.includes("n't");

const INCREMENTS = `absolutely amazingly awfully completely considerably decidedly deeply effing
  enormously entirely especially exceptionally extremely fabulously flipping flippin fricking frickin
  frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly more most
  particularly purely quite really remarkably so substantially thoroughly totally tremendously uber
  unbelievably unusually utterly very`;
const DECREMENTS = `almost barely hardly kinda kindof kind-of less little marginally occasionally
  partly scarcely slightly somewhat sorta sortof sort-of`;

/** VADER's BOOSTER_DICT (its two-word keys "kind of", "sort of", "just enough" included). */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...INCREMENTS.split(/\s+/).map((w) => [w, B_INCR] as const),
  ...DECREMENTS.split(/\s+/).map((w) => [w, B_DECR] as const),
  ...['just enough', 'kind of', 'sort of'].map((w) => [w, B_DECR] as const),
]);

export const SPECIAL_CASE_IDIOMS: ReadonlyMap<string, number> = new Map([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['yeah right', -2],
  ['cut the mustard', 2],
  ['kiss of death', -1.5],
  ['hand to mouth', -2],
]);
