import { SentimentIntensityAnalyzer as Vader } from 'vader-sentiment';

/**
 * VADER (vader-sentiment, pinned) scored token by token so that the cues are
 * the tokens that actually moved the score. The loop is VADER's own
 * `polarity_scores` — same tokenisation, same per-token `sentiment_valence`,
 * `but_check` and `score_valence` — with one addition: tokens in `neutral`
 * score 0 (words such as "help" or "please" that VADER rates positive but that
 * customers write in every request) — and `extra` tokens, below.
 */
export interface VaderResult {
  compound: number;
  /** VADER's tokens (punctuation trimmed, one-character tokens dropped, as VADER does). */
  tokens: string[];
  /** Each token's valence after boosters, negation, "but" and caps. */
  valences: number[];
}

// VADER's punctuation class, copied from the library (the `,-.` range includes '-').
const PUNCTUATION = /[!"#$%&'()*+,-./:;<=>?@[\\\]^_`{|}~]/g;
const PUNCTUATION_MARKS = [
  '.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?',
]; // prettier-ignore

/** VADER's negations (its list is lower-case only: the JS port misses "NOT", Python's does not). */
export const NEGATORS =
  /^(?:not|no|never|none|nope|nothing|nowhere|neither|nor|without|cannot|aint|arent|cant|couldnt|didnt|doesnt|dont|hadnt|hasnt|havent|isnt|wasnt|werent|wont|wouldnt|shouldnt|rarely|seldom|despite|\w+n't)$/i;

const EDGE_PUNCTUATION = /^[.!?,;:\-'"]|[.!?,;:\-'"]$/;

const isUpperPython = (word: string): boolean => /^[^a-z]*[A-Z]+[^a-z]*$/.test(word);

/** VADER's SentiText tokens: split on whitespace, strip one punctuation mark off a word's ends. */
export function vaderTokens(text: string): string[] {
  const bare = new Set(
    text
      .replace(PUNCTUATION, '')
      .split(/\s/)
      .filter((w) => w.length > 1),
  );
  return text
    .split(/\s/)
    .filter((t) => t.length > 1)
    .map((t) => {
      if (!EDGE_PUNCTUATION.test(t)) return t; // most tokens: nothing to strip
      for (const p of PUNCTUATION_MARKS) {
        if (t.startsWith(p) && bare.has(t.slice(p.length))) return t.slice(p.length);
        if (t.endsWith(p) && bare.has(t.slice(0, -p.length))) return t.slice(0, -p.length);
      }
      return t;
    });
}

/**
 * `extra` tokens (emoji read as words) are scored alone, out of the sentence: a
 * "not" three words before an emoji does not flip it.
 */
export function scoreWithVader(
  text: string,
  neutral: ReadonlySet<string>,
  extra: readonly string[] = [],
): VaderResult {
  const raw = vaderTokens(text);
  const upper = raw.filter(isUpperPython).length;
  const tokens = raw.map((t) => (NEGATORS.test(t) ? t.toLowerCase() : t));
  const sentiText = {
    words_and_emoticons: tokens,
    is_cap_diff: upper > 0 && upper < tokens.length,
  };
  let valences: number[] = [];
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    const kindOf = lower === 'kind' && tokens[i + 1]?.toLowerCase() === 'of';
    if (kindOf || neutral.has(lower)) valences.push(0);
    else valences = Vader.sentiment_valence(0, sentiText, token, i, valences);
  });
  valences = Vader.but_check(tokens, valences);
  for (const token of extra) {
    const alone = { words_and_emoticons: [token], is_cap_diff: false };
    valences.push(Vader.sentiment_valence(0, alone, token, 0, [])[0]);
  }
  const compound = Vader.score_valence(valences, text).compound;
  return { compound, tokens: [...tokens, ...extra], valences };
}
