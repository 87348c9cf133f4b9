import { EngagementPhase } from '../../../shared/vocabulary';
import { cadence, share, type Component } from '../component';
import type { EngagementSums } from '../../rollups/engagement-sums';

/** Do they hear what is said to them, and soon? (engagement-model.md §4) */
export function listeningComponents(s: EngagementSums): Component[] {
  return [
    share('coverage', 0.45, s.acknowledged, s.feedback),
    share('ackTimeliness', 0.35, s.ackTimeliness, s.feedback),
    cadence('listeningCadence', 0.2, s.activities[EngagementPhase.LISTENING], s.weeks, 1),
  ];
}
