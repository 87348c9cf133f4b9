import { registerEnumType } from 'type-graphql';

/** The engagement model's vocabulary (docs: engagement-model.md §1). */
export enum EngagementPhase {
  LISTENING = 'LISTENING',
  PROCESSING = 'PROCESSING',
  INTERACTING = 'INTERACTING',
  BROADCASTING = 'BROADCASTING',
}

export enum ActivityKind {
  MONITORING = 'MONITORING',
  SURVEY = 'SURVEY',
  INTERVIEW = 'INTERVIEW',
  SOCIAL_LISTENING = 'SOCIAL_LISTENING',
  ANALYSIS = 'ANALYSIS',
  RESEARCH = 'RESEARCH',
  REPORT = 'REPORT',
  POLICY_CHANGE = 'POLICY_CHANGE',
  REPLY = 'REPLY',
  DIRECT_MESSAGE = 'DIRECT_MESSAGE',
  WEBINAR = 'WEBINAR',
  LIVESTREAM = 'LIVESTREAM',
  EVENT = 'EVENT',
  COMMUNITY_CHAT = 'COMMUNITY_CHAT',
  POST = 'POST',
  ARTICLE = 'ARTICLE',
  NEWSLETTER = 'NEWSLETTER',
  PRESS_RELEASE = 'PRESS_RELEASE',
  AD = 'AD',
  CAMPAIGN = 'CAMPAIGN',
}

export enum ActivityIntent {
  INFORM = 'INFORM',
  PROMOTE = 'PROMOTE',
  ENGAGE = 'ENGAGE',
  UNDERSTAND = 'UNDERSTAND',
  ACCOMMODATE = 'ACCOMMODATE',
}

export enum Channel {
  TWITTER = 'TWITTER',
  FACEBOOK = 'FACEBOOK',
  INSTAGRAM = 'INSTAGRAM',
  LINKEDIN = 'LINKEDIN',
  YOUTUBE = 'YOUTUBE',
  TIKTOK = 'TIKTOK',
  EMAIL = 'EMAIL',
  BLOG = 'BLOG',
  FORUM = 'FORUM',
  APP_STORE = 'APP_STORE',
  WEBINAR = 'WEBINAR',
  IN_PERSON = 'IN_PERSON',
  OTHER = 'OTHER',
}

export enum FeedbackKind {
  COMMENT = 'COMMENT',
  QUESTION = 'QUESTION',
  COMPLAINT = 'COMPLAINT',
  SUGGESTION = 'SUGGESTION',
  REVIEW = 'REVIEW',
  PRAISE = 'PRAISE',
  MENTION = 'MENTION',
  SURVEY_RESPONSE = 'SURVEY_RESPONSE',
}

export enum FeedbackOutcome {
  NONE = 'NONE',
  ANSWERED = 'ANSWERED',
  RESOLVED = 'RESOLVED',
  ADOPTED = 'ADOPTED',
}

export enum ApiKeyScope {
  READ = 'READ',
  WRITE = 'WRITE',
  ADMIN = 'ADMIN',
}

const PHASE_OF_KIND: Record<ActivityKind, EngagementPhase> = {
  MONITORING: EngagementPhase.LISTENING,
  SURVEY: EngagementPhase.LISTENING,
  INTERVIEW: EngagementPhase.LISTENING,
  SOCIAL_LISTENING: EngagementPhase.LISTENING,
  ANALYSIS: EngagementPhase.PROCESSING,
  RESEARCH: EngagementPhase.PROCESSING,
  REPORT: EngagementPhase.PROCESSING,
  POLICY_CHANGE: EngagementPhase.PROCESSING,
  REPLY: EngagementPhase.INTERACTING,
  DIRECT_MESSAGE: EngagementPhase.INTERACTING,
  WEBINAR: EngagementPhase.INTERACTING,
  LIVESTREAM: EngagementPhase.INTERACTING,
  EVENT: EngagementPhase.INTERACTING,
  COMMUNITY_CHAT: EngagementPhase.INTERACTING,
  POST: EngagementPhase.BROADCASTING,
  ARTICLE: EngagementPhase.BROADCASTING,
  NEWSLETTER: EngagementPhase.BROADCASTING,
  PRESS_RELEASE: EngagementPhase.BROADCASTING,
  AD: EngagementPhase.BROADCASTING,
  CAMPAIGN: EngagementPhase.BROADCASTING,
};

const DEFAULT_INTENT_OF_PHASE: Record<EngagementPhase, ActivityIntent> = {
  LISTENING: ActivityIntent.UNDERSTAND,
  PROCESSING: ActivityIntent.UNDERSTAND,
  INTERACTING: ActivityIntent.ENGAGE,
  BROADCASTING: ActivityIntent.INFORM,
};

const DEFAULT_INTENT_OVERRIDES: Partial<Record<ActivityKind, ActivityIntent>> = {
  POLICY_CHANGE: ActivityIntent.ACCOMMODATE,
  PRESS_RELEASE: ActivityIntent.PROMOTE,
  AD: ActivityIntent.PROMOTE,
  CAMPAIGN: ActivityIntent.PROMOTE,
};

export function phaseOfKind(kind: ActivityKind): EngagementPhase {
  return PHASE_OF_KIND[kind];
}

export function defaultIntentOfKind(kind: ActivityKind): ActivityIntent {
  return DEFAULT_INTENT_OVERRIDES[kind] ?? DEFAULT_INTENT_OF_PHASE[PHASE_OF_KIND[kind]];
}

export const NEEDS_RESPONSE_KINDS: readonly FeedbackKind[] = [
  FeedbackKind.COMMENT,
  FeedbackKind.QUESTION,
  FeedbackKind.COMPLAINT,
  FeedbackKind.SUGGESTION,
  FeedbackKind.REVIEW,
];

/** Sentiment below this (strictly) makes feedback negative, as does the kind COMPLAINT. */
export const NEGATIVE_SENTIMENT_BELOW = -0.2;

/** Where a feedback item's effective sentiment comes from, first that has one (engagement-model.md, "Text signals"). */
export enum SentimentSource {
  CORRECTED = 'CORRECTED',
  PROVIDED = 'PROVIDED',
  INFERRED = 'INFERRED',
  NONE = 'NONE',
}

registerEnumType(EngagementPhase, { name: 'EngagementPhase' });
registerEnumType(ActivityKind, { name: 'ActivityKind' });
registerEnumType(ActivityIntent, { name: 'ActivityIntent' });
registerEnumType(Channel, { name: 'Channel' });
registerEnumType(FeedbackKind, { name: 'FeedbackKind' });
registerEnumType(FeedbackOutcome, { name: 'FeedbackOutcome' });
registerEnumType(ApiKeyScope, { name: 'ApiKeyScope' });
registerEnumType(SentimentSource, {
  name: 'SentimentSource',
  description:
    'CORRECTED (reclassifyFeedback) beats PROVIDED (the caller) beats INFERRED (the text model).',
});
