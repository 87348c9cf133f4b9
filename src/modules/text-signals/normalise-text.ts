/**
 * Social-media text cleaned for the lexicon models: handles, URLs and signatures
 * carry no sentiment (and "@sprintcare" must not read as "care"), emoji are kept
 * apart so the sentiment model can score them.
 */
export interface NormalisedText {
  /** The text without handles, URLs and emoji, whitespace collapsed; case kept (VADER reads ALL CAPS). */
  clean: string;
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

export function normaliseText(text: string): NormalisedText {
  const emoji: string[] = [];
  const clean = text
    .replace(/&(?:amp|lt|gt|quot);/g, (e) => HTML_ENTITIES[e] ?? e)
    .replace(URL, ' ')
    .replace(HANDLE, '$1 ')
    .replace(EMOJI, (e) => {
      emoji.push(e);
      return ' ';
    })
    .replace(EMOTICON, (e) => {
      emoji.push(e);
      return ' ';
    })
    .replace(/[\uFE0F\u200D]/gu, '')
    .replace(/[’‘]/gu, "'")
    .replace(SIGNATURE, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const words = clean.toLowerCase().match(WORD) ?? [];
  return { clean, emoji, words };
}
