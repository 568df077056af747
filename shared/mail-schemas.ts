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

/** Where the account's e-mail goes: `outbox` (kept, nothing leaves) when no transport is configured. */
export const MailDeliverySchema = v.picklist(['outbox', 'smtp', 'resend']);
export type MailDelivery = v.InferOutput<typeof MailDeliverySchema>;

/**
 * What a request that writes e-mail really did, for the screen to say so: `queued`
 * messages are on their way through the transport, `kept` ones stay in the outbox
 * because e-mail delivery is not set up.
 */
export const MailOutcomeOut = v.object({
  delivery: MailDeliverySchema,
  queued: v.number(),
  kept: v.number(),
});
export type MailOutcomeOut = v.InferOutput<typeof MailOutcomeOut>;

/** The account's own SMTP server (dashboard → E-mail → Delivery); the password is never sent back. */
export const SmtpSettingsBody = v.object({
  host: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the SMTP server.'), v.maxLength(253), v.regex(/^[^\s/:@]+$|^\[[0-9a-fA-F:.]+\]$/, 'Enter a host name or address, e.g. smtp.example.com.')),
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  secure: v.boolean(),
  user: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254)), ''),
  /** Left out: keep the stored password; empty: no password. */
  password: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  from: v.pipe(v.string(), v.trim(), v.maxLength(320), v.regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'Enter a sender such as Webinars <webinars@example.com>.')),
});
export type SmtpSettingsBody = v.InferOutput<typeof SmtpSettingsBody>;

export const SmtpSettingsOut = v.object({
  host: v.string(),
  port: v.number(),
  secure: v.boolean(),
  user: v.nullable(v.string()),
  hasPassword: v.boolean(),
  from: v.string(),
});

export const MailSettingsOut = v.object({
  signature: v.nullable(v.string()),
  language: MailLanguageSchema,
  /** Where e-mail goes: `outbox` when no provider is configured. */
  delivery: MailDeliverySchema,
  /** `account`: its own SMTP server below; `server`: the one the server is configured with; `none`. */
  deliverySource: v.picklist(['account', 'server', 'none']),
  smtp: v.nullable(SmtpSettingsOut),
  /** The private ICS feed of the account's events; anyone with it can read them. */
  calendarFeedUrl: v.string(),
});
export type MailSettingsOut = v.InferOutput<typeof MailSettingsOut>;
