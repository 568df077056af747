/** An e-mail as the templates produce it and the transports send it. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
}

export interface MailContent {
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  headers: Record<string, string>;
}

export interface OutgoingMail extends MailContent {
  /** Our message id: also the provider's idempotency key, so a retry never sends twice. */
  id: string;
  to: string;
}

/** Where e-mail goes: a provider, or nowhere (kept in the outbox). */
export type MailDelivery = 'outbox' | 'smtp' | 'resend';

/** Something that hands a message to the outside world (Resend, an SMTP server). */
export interface MailTransport {
  readonly name: 'resend' | 'smtp';
  send(mail: OutgoingMail): Promise<{ providerId: string | null }>;
}

/** A failure the transport says is worth retrying (network, 429, 5xx) or not (a refused address). */
export class MailSendError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'MailSendError';
  }
}
