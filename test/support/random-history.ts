import { KINDS, MIN, START, type Act, type Fb } from './engagement-oracle';
import type { Random } from './random';

/** Random histories for the property test: feedback and activities of every kind, texts, links. */
const FEEDBACK_KINDS = [
  'COMMENT',
  'QUESTION',
  'COMPLAINT',
  'SUGGESTION',
  'REVIEW',
  'PRAISE',
  'MENTION',
  'SURVEY_RESPONSE',
];

export const OUTCOMES = ['NONE', 'ANSWERED', 'RESOLVED', 'ADOPTED'];

const INTENTS = ['INFORM', 'PROMOTE', 'ENGAGE', 'UNDERSTAND', 'ACCOMMODATE'];

export const TEXTS = [
  'My order still has not arrived after two weeks, this is terrible service',
  'Thanks so much, you guys are amazing!',
  'The app keeps crashing every time I log in',
  'Where is my refund? I was charged twice',
  'Il fait beau aujourd hui et je suis content',
  'I love the new update, great work',
  'ok',
];

export function generate(r: Random, audiences: string[]) {
  const feedback: Fb[] = Array.from({ length: 140 }, (_, i) => {
    const receivedAt = START + r.int(0, 120 * 24 * 60) * MIN;
    return {
      ext: `f${i}`,
      kind: r.pick(FEEDBACK_KINDS),
      sentiment: r.chance(0.3) ? null : Math.round((r.next() * 2 - 1) * 100) / 100,
      receivedAt,
      acknowledgedAt: r.chance(0.4) ? receivedAt + r.int(-60, 3000) * MIN : null,
      category: r.chance(0.3) ? r.pick(['billing', 'delivery', 'app']) : null,
      outcome: r.pick(OUTCOMES),
      audienceId: r.chance(0.3) ? null : r.pick(audiences),
      text: r.chance(0.5) ? r.pick(TEXTS) : null,
      corrected: {},
    };
  });
  const activities: Act[] = Array.from({ length: 170 }, () => {
    const kind = r.pick(Object.keys(KINDS));
    const [phase, intent] = KINDS[kind]!;
    const answers = phase === 'INTERACTING' && r.chance(0.7);
    const target = answers ? r.pick(feedback) : null;
    return {
      kind,
      intent: r.chance(0.3) ? r.pick(INTENTS) : intent!,
      // replies land around the feedback they answer (even before it, and after the window)
      occurredAt: target
        ? target.receivedAt + r.int(-30, 5000) * MIN
        : START + r.int(0, 120 * 24 * 60) * MIN,
      reach: phase === 'BROADCASTING' && r.chance(0.7) ? r.pick([0, r.int(1, 5000)]) : null,
      engagements: phase === 'BROADCASTING' && r.chance(0.6) ? r.int(0, 200) : null,
      audienceId: r.chance(0.3) ? null : r.pick(audiences),
      // some replies name feedback that never arrives
      replyToExt: target ? (r.chance(0.1) ? `missing-${r.int(0, 1e6)}` : target.ext) : null,
    };
  });
  return { feedback, activities };
}
