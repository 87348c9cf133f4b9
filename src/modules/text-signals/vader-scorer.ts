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
// One look-up per token: 1 = a lexicon word, 2 = one of NEGATOR_WORDS (lower-case tokens).
const LEXICON_WORD = 1;
const NEGATOR_WORD = 2;
const WORD_KIND = new Map<string, number>([...LEXICON.keys()].map((w) => [w, LEXICON_WORD]));
for (const w of NEGATOR_WORDS) WORD_KIND.set(w, (WORD_KIND.get(w) ?? 0) | NEGATOR_WORD);

// Marks whose presence at a token's start or end may call for trimming (by char code).
const EDGE = new Uint8Array(128);
for (const mark of `.!?,;:-'"`) EDGE[mark.charCodeAt(0)] = 1;
const isEdge = (code: number): boolean => code < 128 && EDGE[code] === 1;

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
    const edge = isEdge(t.charCodeAt(0)) || isEdge(t.charCodeAt(t.length - 1));
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
  const words = vaderTokens(text);
  const n = words.length;
  const lower = new Array<string>(n);
  // Lexicon words not masked as neutral: only they get a valence (the others score 0).
  const scored: number[] = [];
  let upper = 0;
  const anyCapital = /[A-Z]/.test(text); // no capital: no ALL-CAPS token to count
  for (let i = 0; i < n; i += 1) {
    const token = words[i];
    if (anyCapital && isUpperPython(token)) upper += 1;
    const l = token.toLowerCase();
    lower[i] = l;
    const kind = WORD_KIND.get(l) ?? 0;
    // A cheap test first: a token NEGATORS matches lower-cases to one of its words or ends in "n't".
    if ((kind & NEGATOR_WORD || l.endsWith("n't")) && NEGATORS.test(token)) words[i] = l;
    if (kind & LEXICON_WORD && !neutral.has(l)) scored.push(i);
  }
  const valences = new Array<number>(n).fill(0);
  if (scored.length > 0) {
    // "kind" before "of" is VADER's booster "kind of", not the word "kind"
    const tokens: Tokens = { words, lower, capDiff: upper > 0 && upper < n };
    for (const i of scored)
      if (!(lower[i] === 'kind' && lower[i + 1] === 'of')) valences[i] = vaderValence(tokens, i);
    // VADER's but_check: words before the first "but" (or "BUT") count half, words after it 1.5 times.
    let but = words.indexOf('but');
    if (but === -1) but = words.indexOf('BUT');
    if (but !== -1)
      for (const i of scored) {
        if (i < but) valences[i] = valences[i] * 0.5;
        else if (i > but) valences[i] = valences[i] * 1.5;
      }
  }
  for (const token of extra) {
    valences.push(LEXICON.get(token.toLowerCase()) ?? 0);
    words.push(token);
  }
  return { compound: compoundOf(valences, text), tokens: words, valences };
}
