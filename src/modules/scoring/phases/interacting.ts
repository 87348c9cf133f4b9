import { cadence, share, type Component } from '../component';
import type { EngagementSums } from '../../rollups/engagement-sums';

/** Do they answer, in time, the unhappy too, and start conversations? (engagement-model.md §4) */
export function interactingComponents(s: EngagementSums): Component[] {
  return [
    share('responseRate', 0.35, s.responded, s.needsResponse),
    share('responseTimeliness', 0.25, s.responseTimeliness, s.needsResponse),
    share('concernsAddressed', 0.25, s.negativeResponded, s.negative),
    cadence('proactiveCadence', 0.15, s.proactive, s.weeks, 1),
  ];
}
