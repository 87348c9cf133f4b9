import { LEXICON } from './vader-lexicon';
import { isUpperPython, vaderValence, type Tokens } from './vader-valence';

/**
 * VADER (vader-sentiment, pinned) scored token by token so that the cues are
 * the tokens that actually moved the score. The loop is VADER's own
 * `polarity_scores` — same tokenisation, same per-token `sentiment_valence`,
 * `but_check` and `score_valence`, re-written in vader-valence.ts over the
 * library's lexicon because the library's tokeniser and per-word lookups were
 * most of the model's time — with one addition: tokens in `neutral` score 0
 * (words such as "help" or "please" that VADER rates positive but that
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
const PUNCTUATION = /[!"#$%&'()*+,-./:;<=>?@[\\\]^_`{|}~]/;
const PUNCTUATION_MARKS = [
  '.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?',
]; // prettier-ignore

const NEGATOR_WORDS =
  `not no never none nope nothing nowhere neither nor without cannot aint arent cant
  couldnt didnt doesnt dont hadnt hasnt havent isnt wasnt werent wont wouldnt shouldnt rarely seldom
  despite`.split(/\s+/);
/** VADER's negations (its list is lower-case only: the JS port misses "NOT", Python's does not). */
export const NEGATORS = new RegExp(String.raw`^(?:${NEGATOR_WORDS.join('|')}|\w+n't)$`, 'i');
const NEGATOR_SET: ReadonlySet<string> = new Set(NEGATOR_WORDS);

const EDGE_MARKS = `.!?,;:-'"`;

/**
 * VADER keeps a word with one mark trimmed when the trimmed word is one of the
 * text's punctuation-free words. Such words are exactly the strings of 2+
 * characters with no punctuation (every such trimmed word is one: its own
 * token without punctuation), so no set of them is built.
 */
const isBareWord = (word: string): boolean => word.length > 1 && !PUNCTUATION.test(word);

function trimOneMark(token: string): string {
  for (const p of PUNCTUATION_MARKS) {
    if (token.startsWith(p) && isBareWord(token.slice(p.length))) return token.slice(p.length);
    if (token.endsWith(p) && isBareWord(token.slice(0, -p.length)))
      return token.slice(0, -p.length);
  }
  return token;
}

/** VADER's SentiText tokens: split on whitespace, strip one punctuation mark off a word's ends. */
export function vaderTokens(text: string): string[] {
  const tokens: string[] = [];
  // Normalised text has single plain spaces only; splitting it on ' ' is the same, and cheaper.
  for (const t of /[^\S ]/.test(text) ? text.split(/\s/) : text.split(' ')) {
    if (t.length < 2) continue;
    const edge = EDGE_MARKS.includes(t[0]) || EDGE_MARKS.includes(t[t.length - 1]);
    tokens.push(edge ? trimOneMark(t) : t);
  }
  return tokens;
}

/** VADER's score_valence, compound only (its "!" and "?" emphasis, then normalisation). */
function compoundOf(valences: readonly number[], text: string): number {
  if (valences.length === 0) return 0;
  let sum = 0;
  for (const v of valences) sum += v;
  let marks = 0;
  let questions = 0;
  for (let i = text.indexOf('!'); i !== -1; i = text.indexOf('!', i + 1)) marks += 1;
  for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) questions += 1;
  const ep = Math.min(marks, 4) * 0.292;
  const qm = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
  const emphasis = ep + qm;
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
  return parseFloat(compound.toFixed(4));
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
  const words: string[] = [];
  const lower: string[] = [];
  let upper = 0;
  const anyCapital = /[A-Z]/.test(text); // no capital: no ALL-CAPS token to count
  for (const token of raw) {
    if (anyCapital && isUpperPython(token)) upper += 1;
    const l = token.toLowerCase();
    // A cheap test first: a token NEGATORS matches lower-cases to one of its words or ends in "n't".
    const negator = (NEGATOR_SET.has(l) || l.endsWith("n't")) && NEGATORS.test(token);
    words.push(negator ? l : token);
    lower.push(l);
  }
  const tokens: Tokens = { words, lower, capDiff: upper > 0 && upper < words.length };
  const valences: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const kindOf = lower[i] === 'kind' && lower[i + 1] === 'of';
    valences.push(kindOf || neutral.has(lower[i]) ? 0 : vaderValence(tokens, i));
  }
  // VADER's but_check: words before the first "but" (or "BUT") count half, words after it 1.5 times.
  let but = words.indexOf('but');
  if (but === -1) but = words.indexOf('BUT');
  if (but !== -1)
    for (let i = 0; i < valences.length; i += 1) {
      if (i < but) valences[i] = valences[i] * 0.5;
      else if (i > but) valences[i] = valences[i] * 1.5;
    }
  for (const token of extra) valences.push(LEXICON.get(token.toLowerCase()) ?? 0);
  return { compound: compoundOf(valences, text), tokens: [...words, ...extra], valences };
}
