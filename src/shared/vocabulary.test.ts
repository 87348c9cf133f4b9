import {
  ActivityIntent as I,
  ActivityKind as K,
  defaultIntentOfKind,
  EngagementPhase as P,
  phaseOfKind,
} from './vocabulary';

// engagement-model.md §1, "Activity kinds and their phase"
const TABLE: [K, P, I][] = [
  [K.MONITORING, P.LISTENING, I.UNDERSTAND],
  [K.SURVEY, P.LISTENING, I.UNDERSTAND],
  [K.INTERVIEW, P.LISTENING, I.UNDERSTAND],
  [K.SOCIAL_LISTENING, P.LISTENING, I.UNDERSTAND],
  [K.ANALYSIS, P.PROCESSING, I.UNDERSTAND],
  [K.RESEARCH, P.PROCESSING, I.UNDERSTAND],
  [K.REPORT, P.PROCESSING, I.UNDERSTAND],
  [K.POLICY_CHANGE, P.PROCESSING, I.ACCOMMODATE],
  [K.REPLY, P.INTERACTING, I.ENGAGE],
  [K.DIRECT_MESSAGE, P.INTERACTING, I.ENGAGE],
  [K.WEBINAR, P.INTERACTING, I.ENGAGE],
  [K.LIVESTREAM, P.INTERACTING, I.ENGAGE],
  [K.EVENT, P.INTERACTING, I.ENGAGE],
  [K.COMMUNITY_CHAT, P.INTERACTING, I.ENGAGE],
  [K.POST, P.BROADCASTING, I.INFORM],
  [K.ARTICLE, P.BROADCASTING, I.INFORM],
  [K.NEWSLETTER, P.BROADCASTING, I.INFORM],
  [K.PRESS_RELEASE, P.BROADCASTING, I.PROMOTE],
  [K.AD, P.BROADCASTING, I.PROMOTE],
  [K.CAMPAIGN, P.BROADCASTING, I.PROMOTE],
];

describe('activity vocabulary', () => {
  it('covers every kind', () => {
    expect(TABLE.map(([k]) => k).sort()).toEqual(Object.values(K).sort());
  });

  it.each(TABLE)('%s is %s with default intent %s', (kind, phase, intent) => {
    expect(phaseOfKind(kind)).toBe(phase);
    expect(defaultIntentOfKind(kind)).toBe(intent);
  });
});
