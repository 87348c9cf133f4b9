import { detectLanguage } from './detect-language';
import { normaliseText } from './normalise-text';
import { readComplaint, type ComplaintReading } from './read-complaint';
import { NEUTRAL_BAND, readSentiment, type SentimentReading } from './read-sentiment';

/**
 * Rapport's text model: the INFERRED sentiment and complaint flag of a feedback
 * text (engagement-model.md, "Text signals"). Pure and deterministic; bump
 * INFERENCE_VERSION whenever a lexicon, a cue or a threshold changes, so that
 * stored items can be re-inferred.
 */
export const INFERENCE_VERSION = 'en-1';

/** Languages the model was measured on; other texts get no signals. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en'];

export interface TextSignals {
  language: 'en';
  inferenceVersion: string;
  /** In [−1, 1]; VADER's compound score. */
  sentiment: number;
  /** The words, negations and emoji that decided the sentiment ([] when neutral). */
  sentimentCues: string[];
  complaint: boolean;
  /** The phrases that made it a complaint ([] when it is not one). */
  complaintCues: string[];
}

/** The tone a complaint gives its text when VADER's words say otherwise. */
const DISPLEASED = -0.3;

/**
 * The guide's reading of a complaint's tone: never positive (a positive score on
 * a complaint is sarcasm or praise outweighed by the problem, so it is mirrored),
 * and negative as soon as it voices displeasure ("still", "again"); a calm
 * problem report keeps its neutral score.
 */
function complaintTone(sentiment: SentimentReading, complaint: ComplaintReading): SentimentReading {
  if (!complaint.complaint) return sentiment;
  if (sentiment.score > 0) return { score: -sentiment.score, cues: complaint.cues };
  if (sentiment.score > -NEUTRAL_BAND && complaint.toneCues.length > 0)
    return { score: DISPLEASED, cues: complaint.toneCues };
  return sentiment;
}

/** The signals of a text, or null when it is empty or not in a supported language (never guessed). */
export function inferSignals(text: string | null | undefined): TextSignals | null {
  if (!text) return null;
  const normalised = normaliseText(text);
  if (detectLanguage(normalised.clean, normalised.words) !== 'en') return null;
  const sentiment = readSentiment(normalised);
  const complaint = readComplaint(normalised, sentiment);
  const tone = complaintTone(sentiment, complaint);
  return {
    language: 'en',
    inferenceVersion: INFERENCE_VERSION,
    sentiment: tone.score,
    sentimentCues: tone.cues,
    complaint: complaint.complaint,
    complaintCues: complaint.cues,
  };
}
