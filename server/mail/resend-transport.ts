import { Resend } from 'resend';
import { MailSendError, type MailTransport, type OutgoingMail } from './mail-types.ts';

/**
 * Sends through Resend's API. Our message id goes as the idempotency key: if a process
 * dies after Resend accepted a message but before we marked it sent, the retry is
 * recognised by Resend and not delivered a second time.
 */
export class ResendTransport implements MailTransport {
  readonly name = 'resend' as const;
  private readonly client: Resend;

  /** `baseUrl` is passed explicitly: the SDK would otherwise read RESEND_BASE_URL from the environment. */
  constructor(apiKey: string, private readonly from: string, baseUrl = 'https://api.resend.com') {
    this.client = new Resend(apiKey, { baseUrl });
  }

  async send(mail: OutgoingMail): Promise<{ providerId: string | null }> {
    let result: Awaited<ReturnType<Resend['emails']['send']>>;
    try {
      result = await this.client.emails.send({
        from: this.from,
        to: [mail.to],
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      }, { idempotencyKey: mail.id });
    } catch (error) {
      throw new MailSendError(`Resend could not be reached: ${String(error)}`, true);
    }
    if (result.error) {
      const status = (result.error as { statusCode?: number | null }).statusCode ?? null;
      // Rate limits and server trouble pass; a refused address or bad request will not.
      const retryable = status === null || status === 429 || status >= 500;
      throw new MailSendError(`Resend refused the message (${status ?? 'no status'}): ${result.error.message}`, retryable);
    }
    return { providerId: result.data?.id ?? null };
  }
}
