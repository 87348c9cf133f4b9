import { COMPLAINT_CUES, NOT_COMPLAINT_CUES, type ComplaintCue } from './complaint-cues';
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

function matches(table: readonly ComplaintCue[], text: string): Match[] {
  const found: Match[] = [];
  for (const { cue, pattern, weight, tone } of table) {
    const m = pattern.exec(text);
    if (m) found.push({ cue: cue ?? m[0].trim(), weight, tone });
  }
  return found;
}

export function readComplaint(text: NormalisedText, sentiment: SentimentReading): ComplaintReading {
  const lower = text.lower;
  const found = matches(COMPLAINT_CUES, lower);
  const tone = NEGATIVE_TONE.find(([below]) => sentiment.score <= below);
  if (tone) found.push({ cue: 'negative tone', weight: tone[1] });
  const against = matches(NOT_COMPLAINT_CUES, lower);
  const score = [...found, ...against].reduce((sum, f) => sum + f.weight, 0);
  const complaint = score >= COMPLAINT_THRESHOLD;
  if (!complaint) return { complaint, score, cues: [], toneCues: [] };
  const toneCues = found.filter((f) => f.tone).map((f) => f.cue);
  return { complaint, score, cues: found.map((f) => f.cue), toneCues };
}
