import { EngagementPhase } from '../../../shared/vocabulary';
import { cadence, share, type Component } from '../component';
import type { EngagementSums } from '../../rollups/engagement-sums';

/** Do they sort what they hear and act on it? (engagement-model.md §4) */
export function processingComponents(s: EngagementSums): Component[] {
  return [
    share('categorized', 0.4, s.categorized, s.feedback),
    share('actioned', 0.4, s.actioned, s.needsResponse),
    cadence('processingCadence', 0.2, s.activities[EngagementPhase.PROCESSING], s.weeks, 0.5),
  ];
}
