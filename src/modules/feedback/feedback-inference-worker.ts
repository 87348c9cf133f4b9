import { inferredColumns, type InferredColumns } from './feedback-inference';

/** One task of the text model's thread: items as `[kind, provided sentiment, text]`. */
export type InferenceTask = readonly (readonly [string, number | null, string])[];

/** Run by piscina in the text model's worker thread (text-inference.ts). */
export function inferAll(task: InferenceTask): InferredColumns[] {
  return task.map(([kind, sentiment, text]) => inferredColumns(kind, sentiment, text));
}
