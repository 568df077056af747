import * as v from 'valibot';

/** Outgoing webhooks (POST-4): what an organizer can subscribe to, and the REST shapes. */
export const WEBHOOK_EVENT_TYPES = ['event.started', 'event.ended', 'attendee.joined', 'attendee.left', 'registration.created', 'poll.ended'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const Url = v.pipe(v.string(), v.trim(), v.maxLength(2000, 'At most 2,000 characters.'), v.url('An absolute URL such as https://crm.example.com/hooks.'));
const Types = v.pipe(v.array(v.picklist(WEBHOOK_EVENT_TYPES, `One of ${WEBHOOK_EVENT_TYPES.join(', ')}.`)), v.minLength(1, 'Choose at least one event.'));

export const WebhookEndpointBody = v.object({ url: Url, events: Types, enabled: v.optional(v.boolean(), true) });
export const WebhookEndpointPatch = v.object({ url: v.optional(Url), events: v.optional(Types), enabled: v.optional(v.boolean()) });

export const WebhookEndpointOut = v.object({
  id: v.string(),
  url: v.string(),
  events: v.array(v.string()),
  enabled: v.boolean(),
  /** The signing secret (`whsec_…`), for the receiver's Standard Webhooks library. */
  secret: v.string(),
  createdAt: v.string(),
});
export type WebhookEndpointOut = v.InferOutput<typeof WebhookEndpointOut>;

export const WebhookDeliveryOut = v.object({
  id: v.string(),
  endpointId: v.string(),
  url: v.string(),
  eventType: v.string(),
  status: v.picklist(['pending', 'delivered', 'failed', 'refused']),
  attempts: v.number(),
  lastStatusCode: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  lastResponse: v.nullable(v.string()),
  nextAttemptAt: v.nullable(v.string()),
  createdAt: v.string(),
  deliveredAt: v.nullable(v.string()),
  log: v.array(v.object({ at: v.string(), statusCode: v.nullable(v.number()), error: v.nullable(v.string()), durationMs: v.number() })),
});
export type WebhookDeliveryOut = v.InferOutput<typeof WebhookDeliveryOut>;
