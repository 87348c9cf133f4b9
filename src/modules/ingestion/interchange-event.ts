import type { Channel } from '../../shared/vocabulary';
import type { InteractionActivityInput } from '../activities/activity.types';
import type { InteractionFeedbackInput } from '../feedback/feedback.types';

/** The brand an imported item belongs to, found by slug (created when `create` says how). */
export interface BrandRef {
  slug: string;
  create?: { name: string; timezone: string };
  /** The audience (channel) the importer puts items in, found by name or created. */
  audience?: { name: string; channel: Channel };
}

export type ImportEvent =
  | { type: 'activity'; line: number; brand: BrandRef; input: InteractionActivityInput }
  | { type: 'feedback'; line: number; brand: BrandRef; input: InteractionFeedbackInput }
  /** A line that could not become an item: of a brand, or (brandSlug null) a bad line. */
  | { type: 'rejected'; line: number; brandSlug: string | null; reason: string }
  /** A well-formed line that the format's rules give to no brand. */
  | { type: 'unmapped'; line: number; reason: string };
