import { INFERENCE_VERSION, inferSignals } from '../text-signals/text-model';

/** The stored columns of what the text model read from a feedback item (snake_case, as stored). */
export interface InferredColumns {
  inferred_sentiment: number | null;
  inferred_complaint: boolean | null;
  sentiment_cues: string[];
  complaint_cues: string[];
  /** The model version that read the text; null without text. */
  inference_version: string | null;
}

/** Kinds whose complaint flag the text never changes (engagement-model.md, "Text signals"). */
const FIXED_COMPLAINT_KINDS: ReadonlySet<string> = new Set(['COMPLAINT', 'PRAISE']);

/** Whether the text model would be run for an item: it has text, and the model's word would be used. */
export function modelWanted(
  kind: string,
  providedSentiment: number | null,
  text: string | null,
): boolean {
  return !!text && (providedSentiment === null || !FIXED_COMPLAINT_KINDS.has(kind));
}

/**
 * What the text model contributes to an item: a sentiment only when the
 * caller gave none, a complaint flag only for kinds other than COMPLAINT and
 * PRAISE (the precedence of "Text signals"; corrections are stored apart).
 * The model is not run when nothing it says would be used.
 */
export function inferredColumns(
  kind: string,
  providedSentiment: number | null,
  text: string | null,
): InferredColumns {
  const none: InferredColumns = {
    inferred_sentiment: null,
    inferred_complaint: null,
    sentiment_cues: [],
    complaint_cues: [],
    inference_version: text ? INFERENCE_VERSION : null,
  };
  if (!modelWanted(kind, providedSentiment, text)) return none;
  const wantsSentiment = providedSentiment === null;
  const wantsComplaint = !FIXED_COMPLAINT_KINDS.has(kind);
  const signals = inferSignals(text);
  if (!signals) return none;
  return {
    inferred_sentiment: wantsSentiment ? signals.sentiment : null,
    inferred_complaint: wantsComplaint ? signals.complaint : null,
    sentiment_cues: wantsSentiment ? signals.sentimentCues : [],
    complaint_cues: wantsComplaint ? signals.complaintCues : [],
    inference_version: signals.inferenceVersion,
  };
}
