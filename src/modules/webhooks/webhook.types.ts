import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookEvent {
  NEGATIVE_FEEDBACK = 'NEGATIVE_FEEDBACK',
  FEEDBACK_OVERDUE = 'FEEDBACK_OVERDUE',
  ENGAGEMENT_STAGE_CHANGED = 'ENGAGEMENT_STAGE_CHANGED',
}
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  valuesConfig: {
    NEGATIVE_FEEDBACK: { description: 'A new negative item (the model’s one predicate).' },
    FEEDBACK_OVERDUE: {
      description:
        "A negative item needing a response, unanswered past its brand's responseTargetMinutes; once.",
    },
    ENGAGEMENT_STAGE_CHANGED: { description: "A brand's stage over the last 30 days moved." },
  },
});

@ObjectType({ description: 'An endpoint that receives signed events (docs/live.md).' })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [WebhookEvent])
  events!: WebhookEvent[];

  @Field(() => ID, { nullable: true, description: 'Only this brand’s events; null: every brand.' })
  brandId!: string | null;

  @Field()
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the endpoint was disabled.' })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'Failing without a success since then.' })
  failingSince!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreateWebhookPayload {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field({ description: 'The signing secret: shown once, here.' })
  secret!: string;
}

@InputType()
export class CreateWebhookInput {
  @Field()
  url!: string;

  @Field(() => [WebhookEvent])
  events!: WebhookEvent[];

  @Field(() => ID, { nullable: true })
  brandId?: string | null;
}

@InputType()
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [WebhookEvent], { nullable: true })
  events?: WebhookEvent[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true re-enables a disabled endpoint (and forgets its failures).',
  })
  enabled?: boolean | null;
}

@ObjectType({ description: 'One delivery attempt of one event.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The event (Rapport-Event-Id): the same on every attempt.' })
  eventId!: string;

  @Field(() => WebhookEvent)
  type!: WebhookEvent;

  @Field(() => Int)
  attempt!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status; null: no response.' })
  status!: number | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  at!: Date;
}
