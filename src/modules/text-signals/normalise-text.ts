/**
 * Social-media text cleaned for the lexicon models: handles, URLs and signatures
 * carry no sentiment (and "@sprintcare" must not read as "care"), emoji are kept
 * apart so the sentiment model can score them.
 */
export interface NormalisedText {
  /** The text without handles, URLs and emoji, whitespace collapsed; case kept (VADER reads ALL CAPS). */
  clean: string;
  /** `clean` lower-cased (the complaint cues read it). */
  lower: string;
  /** The emoji clusters and emoticons (":(", "<3"), in order of appearance. */
  emoji: string[];
  /** Lower-cased word tokens of `clean` (letters, digits, apostrophes), for the cue and language rules. */
  words: string[];
}

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(^|[^\p{L}\p{N}_])@\w+/gu;
// A trailing agent signature such as "-KC" or "^JS" is noise, not a word.
const SIGNATURE = /\s[-^~*][A-Z]{1,3}\s*$/u;
// One emoji with its skin tone, variation selector and ZWJ-joined parts ("🤦🏻‍♀️" is one cluster).
const EMOJI =
  /\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u20E3|\u200D\p{Extended_Pictographic})*/gu;
// Western emoticons standing alone: ":(", ":-)", ";)", ":D", ":/", "<3", "D:".
const EMOTICON = /(?<=^|\s)(?:[:;=][-']?[()[\]DPpOo/\\|*3]|<3+|[)(D][-']?[:;=])(?=$|[\s.,!?])/gu;
const WORD = /[\p{L}\p{N}]+(?:'\p{L}+)*/gu;
const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
};

const NON_ASCII = /[\u0080-\uffff]/;
// On ASCII text \p{L} is [a-z] once lower-cased and \p{N} is [0-9]: the same words, a cheaper regex.
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)*/g;

/**
 * Each step runs only when its pattern could match (an "&", an "@", a "//" or "www.", a non-ASCII
 * character for emoji and curly quotes, a ":;=<" for emoticons): most tweets
 * need few of them, and the skipped ones would have changed nothing.
 */
export function normaliseText(text: string): NormalisedText {
  const emoji: string[] = [];
  const ascii = !NON_ASCII.test(text);
  let clean = text;
  if (clean.includes('&'))
    clean = clean.replace(/&(?:amp|lt|gt|quot);/g, (e) => HTML_ENTITIES[e] ?? e);
  if (/\/\/|www\./i.test(clean)) clean = clean.replace(URL, ' ');
  if (clean.includes('@')) clean = clean.replace(HANDLE, '$1 ');
  if (!ascii)
    clean = clean.replace(EMOJI, (e) => {
      emoji.push(e);
      return ' ';
    });
  if (/[:;=<]/.test(clean))
    clean = clean.replace(EMOTICON, (e) => {
      emoji.push(e);
      return ' ';
    });
  if (!ascii) clean = clean.replace(/[\uFE0F\u200D]/gu, '').replace(/[’‘]/gu, "'");
  // Most texts are ASCII once emoji and curly quotes are gone: as such, in one byte per character,
  // every later step on them is about twice as fast (V8 keeps a two-byte string two-byte).
  const asciiNow = ascii || !NON_ASCII.test(clean);
  if (!ascii && asciiNow) clean = Buffer.from(clean, 'latin1').toString('latin1');
  clean = clean.replace(SIGNATURE, ' ');
  // Collapsing whitespace rewrites only the runs that are not already one plain space.
  clean = clean.replace(/ \s+|[^\S ]\s*/g, ' ').trim();
  const lower = clean.toLowerCase();
  const words = lower.match(asciiNow ? ASCII_WORD : WORD) ?? [];
  return { clean, lower, emoji, words };
}
