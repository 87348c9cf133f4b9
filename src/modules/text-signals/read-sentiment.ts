import { emojiProxy } from './emoji-proxies';
import { type NormalisedText } from './normalise-text';
import { NEGATORS, scoreWithVader } from './vader-scorer';

export interface SentimentReading {
  /** VADER's compound score, in [−1, 1]. */
  score: number;
  /** The words and emoji that pushed the score its way, with their negation or intensifier ("not good"). */
  cues: string[];
}

/** Below this absolute compound, VADER's authors call a text neutral. */
export const NEUTRAL_BAND = 0.05;

// Words VADER rates positive that customers put in almost every request, whatever their mood.
const DOMAIN_NEUTRAL: ReadonlySet<string> = new Set([
  'help',
  'helping',
  'please',
  'pls',
  'plz',
  'support',
  'care',
  'like',
  'sure',
  'ok',
  'okay',
  'yes',
  'want',
  'hope',
  'free',
  'number',
  // …and words that name a problem without judging it: a calm problem report is neutral (the guide).
  'problem',
  'problems',
  'issue',
  'issues',
  'trouble',
  'no',
  'cancel',
  'stop',
  'lost',
  'error',
]);

// Thanks as a sign-off is routine politeness (the guide): it counts only in a tweet that is mainly thanks.
const POLITE: ReadonlySet<string> = new Set([
  'thanks',
  'thank',
  'thx',
  'ty',
  'kindly',
  'appreciate',
]);
const THANKS_FILLER: ReadonlySet<string> = new Set(
  'you u so much very for the all your guys again a lot in advance and team'.split(' '),
);

const NEUTRAL_WITH_POLITE: ReadonlySet<string> = new Set([...DOMAIN_NEUTRAL, ...POLITE]);

/** True when thanks is all the tweet says (≤ 6 other words, no question): then it is positive. */
function mainlyThanks(text: NormalisedText): boolean {
  if (text.clean.includes('?')) return false;
  let rest = 0;
  for (const w of text.words) {
    if (!POLITE.has(w) && !THANKS_FILLER.has(w) && ++rest > 6) return false;
  }
  return true;
}

const INTENSIFIERS =
  /^(?:very|so|really|extremely|super|totally|absolutely|completely|too|most|incredibly|truly|fucking|freaking|such)$/i;

function cueFor(tokens: readonly string[], i: number): string {
  const word = tokens[i].toLowerCase();
  for (let back = 1; back <= 3 && i - back >= 0; back += 1) {
    const before = tokens[i - back].toLowerCase();
    if (NEGATORS.test(before)) return `${before} ${word}`;
  }
  const previous = tokens[i - 1];
  return previous && INTENSIFIERS.test(previous) ? `${previous.toLowerCase()} ${word}` : word;
}

export function readSentiment(text: NormalisedText): SentimentReading {
  const proxies = text.emoji.map((e) => [e, emojiProxy(e)] as const).filter(([, p]) => p);
  const extra = proxies.map(([, p]) => p as string);
  const neutral = mainlyThanks(text) ? DOMAIN_NEUTRAL : NEUTRAL_WITH_POLITE;
  const { compound, tokens, valences } = scoreWithVader(text.clean, neutral, extra);
  const wordTokens = tokens.length - proxies.length;
  const cues: string[] = [];
  if (Math.abs(compound) >= NEUTRAL_BAND) {
    valences.forEach((v, i) => {
      if (v === 0 || Math.sign(v) !== Math.sign(compound)) return;
      const cue = i >= wordTokens ? proxies[i - wordTokens][0] : cueFor(tokens, i);
      if (!cues.includes(cue)) cues.push(cue);
    });
  }
  return { score: compound, cues };
}
