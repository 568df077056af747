import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { MailSendError, type MailTransport, type OutgoingMail } from './mail-types.ts';

/** An SMTP server as `.env` or an account's mail settings describe it. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS whenever the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** `Webinars <webinars@example.com>` */
  from: string;
}

/** Long enough for a slow relay, short enough that a dead one does not hold the mail loop. */
const TIMEOUT_MS = 30_000;

/**
 * Sends through an SMTP server with nodemailer. Our message id becomes the Message-ID
 * header, so a message retried after a lost answer can be recognised downstream. An
 * SMTP 5xx answer is permanent (a refused address or sender); 4xx and network trouble
 * pass, so the queue retries them.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp' as const;
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly settings: SmtpSettings) {
    this.transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user && { auth: { user: settings.user, pass: settings.password ?? '' } }),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<{ providerId: string | null }> {
    const domain = this.settings.from.match(/@([^>\s]+)/)?.[1] ?? 'localhost';
    try {
      const info = await this.transporter.sendMail({
        from: this.settings.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        messageId: `<${mail.id}@${domain}>`,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, encoding: 'base64', contentType: a.contentType })),
      });
      if (info.rejected.length > 0) throw new MailSendError(`The SMTP server refused ${info.rejected.join(', ')}: ${info.response}`, false);
      return { providerId: info.messageId ?? null };
    } catch (error) {
      if (error instanceof MailSendError) throw error;
      throw smtpError(error);
    }
  }

  /** Closes pooled connections (none are pooled today; kept for a clean stop). */
  close(): void {
    this.transporter.close();
  }
}

function smtpError(error: unknown): MailSendError {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    return new MailSendError(`The SMTP server answered ${e.response ?? e.responseCode}`, e.responseCode < 500);
  }
  // A wrong password is permanent until someone changes the settings.
  if (e.code === 'EAUTH') return new MailSendError(`The SMTP server refused the login: ${e.message ?? 'wrong user or password'}`, false);
  return new MailSendError(`The SMTP server could not be reached: ${e.message ?? String(error)}`, true);
}
