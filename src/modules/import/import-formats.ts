import type { ImportEvent } from '../ingestion/interchange-event';
import { ndjsonEvents } from './ndjson-mapper';
import { playReviewEvents } from './play-reviews-mapper';
import { twcsEvents } from './twcs-mapper';

export const IMPORT_FORMATS: Record<string, (file: string) => AsyncIterable<ImportEvent>> = {
  twcs: twcsEvents,
  'play-reviews': playReviewEvents,
  ndjson: ndjsonEvents,
};
