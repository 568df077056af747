import * as v from 'valibot';
import { MailLanguageSchema } from './registration-schemas.ts';

/** E-mail the product sends: the outbox the dashboard shows, and the account's mail settings (ACC-5). */

export const OutboxMessageOut = v.object({
  id: v.string(),
  kind: v.string(),
  to: v.string(),
  subject: v.string(),
  /** The plain-text part, shortened. */
  preview: v.string(),
  status: v.picklist(['outbox', 'queued', 'sending', 'sent', 'failed']),
  attachments: v.array(v.object({ filename: v.string(), contentType: v.string(), size: v.number() })),
  eventId: v.nullable(v.number()),
  attempts: v.number(),
  lastError: v.nullable(v.string()),
  createdAt: v.string(),
  sentAt: v.nullable(v.string()),
});
export type OutboxMessageOut = v.InferOutput<typeof OutboxMessageOut>;

/** One message whole, for reading it in the dashboard (and for scripts and tests). */
export const OutboxMessageFullOut = v.object({
  ...OutboxMessageOut.entries,
  html: v.string(),
  text: v.string(),
  headers: v.record(v.string(), v.string()),
  attachments: v.array(v.object({ filename: v.string(), contentType: v.string(), size: v.number(), content: v.string() })),
});
export type OutboxMessageFullOut = v.InferOutput<typeof OutboxMessageFullOut>;

export const MailSettingsBody = v.object({
  /** Null or empty: the product's own signature. */
  signature: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(2000)))),
  language: v.optional(MailLanguageSchema),
});

export const MailSettingsOut = v.object({
  signature: v.nullable(v.string()),
  language: MailLanguageSchema,
  /** Where e-mail goes: `outbox` when no provider is configured. */
  delivery: v.picklist(['outbox', 'resend']),
  /** The private ICS feed of the account's events; anyone with it can read them. */
  calendarFeedUrl: v.string(),
});
export type MailSettingsOut = v.InferOutput<typeof MailSettingsOut>;
