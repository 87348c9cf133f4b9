import {
  B_DECR,
  BOOSTERS,
  C_INCR,
  LEXICON,
  N_SCALAR,
  negatedWord,
  SPECIAL_CASE_IDIOMS,
} from './vader-lexicon';

/**
 * VADER's `sentiment_valence` (vader-sentiment 1.1.3) step for step, over tokens
 * lower-cased once instead of at every look-up. Its quirks are kept on purpose
 * (e.g. never_check's "so"/"this" one word back, which multiplies by 1.25):
 * the scores must stay VADER's.
 */
export interface Tokens {
  /** VADER's words_and_emoticons. */
  words: readonly string[];
  /** The same, lower-cased. */
  lower: readonly string[];
  /** VADER's is_cap_diff: some but not all words are ALL CAPS. */
  capDiff: boolean;
}

/** VADER's is_upper_python, /^[^a-z]*[A-Z]+[^a-z]*$/: no a–z and some A–Z (a loop: it runs on every token). */
export function isUpperPython(word: string): boolean {
  let capital = false;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capital = true;
  }
  return capital;
}

/** scalar_inc_dec: what the booster word `at` adds to `valence`. */
function boost(t: Tokens, at: number, valence: number): number {
  const b = BOOSTERS.get(t.lower[at]);
  if (b === undefined) return 0;
  let scalar = valence < 0 ? -b : b;
  if (t.capDiff && isUpperPython(t.words[at]))
    scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
  return scalar;
}

function neverCheck(valence: number, w: readonly string[], back: number, i: number): number {
  if (back === 0) return negatedWord(w[i - 1]) ? valence * N_SCALAR : valence;
  if (back === 1) {
    if (w[i - 2] === 'never' && (w[i - 1] === 'so' || w[i - 1] === 'this')) return valence * 1.5;
    return negatedWord(w[i - 2]) ? valence * N_SCALAR : valence;
  }
  const neverSo = w[i - 3] === 'never' && (w[i - 2] === 'so' || w[i - 2] === 'this');
  if (neverSo || w[i - 1] === 'so' || w[i - 1] === 'this') return valence * 1.25;
  return negatedWord(w[i - 3]) ? valence * N_SCALAR : valence;
}

// Every word of an idiom or two-word booster. Tokens hold no spaces, so a sequence can be a key only
// if all its words are here; each sequence idioms_check builds holds w[i-2], w[i-1] or w[i].
const IDIOM_WORDS: ReadonlySet<string> = new Set(
  [...SPECIAL_CASE_IDIOMS.keys(), ...BOOSTERS.keys()].flatMap((k) =>
    k.includes(' ') ? k.split(' ') : [],
  ),
);

/** idioms_check (only reached with i ≥ 3, so every word it names exists but those after i). */
function idiomsCheck(valence: number, w: readonly string[], i: number): number {
  if (!IDIOM_WORDS.has(w[i - 2]) && !IDIOM_WORDS.has(w[i - 1]) && !IDIOM_WORDS.has(w[i]))
    return valence;
  const twoOne = `${w[i - 2]} ${w[i - 1]}`;
  const threeTwo = `${w[i - 3]} ${w[i - 2]}`;
  const sequences = [
    `${w[i - 1]} ${w[i]}`,
    `${twoOne} ${w[i]}`,
    twoOne,
    `${w[i - 3]} ${twoOne}`,
    threeTwo,
  ];
  for (const s of sequences) {
    const idiom = SPECIAL_CASE_IDIOMS.get(s);
    if (idiom !== undefined) {
      valence = idiom;
      break;
    }
  }
  if (w.length - 1 > i) valence = SPECIAL_CASE_IDIOMS.get(`${w[i]} ${w[i + 1]}`) ?? valence;
  if (w.length - 1 > i + 1)
    valence = SPECIAL_CASE_IDIOMS.get(`${w[i]} ${w[i + 1]} ${w[i + 2]}`) ?? valence;
  if (BOOSTERS.has(threeTwo) || BOOSTERS.has(twoOne)) valence = valence + B_DECR;
  return valence;
}

const LEAST_IS_WORD = LEXICON.has('least');

function leastCheck(valence: number, lower: readonly string[], i: number): number {
  if (LEAST_IS_WORD || i === 0 || lower[i - 1] !== 'least') return valence;
  if (i > 1) return lower[i - 2] !== 'at' && lower[i - 2] !== 'very' ? valence * N_SCALAR : valence;
  return valence * N_SCALAR;
}

/** The valence of token i in its sentence (0 for a word not in the lexicon). */
export function vaderValence(t: Tokens, i: number): number {
  let valence = LEXICON.get(t.lower[i]);
  if (valence === undefined) return 0;
  if (t.capDiff && isUpperPython(t.words[i]))
    valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
  for (let back = 0; back < 3; back += 1) {
    const at = i - (back + 1);
    if (at < 0 || LEXICON.has(t.lower[at])) continue;
    let s = boost(t, at, valence);
    if (back === 1 && s !== 0) s = s * 0.95;
    else if (back === 2 && s !== 0) s = s * 0.9;
    valence = valence + s;
    valence = neverCheck(valence, t.words, back, i);
    if (back === 2) valence = idiomsCheck(valence, t.words, i);
  }
  return leastCheck(valence, t.lower, i);
}
