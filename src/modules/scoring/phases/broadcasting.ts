import { EngagementPhase } from '../../../shared/vocabulary';
import { cadence, saturatingRate, share, type Component } from '../component';
import type { EngagementSums } from '../../rollups/engagement-sums';

/** Do they publish regularly, to effect, and with value rather than promotion? (engagement-model.md §4) */
export function broadcastingComponents(s: EngagementSums): Component[] {
  const broadcasts = s.activities[EngagementPhase.BROADCASTING];
  return [
    cadence('broadcastCadence', 0.3, broadcasts, s.weeks, 3),
    saturatingRate('engagementRate', 0.4, s.broadcastEngagements, s.broadcastReach, 0.02),
    share('valueShare', 0.3, broadcasts - s.promotionalBroadcasts, broadcasts),
  ];
}
