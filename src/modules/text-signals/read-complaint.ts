import { COMPLAINT_CUES, NOT_COMPLAINT_CUES, type ComplaintCue } from './complaint-cues';
import { prefilter } from './cue-prefilter';
import { type NormalisedText } from './normalise-text';
import { type SentimentReading } from './read-sentiment';

export interface ComplaintReading {
  complaint: boolean;
  /** The summed cue weights that were compared with COMPLAINT_THRESHOLD. */
  score: number;
  /** The phrases that counted, in the order of the cue table, then "negative tone" if it counted. */
  cues: string[];
  /** The phrases among `cues` that voice displeasure ("still no", "again", "ridiculous"). */
  toneCues: string[];
}

export const COMPLAINT_THRESHOLD = 2;
/** A negative tone adds weight: a clearly negative one decides alone, a mild one needs a cue. */
const NEGATIVE_TONE: readonly (readonly [number, number])[] = [
  [-0.4, 2],
  [-0.05, 1],
];

interface Match {
  cue: string;
  weight: number;
  tone?: true;
}

const CANDIDATES = prefilter(COMPLAINT_CUES);
const NOT_CANDIDATES = prefilter(NOT_COMPLAINT_CUES);

/** The cues that match, in table order; only those whose keys the text holds are run. */
function matches(table: readonly ComplaintCue[], candidates: Uint8Array, text: string): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < table.length; i += 1) {
    if (candidates[i] === 0) continue;
    const { cue, pattern, weight, tone } = table[i];
    const m = pattern.exec(text);
    if (m) found.push({ cue: cue ?? m[0].trim(), weight, tone });
  }
  return found;
}

export function readComplaint(text: NormalisedText, sentiment: SentimentReading): ComplaintReading {
  const lower = text.lower;
  const found = matches(COMPLAINT_CUES, CANDIDATES.candidates(lower), lower);
  const tone = NEGATIVE_TONE.find(([below]) => sentiment.score <= below);
  if (tone) found.push({ cue: 'negative tone', weight: tone[1] });
  const against = matches(NOT_COMPLAINT_CUES, NOT_CANDIDATES.candidates(lower), lower);
  let score = 0;
  for (const f of found) score += f.weight;
  for (const f of against) score += f.weight;
  const complaint = score >= COMPLAINT_THRESHOLD;
  if (!complaint) return { complaint, score, cues: [], toneCues: [] };
  const toneCues = found.filter((f) => f.tone).map((f) => f.cue);
  return { complaint, score, cues: found.map((f) => f.cue), toneCues };
}
